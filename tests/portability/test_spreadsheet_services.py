"""spreadsheet_import: what each row becomes, the status history and endings, duplicates,
errors per row, and one transaction whatever happens."""

import datetime

import pytest
from django.utils import timezone

from applications.models import Application, Company, Contact, Outcome, Status, StatusChange
from portability.spreadsheet.mapping import DateOrder, mapping_guess
from portability.spreadsheet.reading import sheet_read
from portability.spreadsheet.services import ImportOptions, spreadsheet_import, spreadsheet_plan
from reflections.models import Reflection
from tests.factories import ApplicationFactory, CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db


def run(user, text, **options):
    sheet = sheet_read(text.encode())
    return spreadsheet_import(
        user=user,
        sheet=sheet,
        mapping=mapping_guess(sheet.headers),
        options=ImportOptions(**options),
    )


def test_a_row_becomes_an_application_with_its_fields(alice):
    result = run(
        alice,
        "Company,Job Title,Date Applied,Status,Link,Location,Salary,Source,Notes\n"
        "Acme,Data Analyst,2024-03-05,Submitted,jobs.example.com/42,Berlin,€60k-€70k,LinkedIn,"
        "Nice team\n",
    )
    assert result.imported == 1 and result.written
    application = Application.objects.get(user=alice)
    assert application.company.name == "Acme"
    assert application.role_title == "Data Analyst"
    assert application.date_applied == datetime.date(2024, 3, 5)
    assert application.status == Status.APPLIED
    assert application.posting_url == "https://jobs.example.com/42"
    assert application.location == "Berlin"
    assert (application.salary_min, application.salary_max) == (60_000, 70_000)
    assert application.salary_currency == "EUR"
    assert application.source == Application.Source.JOB_BOARD
    assert application.notes == "Nice team\nSalary: €60k-€70k"


def test_it_reuses_the_users_company_whatever_its_case(alice):
    company = CompanyFactory(user=alice, name="ACME")
    run(alice, "Company,Role\nacme,Engineer\n")
    assert Application.objects.get(user=alice).company == company
    assert Company.objects.filter(user=alice).count() == 1


def test_status_history_is_one_step_dated_from_the_file(alice):
    run(alice, "Company,Role,Date Applied,Status\nAcme,Engineer,2024-03-05,Interviewing\n")
    application = Application.objects.get(user=alice)
    step = StatusChange.objects.get(application=application)
    assert (step.from_status, step.to_status) == ("", Status.INTERVIEWING)
    assert timezone.localdate(step.changed_at) == datetime.date(2024, 3, 5)
    assert not Outcome.objects.exists()


def test_a_row_without_a_date_stays_undated(alice):
    run(alice, "Company,Role,Date\nAcme,Engineer,\n")
    application = Application.objects.get(user=alice)
    assert application.date_applied is None
    assert application.status_changes.count() == 1


def test_an_empty_status_is_applied(alice):
    run(alice, "Company,Role,Status\nAcme,Engineer,\n")
    assert Application.objects.get(user=alice).status == Status.APPLIED


def test_a_rejection_goes_through_rejection_record_with_its_draft_reflection(alice):
    run(alice, "Company,Role,Date Applied,Status\nAcme,Engineer,2024-03-05,❌ Rejected\n")
    application = Application.objects.get(user=alice)
    assert application.status == Status.REJECTED
    assert list(application.status_changes.values_list("from_status", "to_status")) == [
        ("", Status.REJECTED)
    ]
    outcome = Outcome.objects.get(application=application)
    assert outcome.result == Outcome.Result.REJECTED
    assert outcome.decided_on == datetime.date(2024, 3, 5)
    reflection = Reflection.objects.get(application=application)
    assert reflection.trigger == Reflection.Trigger.REJECTION


@pytest.mark.parametrize(
    ("text", "status", "result"),
    [
        ("Withdrawn", Status.WITHDRAWN, Outcome.Result.WITHDRAWN),
        ("Ghosted", Status.NO_RESPONSE, Outcome.Result.NO_RESPONSE),
        ("Offer 🎉", Status.OFFER, Outcome.Result.OFFER),
    ],
)
def test_endings_and_offers_get_their_outcome(alice, text, status, result):
    run(alice, f"Company,Role,Status\nAcme,Engineer,{text}\n")
    application = Application.objects.get(user=alice)
    assert application.status == status
    assert application.outcome.result == result
    assert application.status_changes.count() == 1
    assert not Reflection.objects.exists()


def test_an_accepted_offer_has_no_outcome_to_record(alice):
    run(alice, "Company,Role,Status\nAcme,Engineer,Accepted\n")
    application = Application.objects.get(user=alice)
    assert application.status == Status.ACCEPTED
    assert not Outcome.objects.exists()


def test_a_source_it_does_not_know_is_other_with_the_text_in_notes(alice):
    run(alice, "Company,Role,Source,Notes\nAcme,Engineer,Newspaper ad,\n")
    application = Application.objects.get(user=alice)
    assert application.source == Application.Source.OTHER
    assert application.notes == "Source: Newspaper ad"


