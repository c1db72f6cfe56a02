"""Guessing a posting's role and company from its page title and address (no database)."""

import pytest

from applications.posting import PostingGuess, company_from_address, guess_posting

CASES = [
    # (title, url, role, company)
    (
        "Senior Engineer - Acme | LinkedIn",
        "https://www.linkedin.com/jobs/view/3912345678/",
        "Senior Engineer",
        "Acme",
    ),
    (
        "(3) Acme hiring Data Analyst in Berlin, Germany | LinkedIn",
        "https://www.linkedin.com/jobs/view/3912345678/",
        "Data Analyst",
        "Acme",
    ),
    (
        "Acme is hiring a Product Manager",
        "https://example.org/post/1",
        "Product Manager",
        "Acme",
    ),
    (
        "Job Application for Backend Dev at Acme",
        "https://boards.greenhouse.io/acme/jobs/4012345",
        "Backend Dev",
        "Acme",
    ),
    (
        "Backend Engineer - Acme | Greenhouse",
        "https://boards.greenhouse.io/acme/jobs/4012345",
        "Backend Engineer",
        "Acme",
    ),
    (
        "Careers at Acme — Product Designer",
        "https://acme.com/careers/product-designer",
        "Product Designer",
        "Acme",
    ),
    (
        "Product Designer – Careers at Globex",
        "https://example.net/x",
        "Product Designer",
        "Globex",
    ),
    (
        "Software Engineer - Acme Careers",
        "https://example.net/x",
        "Software Engineer",
        "Acme",
    ),
    # Lever puts the company first; the address says which part it is.
    (
        "Initech - Senior Backend Engineer",
        "https://jobs.lever.co/initech/7c1d2e3f-aaaa-bbbb-cccc-123456789abc",
        "Senior Backend Engineer",
        "Initech",
    ),
    # The title's spelling of the company wins over the address's.
    (
        "OpenWidgets Inc. - Data Engineer",
        "https://jobs.lever.co/openwidgets/123",
        "Data Engineer",
        "OpenWidgets Inc.",
    ),
    # Workday titles are the role alone; the host names the employer.
    (
        "Senior Financial Analyst",
        "https://acme.wd1.myworkdayjobs.com/en-US/External/job/Berlin/Senior-Financial-Analyst_R123",
        "Senior Financial Analyst",
        "Acme",
    ),
    (
        "Product Designer - Remote",
        "https://apply.workable.com/hooli/j/ABC123/",
        "Product Designer",
        "Hooli",
    ),
    (
        "Staff Engineer",
        "https://jobs.ashbyhq.com/umbrella-corp/abc",
        "Staff Engineer",
        "Umbrella Corp",
    ),
    (
        "QA Engineer",
        "https://acme.recruitee.com/o/qa-engineer",
        "QA Engineer",
        "Acme",
    ),
    (
        "Site Reliability Engineer",
        "https://jobs.acme.com/sre-123",
        "Site Reliability Engineer",
        "Acme",
    ),
    (
        "Site Reliability Engineer",
        "https://careers.acme-robotics.co.uk/jobs/42",
        "Site Reliability Engineer",
        "Acme Robotics",
    ),
    (
        "Backend Developer at Vandelay Industries",
        "https://example.org/listing/9",
        "Backend Developer",
        "Vandelay Industries",
    ),
    (
        "Data Analyst - Acme GmbH - Berlin | Indeed.com",
        "https://de.indeed.com/viewjob?jk=abc123",
        "Data Analyst",
        "Acme GmbH",
    ),
    # Job boards name no company; when the title does not either, it stays blank.
    (
        "Acme Data Analyst Job in Berlin | Glassdoor",
        "https://www.glassdoor.com/job-listing/data-analyst-JV_IC123.htm",
        "Acme Data Analyst",
        "",
    ),
    ("Data Analyst", "https://www.indeed.com/viewjob?jk=abc123", "Data Analyst", ""),
    ("Senior Hiring Manager", "https://example.org/a", "Senior Hiring Manager", ""),
    ("Some blog post", "https://medium.com/@someone/some-post", "Some blog post", ""),
    ("", "", "", ""),
    ("", "https://jobs.lever.co/initech/123", "", "Initech"),
]


@pytest.mark.parametrize(("title", "url", "role", "company"), CASES)
def test_guess_posting(title, url, role, company):
    assert guess_posting(title, url) == PostingGuess(role=role, company=company)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/jobs/view/1",
        "https://uk.indeed.com/viewjob?jk=1",
        "https://www.glassdoor.co.uk/job-listing/x",
        "https://jobs.lever.co/",
        "http://localhost:8000/careers/",
        "http://127.0.0.1/jobs/1",
        "file:///home/me/careers/posting.html",
        "javascript:alert(1)",
        "https://[::1/careers",
        "not a url",
        "https://www.acme.com/about",
    ],
)
def test_addresses_that_name_no_employer(url):
    assert company_from_address(url) == ""


def test_guesses_fit_the_application_fields():
    guess = guess_posting("R" * 500 + " - " + "C" * 500, "")
    assert (len(guess.role), len(guess.company)) == (200, 200)
