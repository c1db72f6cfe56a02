"""The tables behind the guesses: header names, statuses, sources; the date and salary readers."""

import datetime

import pytest

from applications.models import Application, Status
from portability.spreadsheet.mapping import (
    DateOrder,
    DateUnreadable,
    Field,
    Salary,
    date_order_evidence,
    date_parse,
    mapping_guess,
    salary_parse,
    source_match,
    status_match,
)

HEADER_GUESSES = [
    ("Company", Field.COMPANY),
    ("Employer", Field.COMPANY),
    ("Organization", Field.COMPANY),
    ("Organisation", Field.COMPANY),
    ("company_name", Field.COMPANY),
    ("Role", Field.ROLE_TITLE),
    ("Position", Field.ROLE_TITLE),
    ("Job Title", Field.ROLE_TITLE),
    ("JobTitle", Field.ROLE_TITLE),
    ("job title", Field.ROLE_TITLE),
    ("Date Applied", Field.DATE_APPLIED),
    ("Applied On", Field.DATE_APPLIED),
    ("appliedDate", Field.DATE_APPLIED),
    ("Date", Field.DATE_APPLIED),
    ("Status", Field.STATUS),
    ("Stage", Field.STATUS),
    ("Application Status", Field.STATUS),
    ("URL", Field.POSTING_URL),
    ("Job URL", Field.POSTING_URL),
    ("Link", Field.POSTING_URL),
    ("Location", Field.LOCATION),
    ("Salary", Field.SALARY),
    ("Salary Range", Field.SALARY),
    ("Compensation", Field.SALARY),
    ("Source", Field.SOURCE),
    ("Found via", Field.SOURCE),
    ("Notes", Field.NOTES),
    ("Comments", Field.NOTES),
    ("Contact", Field.CONTACT),
    ("Contact Name", Field.CONTACT),
    ("Recruiter", Field.CONTACT),
    ("  📅 Date applied ", Field.DATE_APPLIED),
]


@pytest.mark.parametrize(("header", "field"), HEADER_GUESSES)
def test_header_guess(header, field):
    assert mapping_guess(["Something else", header]) == {field: 1}


@pytest.mark.parametrize("header", ["Favourite colour", "Description", "Id", ""])
def test_headers_that_are_not_guessed(header):
    assert mapping_guess([header]) == {}


def test_the_first_column_that_matches_wins_and_each_field_is_guessed_once():
    headers = ["Employer", "Job Title", "Company", "Applied On", "Date", "Stage", "Link"]
    assert mapping_guess(headers) == {
        Field.COMPANY: 0,
        Field.ROLE_TITLE: 1,
        Field.DATE_APPLIED: 3,
        Field.STATUS: 5,
        Field.POSTING_URL: 6,
    }


STATUS_MATCHES = [
    ("❌ Rejected", Status.REJECTED),
    ("Rejected!", Status.REJECTED),
    ("rejected after onsite", Status.REJECTED),
    ("Not selected", Status.REJECTED),
    ("Unsuccessful", Status.REJECTED),
    ("Not moving forward", Status.REJECTED),
    ("Submitted", Status.APPLIED),
    ("Applied", Status.APPLIED),
    ("Application sent", Status.APPLIED),
    ("Interviewing", Status.INTERVIEWING),
    ("Interview scheduled", Status.INTERVIEWING),
    ("2nd interview", Status.INTERVIEWING),
    ("Technical", Status.INTERVIEWING),
    ("Phone screen", Status.SCREENING),
    ("Screening", Status.SCREENING),
    ("Offer 🎉", Status.OFFER),
    ("Offer received", Status.OFFER),
    ("Offer accepted", Status.ACCEPTED),
    ("Accepted", Status.ACCEPTED),
    ("Hired", Status.ACCEPTED),
    ("Offer declined", Status.WITHDRAWN),
    ("Withdrawn", Status.WITHDRAWN),
    ("I withdrew", Status.WITHDRAWN),
    ("Ghosted 👻", Status.NO_RESPONSE),
    ("No response", Status.NO_RESPONSE),
    ("no_response", Status.NO_RESPONSE),
    ("Never heard back", Status.NO_RESPONSE),
    ("Wishlist", Status.WISHLIST),
    ("Saved", Status.WISHLIST),
    ("Not applied yet", Status.WISHLIST),
    ("To apply", Status.WISHLIST),
    ("  SCREENING  ", Status.SCREENING),
]