def test_an_hourly_rate_is_kept_in_notes_only(alice):
    run(alice, "Company,Role,Salary\nAcme,Engineer,90/hr\n")
    application = Application.objects.get(user=alice)
    assert (application.salary_min, application.salary_max) == (None, None)
    assert application.notes == "Salary: 90/hr"


def test_a_link_that_is_not_a_url_goes_to_the_notes(alice):
    run(alice, "Company,Role,URL\nAcme,Engineer,see email\n")
    application = Application.objects.get(user=alice)
    assert application.posting_url == ""
    assert application.notes == "Link: see email"


def test_contact_is_a_recruiter_at_the_company_reused_by_name(alice):
    existing = ContactFactory(user=alice, name="Sam Lee")
    run(
        alice,
        "Company,Role,Contact,Source\n"
        "Acme,Engineer,Jo Park,LinkedIn\n"
        "Beta,Engineer,jo park,\n"
        "Gamma,Engineer,sam lee,Referral\n",
    )
    jo = Contact.objects.get(user=alice, name="Jo Park")
    assert jo.role == Contact.Role.RECRUITER
    assert jo.company.name == "Acme"
    assert Contact.objects.filter(user=alice).count() == 2
    gamma = Application.objects.get(company__name="Gamma")
    assert gamma.referrer == existing  # a referral's contact is its referrer
    assert Application.objects.get(company__name="Acme").referrer is None


# Duplicates: same company, role and date, within the file and against the account.


def test_duplicates_within_the_file_are_skipped_and_reported(alice):
    result = run(
        alice,
        "Company,Role,Date Applied\n"
        "Acme,Engineer,2024-03-05\n"
        "ACME , engineer,05/03/2024\n"
        "Acme,Engineer,2024-04-01\n",
        date_order=DateOrder.DMY,
    )
    assert result.imported == 2
    assert [(note.row, note.reason) for note in result.plan.duplicates] == [
        (3, "the same as row 2")
    ]
    assert Application.objects.filter(user=alice).count() == 2


def test_duplicates_of_the_accounts_applications_are_skipped_and_reported(alice, bob):
    ApplicationFactory(
        user=alice,
        company=CompanyFactory(user=alice, name="Acme"),
        role_title="Engineer",
        date_applied=datetime.date(2024, 3, 5),
    )
    ApplicationFactory(
        user=bob,
        company=CompanyFactory(user=bob, name="Beta"),
        role_title="QA",
        date_applied=datetime.date(2024, 3, 5),
    )
    result = run(alice, "Company,Role,Date Applied\nAcme,Engineer,2024-03-05\nBeta,QA,2024-03-05\n")
    assert [(note.row, note.reason) for note in result.plan.duplicates] == [
        (2, "already in your applications")
    ]
    assert result.imported == 1  # bob's application is not alice's duplicate


# Errors per row, and the transaction.

BAD_FILE = (
    "Company,Role,Date Applied,Status\n"
    "Acme,Engineer,2024-03-05,Rejected\n"
    "Beta,QA,31/02/2024,Applied\n"
    "Gamma,Analyst,2024-03-07,In limbo\n"
    ",Designer,2024-03-08,Applied\n"
    "Delta,PM,03/04/2024,Offer\n"
)


def test_errors_are_reported_per_row_with_the_reason(alice):
    result = run(alice, BAD_FILE)
    assert [(note.row, note.reason) for note in result.plan.errors] == [
        (3, "the date “31/02/2024” is not a date"),
        (4, "the status “In limbo” is not one Rebound knows: choose what it means"),
        (5, "no company"),
        (
            6,
            "the date “03/04/2024” could be 3 April or 4 March: choose day first or month first",
        ),
    ]


def test_a_failed_import_changes_nothing(alice):
    ApplicationFactory(user=alice)
    before = (
        Application.objects.count(),
        Company.objects.count(),
        StatusChange.objects.count(),
        Outcome.objects.count(),
        Reflection.objects.count(),
        Contact.objects.count(),
    )
    result = run(alice, BAD_FILE)
    assert result.imported == 0 and not result.written
    after = (
        Application.objects.count(),
        Company.objects.count(),
        StatusChange.objects.count(),
        Outcome.objects.count(),
        Reflection.objects.count(),
        Contact.objects.count(),
    )
    assert after == before


def test_skip_bad_rows_imports_the_rest(alice):
    result = run(alice, BAD_FILE, skip_bad_rows=True)
    assert result.imported == 1
    assert list(Application.objects.filter(user=alice).values_list("company__name", flat=True)) == [
        "Acme"
    ]