@pytest.mark.parametrize(("text", "status"), STATUS_MATCHES)
def test_status_match(text, status):
    assert status_match(text) == status


@pytest.mark.parametrize("text", ["Declined", "Maybe", "🤷", "", "In limbo"])
def test_statuses_that_are_not_clear_are_not_matched(text):
    assert status_match(text) is None


NEGATED_STATUSES = [
    # A negation no pattern reads: the text is not clear, the user says what it means.
    ("Not rejected", None),
    ("No interview", None),
    ("Didn't get an interview", None),
    ("Not yet interviewed", None),
    ("Haven't applied yet", None),
    ("Interview declined", None),  # declined by whom?
    # Negations a pattern reads.
    ("Not submitted", Status.WISHLIST),
    ("Not offered", Status.REJECTED),
    ("Not interested", Status.WITHDRAWN),
    ("No longer interested", Status.WITHDRAWN),
    ("Offer not accepted", Status.WITHDRAWN),
    # A negation denies only what follows it in its clause.
    ("Rejected - not a fit", Status.REJECTED),
    ("Rejected, no feedback", Status.REJECTED),
    ("Rejected (no interview)", Status.REJECTED),
    ("Not a good fit, rejected", Status.REJECTED),
    ("Applied, no interview yet", Status.APPLIED),
]


@pytest.mark.parametrize(("text", "status"), NEGATED_STATUSES)
def test_negations(text, status):
    assert status_match(text) == status


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/31/99", datetime.date(1999, 12, 31)),
        ("31.12.98", datetime.date(1998, 12, 31)),
        ("5 Mar 24", datetime.date(2024, 3, 5)),
        ("1/15/26", datetime.date(2026, 1, 15)),
        ("1/15/27", datetime.date(2027, 1, 15)),  # next year: a date planned ahead, still 20xx
        ("1/15/28", datetime.date(1928, 1, 15)),
    ],
)
def test_two_digit_years_more_than_a_year_ahead_are_last_century(text, expected):
    assert date_parse(text, today=datetime.date(2026, 6, 1)) == expected


SALARY_TEXTS_THAT_ARE_NOT_CLEAR = [
    ("£45k (2024)", Salary(45_000, 45_000, "GBP")),  # a year in parentheses is not an amount
    ("2 weeks notice, 90k", Salary(90_000, 90_000, "")),  # "2" is no range with 90k
    ("120k-160", Salary(120_000, 160_000, "")),  # the k counts for both ends
    ("Admin band 60k", Salary(60_000, 60_000, "")),  # "min" inside "Admin" is not a minimum
    ("Minimum 40k", Salary(40_000, None, "")),
    ("max. 80k", Salary(None, 80_000, "")),
    ("90k base + 10k bonus", Salary(None, None, "")),  # two amounts, not a range: not clear
    ("USD 100k - USD 120k", Salary(100_000, 120_000, "USD")),
]


@pytest.mark.parametrize(("text", "salary"), SALARY_TEXTS_THAT_ARE_NOT_CLEAR)
def test_salary_amounts_are_paired_only_across_a_range(text, salary):
    assert salary_parse(text) == salary


@pytest.mark.parametrize("status", list(Status))
def test_every_status_label_matches_itself(status):
    assert status_match(status.label) == status


SOURCE_MATCHES = [
    ("LinkedIn", Application.Source.JOB_BOARD),
    ("Indeed", Application.Source.JOB_BOARD),
    ("job board", Application.Source.JOB_BOARD),
    ("Glassdoor", Application.Source.JOB_BOARD),
    ("Referral", Application.Source.REFERRAL),
    ("Referred by Sam", Application.Source.REFERRAL),
    ("LinkedIn referral", Application.Source.REFERRAL),
    ("Recruiter", Application.Source.RECRUITER),
    ("Agency", Application.Source.RECRUITER),
    ("Company site", Application.Source.COMPANY_SITE),
    ("Careers page", Application.Source.COMPANY_SITE),
    ("Company website", Application.Source.COMPANY_SITE),
    ("Network", Application.Source.NETWORK),
    ("Networking event", Application.Source.NETWORK),
    ("Former colleague", Application.Source.NETWORK),
]