def test_the_users_status_and_date_choices_fix_the_rows(alice):
    result = run(
        alice,
        BAD_FILE.replace(",Designer", "Epsilon,Designer").replace("31/02/2024", "28/02/2024"),
        date_order=DateOrder.DMY,
        statuses={"in limbo": Status.SCREENING, "offer": None},
    )
    assert [(note.row, note.reason) for note in result.plan.errors] == [
        (6, "the status “Offer” is not one Rebound knows: choose what it means")
    ]
    assert result.imported == 0
    result = run(
        alice,
        BAD_FILE.replace(",Designer", "Epsilon,Designer").replace("31/02/2024", "28/02/2024"),
        date_order=DateOrder.DMY,
        statuses={"in limbo": Status.SCREENING},
    )
    assert result.imported == 5
    assert Application.objects.get(company__name="Gamma").status == Status.SCREENING
    assert Application.objects.get(company__name="Delta").date_applied == datetime.date(2024, 4, 3)


def test_a_failure_while_writing_rolls_back_every_row(alice, monkeypatch):
    """The applications are written before the endings: a failure on the second ending undoes
    all of them, and the companies."""
    from portability.spreadsheet import services

    calls = []
    original = services.workflows.outcome_record

    def fail_on_the_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(**kwargs)

    monkeypatch.setattr(services.workflows, "outcome_record", fail_on_the_second)
    with pytest.raises(RuntimeError):
        run(alice, "Company,Role,Status\nAcme,Engineer,Rejected\nBeta,QA,Offer\nGamma,QA,\n")
    assert not Application.objects.exists()
    assert not Company.objects.exists()
    assert not Reflection.objects.exists()


def test_a_dry_run_is_the_same_code_rolled_back(alice):
    result = run(alice, "Company,Role,Status\nAcme,Engineer,Rejected\nBeta,QA,\n", dry_run=True)
    assert result.imported == 2 and not result.written
    assert not Application.objects.exists()
    assert not Reflection.objects.exists()


def test_the_plan_lists_each_distinct_status_and_what_it_becomes(alice):
    sheet = sheet_read(b"Company,Role,Status\nA,r,Rejected!\nB,r,rejected!\nC,r,Maybe\nD,r,\n")
    plan = spreadsheet_plan(
        user=alice, sheet=sheet, mapping=mapping_guess(sheet.headers), options=ImportOptions()
    )
    assert [(value.text, value.rows, value.status) for value in plan.statuses] == [
        ("Rejected!", 2, Status.REJECTED),
        ("Maybe", 1, None),
        ("", 1, Status.APPLIED),
    ]
    assert not Application.objects.exists()


def test_too_long_values_are_row_errors(alice):
    result = run(alice, f"Company,Role\n{'A' * 201},Engineer\n")
    assert result.plan.errors[0].reason == "the company name is longer than 200 characters"


def queries_to_import(user, rows: int, status: str = "Applied") -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    lines = ["Company,Role,Status,Contact,Source"]
    lines += [f"Company {n % 7},Role {n},{status},Sam {n % 3},Referral" for n in range(rows)]
    with CaptureQueriesContext(connection) as queries:
        result = run(user, "\n".join(lines) + "\n")
    assert result.imported == rows
    return len(queries)


def test_rows_without_an_ending_are_written_in_a_fixed_number_of_queries(alice, bob):
    """Companies, contacts, applications and status steps are read and written in bulk: 300
    rows took 3,377 queries when each went through application_create."""
    few, many = queries_to_import(alice, 5), queries_to_import(bob, 200)
    assert many <= few + 2, (few, many)  # +2: bulk inserts split into batches


def test_an_ending_costs_a_bounded_number_of_queries_per_row(alice, bob):
    """Each ending goes through the workflow row by row (outcome, draft reflection)."""
    few, many = queries_to_import(alice, 5, "Rejected"), queries_to_import(bob, 25, "Rejected")
    assert (many - few) / 20 <= 16, (few, many)


def test_bulk_import_writes_what_application_create_would(alice):
    """Referrer, contacts, companies of any case, and one dated status step each."""
    CompanyFactory(user=alice, name="ACME")
    ContactFactory(user=alice, name="SAM", company=None)
    run(
        alice,
        "Company,Role,Date Applied,Status,Contact,Source\n"
        "acme,Engineer,2024-03-05,Applied,sam,Referral\n"
        "Beta,QA,,Interviewing,Kim,LinkedIn\n"
        "BETA,Dev,2024-03-06,Rejected,kim,Referral\n",
    )
    acme, beta = Company.objects.get(name="ACME"), Company.objects.get(name="Beta")
    assert Company.objects.filter(user=alice).count() == 2
    engineer = Application.objects.get(role_title="Engineer")
    assert engineer.company == acme and engineer.referrer.name == "SAM"
    qa = Application.objects.get(role_title="QA")
    assert qa.company == beta and qa.referrer is None and qa.date_applied is None
    kim = Contact.objects.get(user=alice, name="Kim")
    assert kim.company == beta and kim.role == Contact.Role.RECRUITER
    assert Application.objects.get(role_title="Dev").referrer == kim
    steps = StatusChange.objects.filter(application__user=alice)
    assert steps.count() == 3 and {step.from_status for step in steps} == {""}
    assert steps.get(application=engineer).changed_at.date() == datetime.date(2024, 3, 5)
    assert Reflection.objects.get(application__role_title="Dev")