@pytest.mark.parametrize(("text", "source"), SOURCE_MATCHES)
def test_source_match(text, source):
    assert source_match(text) == source


@pytest.mark.parametrize("text", ["Newspaper", "Hacker News", ""])
def test_sources_left_to_other(text):
    assert source_match(text) is None


TODAY = datetime.date(2025, 6, 15)
D = datetime.date

DATES = [
    ("2024-03-05", None, D(2024, 3, 5)),
    ("2024/3/5", None, D(2024, 3, 5)),
    ("2024-03-05T14:30:00Z", None, D(2024, 3, 5)),
    ("2024-03-05T14:30:00.123+02:00", None, D(2024, 3, 5)),
    ("2024-03-05 14:30", None, D(2024, 3, 5)),
    ("25/03/2024", None, D(2024, 3, 25)),
    ("03/25/2024", None, D(2024, 3, 25)),
    ("25.03.24", None, D(2024, 3, 25)),
    ("05/05/2024", None, D(2024, 5, 5)),
    ("03/04/2024", DateOrder.DMY, D(2024, 4, 3)),
    ("03/04/2024", DateOrder.MDY, D(2024, 3, 4)),
    ("5 March 2024", None, D(2024, 3, 5)),
    ("March 5th, 2024", None, D(2024, 3, 5)),
    ("Tue, 5 Mar 24", None, D(2024, 3, 5)),
    ("5-Mar-2024", None, D(2024, 3, 5)),
    # Without a year: the latest such day not after today.
    ("5 March", None, D(2025, 3, 5)),
    ("Dec 24", None, D(2024, 12, 24)),
    ("25/03", None, D(2025, 3, 25)),
    ("03/04", DateOrder.MDY, D(2025, 3, 4)),
    ("20/12", None, D(2024, 12, 20)),
]


@pytest.mark.parametrize(("text", "order", "expected"), DATES)
def test_date_parse(text, order, expected):
    assert date_parse(text, order, TODAY) == expected


UNREADABLE_DATES = [
    ("03/04/2024", None, "could be 3 April or 4 March: choose day first or month first"),
    ("31/02/2024", None, "is not a date"),
    ("13/13/2024", None, "is not a date"),
    ("13/14/2024", None, "is not a date"),
    ("25/03/2024", DateOrder.MDY, "is not a date"),
    ("yesterday", None, "is not a date Rebound can read"),
    ("2024-13-01", None, "is not a date"),
    ("March 2024", None, "has no day"),
    ("45352", None, "is not a date Rebound can read"),
    ("soon-ish", None, "is not a date Rebound can read"),
]


@pytest.mark.parametrize(("text", "order", "message"), UNREADABLE_DATES)
def test_a_date_that_cannot_be_read_is_refused_never_guessed(text, order, message):
    with pytest.raises(DateUnreadable, match=message):
        date_parse(text, order, TODAY)


def test_date_order_evidence():
    assert date_order_evidence(["03/04/2024", "25/03/2024"]) == DateOrder.DMY
    assert date_order_evidence(["03/04/2024", "03/25/2024"]) == DateOrder.MDY
    assert date_order_evidence(["03/04/2024", "2024-01-30"]) is None
    assert date_order_evidence(["25/03/2024", "03/25/2024"]) is None  # contradicts itself


SALARIES = [
    ("$120K-$160K", Salary(120_000, 160_000, "USD")),
    ("120-160k", Salary(120_000, 160_000, "")),
    ("€45.000 – €55.000", Salary(45_000, 55_000, "EUR")),
    ("£60,000", Salary(60_000, 60_000, "GBP")),
    ("USD 100k+", Salary(100_000, None, "USD")),
    ("up to 90k EUR", Salary(None, 90_000, "EUR")),
    ("CA$95,000 to CA$105,000", Salary(95_000, 105_000, "CAD")),
    ("1.2M", Salary(1_200_000, 1_200_000, "")),
    ("90/hr", Salary(None, None, "")),
    ("$65 per hour", Salary(None, None, "USD")),
    ("€4000 monthly", Salary(None, None, "EUR")),
    ("competitive", Salary(None, None, "")),
    ("Remote Europe 70k", Salary(70_000, 70_000, "")),
]


@pytest.mark.parametrize(("text", "salary"), SALARIES)
def test_salary_parse(text, salary):
    assert salary_parse(text) == salary
