"""Every page, proven in Chromium at a phone's width (375 px) and a laptop's (1280 px), for an
account with a 30-character username and a realistic job search behind it: axe-core finds no
serious or critical violation, the page never scrolls sideways, and a full-page screenshot is
saved to test-artifacts/screens/ for a person to look at.

The pages come from the URLconf: test_every_page_is_proven_or_excluded fails when a URL that
answers a GET is neither in PAGES / SIGNED_OUT_PAGES nor in NOT_PAGES with a reason, so a new
page cannot be forgotten. Each width is one test with one browser context that visits every
page (seeding once per test; pytest-django flushes the database after each live-server test),
and the failure lists every problem found, page by page, rather than stopping at the first.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts.services import signup_token
from applications.models import Application, Contact, Interview, Outcome, Stage, Status
from portability.models import SpreadsheetUpload
from reflections import services as reflecting
from reflections.models import Reflection
from tests.browser.conftest import (
    ARTIFACTS,
    FAILING_IMPACTS,
    LAPTOP,
    PHONE,
    axe_violations,
    describe_violation,
    log_in_tab,
    preload_axe,
    sideways_overflow,
    widest_elements,
)
from tests.factories import (
    DEFAULT_PASSWORD,
    ActionItemFactory,
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
    QuestionFactory,
    UserFactory,
)
from tests.generated.urlconf_walk import project_urls, url_for
from workflows import services as workflows

# Thirty characters: the longest name the navigation must still fit beside everything else.
LONG_USERNAME = "konstantinos_papadopoulou_smit"
SCREENS = ARTIFACTS / "screens"

LONG_COMPANIES = [
    "Vandenberghe-Okonkwo International Freight & Logistics Holdings GmbH",
    "Aurora Borealis Renewable Energy Cooperative of Northern Scandinavia",
    "Meridian Capital Markets & Institutional Asset Management Partners LLP",
    "Kestrel Robotics",
    "Blue Harbor Health",
]
LONG_ROLES = [
    "Senior Staff Platform Reliability Engineer, Payments Infrastructure (Distributed Systems)",
    "Principal Machine Learning Engineer – Recommendations & Personalisation Platform",
    "Lead Full-Stack Developer (Python/Django, TypeScript/React), Customer Onboarding Squad",
    "Data Engineer",
    "Engineering Manager, Developer Experience and Internal Tooling",
]
# A posting URL as people paste them: long, with no place to break.
LONG_URL = (
    "https://careers.vandenberghe-okonkwo-international-logistics.example.com/jobs/2026/"
    "senior-staff-platform-reliability-engineer-payments-infrastructure"
    "?utm_source=linkedin&utm_medium=jobposting&utm_campaign=spring-hiring-2026"
)
REQUIREMENTS = "\n".join(
    [
        "7+ years of professional Python experience building distributed systems at scale",
        "Kubernetes in production, including operators and custom resource definitions",
        "Strong SQL and PostgreSQL knowledge (query planning, partitioning, replication)",
        "Fluent English; German is a plus",
    ]
)
STATUS_MIX = [
    Status.WISHLIST,
    Status.WISHLIST,
    Status.APPLIED,
    Status.APPLIED,
    Status.APPLIED,
    Status.APPLIED,
    Status.APPLIED,
    Status.SCREENING,
    Status.SCREENING,
    Status.INTERVIEWING,
    Status.INTERVIEWING,
    Status.INTERVIEWING,
    Status.OFFER,
    Status.ACCEPTED,
    Status.WITHDRAWN,
    Status.NO_RESPONSE,
]
REJECTION_REASONS = [
    "We went with a candidate with more experience in the payments domain.",
    "Another candidate's technical skills were a closer match for the team.",
    "We decided to fill the role with an internal candidate.",
    "We went with someone with more hands-on experience at this level.",
]


@dataclass
class Account:
    """The seeded user and the objects the page table's URLs point at."""

    user: Any
    application: Application
    company: Any
    contact: Contact
    interview: Interview
    feedback: Any
    reflection: Reflection
    action_item: Any
    question: Any
    upload: SpreadsheetUpload


def seed_account(username: str = LONG_USERNAME) -> Account:
    """About twenty applications across every status, with long names, interviews with
    debriefs, four rejections (one reflection partly filled), feedback, action items,
    questions, contacts and companies: what a few weeks of a real search look like."""
    user = UserFactory(username=username)
    today = timezone.localdate()
    companies = [CompanyFactory(user=user, name=name) for name in LONG_COMPANIES]
    contacts = [
        ContactFactory(
            user=user,
            company=company,
            name=name,
            role=role,
            phone="+49 30 1234 5678 90",
            profile_url="https://www.linkedin.com/in/" + name.lower().replace(" ", "-"),
        )
        for company, name, role in zip(
            companies,
            [
                "Maria-Magdalena Vandenberghe-Okonkwo",
                "Jean-Baptiste Delacroix-Fontaine",
                "Priya Raghunathan-Subramaniam",
            ],
            [Contact.Role.RECRUITER, Contact.Role.HIRING_MANAGER, Contact.Role.INTERVIEWER],
            strict=False,
        )
    ]

    applications = []
    for number, status in enumerate(STATUS_MIX):
        applications.append(
            ApplicationFactory(
                user=user,
                company=companies[number % len(companies)],
                role_title=LONG_ROLES[number % len(LONG_ROLES)],
                status=status,
                posting_url=LONG_URL if number % 3 == 0 else "",
                location="Remote (EU), with quarterly on-sites in Berlin or Amsterdam",
                requirements=REQUIREMENTS,
                salary_min=72_000,
                salary_max=95_000,
                date_applied=today - datetime.timedelta(days=3 + 2 * number),
                source=list(Application.Source)[number % len(Application.Source)],
            )
        )

    interviews = []
    for application in applications[9:12]:
        interview = InterviewFactory(
            application=application,
            stage=Stage.TECHNICAL,
            scheduled_at=timezone.now() - datetime.timedelta(days=4),
            rating=3,
            questions="Walk me through the design of a rate limiter for a payments API\n"
            "Tell me about a time you disagreed with your manager",
            debrief_notes="Friendly panel; ran out of time on the last question.",
        )
        interview.interviewers.set(contacts[1:])
        workflows.interview_record_debrief(interview=interview)
        interviews.append(interview)
    InterviewFactory(
        application=applications[9],
        stage=Stage.FINAL,
        scheduled_at=timezone.now() + datetime.timedelta(days=3),
        preparation_notes="Read the engineering blog; prepare the migration story.",
    )

    rejected = []
    for number, reason in enumerate(REJECTION_REASONS):
        application = ApplicationFactory(
            user=user,
            company=companies[number],
            role_title=LONG_ROLES[number],
            status=Status.INTERVIEWING,
            requirements=REQUIREMENTS,
            posting_url=LONG_URL,
            date_applied=today - datetime.timedelta(days=30 + number),
        )
        first = InterviewFactory(
            application=application,
            stage=Stage.PHONE_SCREEN,
            scheduled_at=timezone.now() - datetime.timedelta(days=20 + number),
            rating=4,
            questions="Why do you want this job?\nWhat are your salary expectations?",
            debrief_notes="Good conversation about the team's roadmap.",
        )
        workflows.interview_record_debrief(interview=first)
        FeedbackFactory(
            application=application,
            interview=first,
            from_whom="Maria-Magdalena Vandenberghe-Okonkwo (Talent Acquisition Partner)",
            themes=["experience", "skills"] if number % 2 == 0 else ["internal_candidate"],
        )
        workflows.rejection_record(
            application=application,
            decided_on=today - datetime.timedelta(days=number),
            stage_reached=Outcome.StageReached.PHONE_SCREEN,
            reason=reason,
        )
        rejected.append(application)

    reflection = Reflection.objects.get(application=rejected[0])
    reflecting.reflection_save_section(
        reflection=reflection,
        section_key="perspective",
        answers={"feeling": 2, "support_needed": "no"},
    )
    reflecting.reflection_save_section(
        reflection=reflection,
        section_key="fit",
        answers={
            "fit_really_wanted": 4,
            "fit_culture_concerns": "Lots of on-call, and the scope was narrower than posted.",
            "fit_interest_came_across": "partly",
        },
    )
    action_item = ActionItemFactory(
        user=user,
        reflection=reflection,
        title="Practise STAR answers for conflict questions with a friend before Friday",
    )
    ActionItemFactory(user=user, title="Book the AWS Solutions Architect certification exam")
    ActionItemFactory(
        user=user,
        title="Rewrite the CV summary",
        due_on=today - datetime.timedelta(days=2),
    )
    question = QuestionFactory(
        user=user,
        text="Describe a situation where you had to deliver with incomplete information "
        "and competing priorities from three different stakeholders.",
    )
    QuestionFactory(user=user, text="How would you design a URL shortener?", category="technical")
    upload = SpreadsheetUpload.objects.create(
        user=user,
        filename="my-applications-2026-export-from-the-old-spreadsheet.csv",
        content=(
            b"Company,Role,Applied,Status,Link\n"
            b"Acme,Backend Engineer,2026-03-01,Applied,https://jobs.example.com/1\n"
            b"Globex,Data Analyst,2026-03-04,Rejected,https://jobs.example.com/2\n"
        ),
    )
    return Account(
        user=user,
        application=rejected[0],
        company=companies[0],
        contact=contacts[0],
        interview=interviews[0],
        feedback=rejected[0].feedback.get(),
        reflection=reflection,
        action_item=action_item,
        question=question,
        upload=upload,
    )


def _url(name: str, *args: Any) -> str:
    return reverse(name, args=args)


# Every page a signed-in user can open: URL name -> its address for the seeded account.
PAGES: dict[str, Callable[[Account], str]] = {
    "home": lambda a: _url("home"),
    "application_list": lambda a: _url("application_list"),
    "application_board": lambda a: _url("application_board"),
    "company_list": lambda a: _url("company_list"),
    "contact_list": lambda a: _url("contact_list"),
    "application_detail": lambda a: _url("application_detail", a.application.pk),
    "company_detail": lambda a: _url("company_detail", a.company.pk),
    "application_quick_add": lambda a: _url("application_quick_add"),
    "application_edit": lambda a: _url("application_edit", a.application.pk),
    "interview_create": lambda a: _url("interview_create", a.application.pk),
    "interview_edit": lambda a: _url("interview_edit", a.interview.pk),
    "interview_debrief": lambda a: _url("interview_debrief", a.interview.pk),
    "feedback_create": lambda a: _url("feedback_create", a.application.pk),
    "feedback_edit": lambda a: _url("feedback_edit", a.feedback.pk),
    "outcome_edit": lambda a: _url("outcome_edit", a.application.pk),
    "follow_up_compose": lambda a: _url("follow_up_compose", a.application.pk, "thank-you"),
    "company_create": lambda a: _url("company_create"),
    "company_edit": lambda a: _url("company_edit", a.company.pk),
    "contact_create": lambda a: _url("contact_create"),
    "contact_edit": lambda a: _url("contact_edit", a.contact.pk),
    "reflection_list": lambda a: _url("reflection_list"),
    "reflection_detail": lambda a: _url("reflection_detail", a.reflection.pk),
    "reflection_closing": lambda a: _url("reflection_closing", a.reflection.pk),
    "action_item_list": lambda a: _url("action_item_list"),
    "action_item_edit": lambda a: _url("action_item_edit", a.action_item.pk),
    "question_list": lambda a: _url("question_list"),
    "question_create": lambda a: _url("question_create"),
    "question_edit": lambda a: _url("question_edit", a.question.pk),
    "question_practice": lambda a: _url("question_practice"),
    "dashboard": lambda a: _url("dashboard"),
    "dashboard_panel": lambda a: _url("dashboard_panel", "reasons"),
    "drill_down_list": lambda a: _url("drill_down_list") + "?theme=experience",
    "source_list": lambda a: _url("source_list"),
    "account_settings": lambda a: _url("account_settings"),
    "password_change": lambda a: _url("password_change"),
    "password_change_done": lambda a: _url("password_change_done"),
    "calendar_settings": lambda a: _url("calendar_settings"),
    "archive_import": lambda a: _url("archive_import"),
    "spreadsheet_upload": lambda a: _url("spreadsheet_upload"),
    "spreadsheet_map": lambda a: _url("spreadsheet_map", a.upload.pk),
    "spreadsheet_preview": lambda a: _url("spreadsheet_preview", a.upload.pk),
    "application_delete": lambda a: _url("application_delete", a.application.pk),
    "delete_account": lambda a: _url("delete_account"),
}
# Pages of someone signed out.
SIGNED_OUT_PAGES: dict[str, Callable[[Account], str]] = {
    "login": lambda a: _url("login"),
    "signup": lambda a: _url("signup"),
    "signup_sent": lambda a: _url("signup_sent"),
    "signup_finish": lambda a: _url("signup_finish", signup_token("newcomer@example.com")),
    "password_reset": lambda a: _url("password_reset"),
    "password_reset_done": lambda a: _url("password_reset_done"),
    "password_reset_complete": lambda a: _url("password_reset_complete"),
}
_SAME_CONFIRMATION = "the same confirm_delete.html as application_delete, which is proven"
# URLs that answer a GET but are not pages to prove, each with the reason.
NOT_PAGES = {
    "company_name_suggestions": "an htmx fragment: the options of the company field's datalist",
    "contact_name_suggestions": "an htmx fragment: the options of the referrer field's datalist",
    "calendar_feed": "an iCalendar file for calendar apps, not a page",
    "export_json": "a download (JSON), not a page",
    "export_zip": "a download (ZIP), not a page",
    "action_item_create": "a GET redirects to the action list, whose form posts here",
    "password_reset_confirm": "redirects to the set-password form of a reset link, which "
    "needs a real emailed token; the same layout as password_reset",
    "company_delete": _SAME_CONFIRMATION,
    "contact_delete": _SAME_CONFIRMATION,
    "interview_delete": _SAME_CONFIRMATION,
    "feedback_delete": _SAME_CONFIRMATION,
    "outcome_delete": _SAME_CONFIRMATION,
    "reflection_delete": _SAME_CONFIRMATION,
    "question_delete": _SAME_CONFIRMATION,
    "action_item_delete": _SAME_CONFIRMATION,
}
DARK_PAGES = ["home", "dashboard", "reflection_detail"]


@pytest.mark.django_db
def test_every_page_is_proven_or_excluded(alice):
    """A URL that answers a GET (anything but 405) is in a page table or in NOT_PAGES."""
    urls = {name for name in project_urls() if not name.startswith("admin:")}
    listed = set(PAGES) | set(SIGNED_OUT_PAGES) | set(NOT_PAGES)
    assert listed - urls == set(), "the tables name URLs that no longer exist"
    client = Client()
    client.force_login(alice)
    forgotten = []
    for name in sorted(urls - listed):
        url, _ = url_for(name, alice)
        if client.get(url).status_code != 405:
            forgotten.append(name)
    assert forgotten == [], (
        f"pages neither proven nor excluded: {forgotten}; add each to PAGES (or "
        "SIGNED_OUT_PAGES), or to NOT_PAGES with the reason it is not a page"
    )


def test_the_seeded_username_is_thirty_characters():
    assert len(LONG_USERNAME) == 30


@dataclass
class PageCheck:
    """What one page at one width showed."""

    page: str
    width: int
    failing: list[str]
    other: list[str]
    overflow: int
    widest: list[str]
    console_errors: list[str]

    def problems(self) -> list[str]:
        where = f"{self.page} at {self.width} px"
        found = [f"{where}: {line}" for line in self.failing]
        if self.overflow > 0:
            found.append(f"{where}: scrolls sideways by {self.overflow} px ({self.widest})")
        found += [f"{where}: console: {message}" for message in self.console_errors]
        return found


def load_everything(tab) -> None:
    """Scroll each part still loading into view (the dashboard loads its lower panels as they
    come into view) until none is left: the page as a user who scrolled through it sees it."""
    busy = tab.locator("[aria-busy=true]")
    for _ in range(50):
        remaining = tab.evaluate(
            """() => {
              const busy = document.querySelectorAll("[aria-busy=true]");
              if (busy.length) busy[0].scrollIntoView({block: "center"});
              return busy.length;
            }"""
        )
        if remaining == 0:
            break
        tab.wait_for_timeout(100)
    expect(busy).to_have_count(0)
    tab.evaluate("window.scrollTo(0, 0)")


class Prover:
    """One browser context at one width (and colour scheme) that proves page after page."""

    def __init__(self, browser, base_url: str, viewport: dict, color_scheme: str = "light"):
        self.width = viewport["width"]
        self.label = "" if color_scheme == "light" else f"-{color_scheme}"
        self.context = browser.new_context(
            base_url=base_url, viewport=viewport, color_scheme=color_scheme
        )
        self.context.set_default_timeout(10_000)
        preload_axe(self.context)
        self.tab = self.context.new_page()
        self.console_errors: list[str] = []
        self.tab.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.tab.on("pageerror", lambda error: self.console_errors.append(str(error)))
        self.checks: list[PageCheck] = []

    def prove(self, name: str, url: str) -> None:
        self.console_errors.clear()
        response = self.tab.goto(url)
        assert response is not None and response.ok, f"{name}: {url} answered {response}"
        load_everything(self.tab)
        violations = axe_violations(self.tab)
        overflow = sideways_overflow(self.tab)
        SCREENS.mkdir(parents=True, exist_ok=True)
        self.tab.screenshot(
            path=str(SCREENS / f"{name}{self.label}-{self.width}.png"), full_page=True
        )
        self.checks.append(
            PageCheck(
                page=name + self.label,
                width=self.width,
                failing=[
                    line
                    for v in violations
                    if v["impact"] in FAILING_IMPACTS
                    for line in describe_violation(v)
                ],
                other=[
                    line
                    for v in violations
                    if v["impact"] not in FAILING_IMPACTS
                    for line in describe_violation(v)
                ],
                overflow=overflow,
                widest=widest_elements(self.tab) if overflow > 0 else [],
                console_errors=list(self.console_errors),
            )
        )

    def report(self) -> list[str]:
        """Prints the moderate and minor findings, writes everything to test-artifacts/axe/,
        and returns the problems that fail the test."""
        other = [
            f"{check.page} at {check.width} px: {line}"
            for check in self.checks
            for line in check.other
        ]
        if other:
            print("axe findings below serious (not failing):\n" + "\n".join(other))
        problems = [problem for check in self.checks for problem in check.problems()]
        folder = ARTIFACTS / "axe"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"pages{self.label}-{self.width}.json").write_text(
            json.dumps([check.__dict__ for check in self.checks], indent=2)
        )
        self.context.close()
        return problems


def _prove_every_page(chromium, live_server, viewport) -> list[str]:
    account = seed_account()
    prover = Prover(chromium, live_server.url, viewport)
    for name, url in SIGNED_OUT_PAGES.items():
        prover.prove(name, url(account))
    log_in_tab(prover.tab, LONG_USERNAME, DEFAULT_PASSWORD)
    for name, url in PAGES.items():
        prover.prove(name, url(account))
    return prover.report()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_at_375_px_passes_axe_and_never_scrolls_sideways(chromium, live_server):
    problems = _prove_every_page(chromium, live_server, PHONE)
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_at_1280_px_passes_axe_and_never_scrolls_sideways(chromium, live_server):
    problems = _prove_every_page(chromium, live_server, LAPTOP)
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375px", "1280px"])
def test_dark_mode_keeps_contrast_on_home_dashboard_and_reflection(chromium, live_server, viewport):
    account = seed_account()
    prover = Prover(chromium, live_server.url, viewport, color_scheme="dark")
    log_in_tab(prover.tab, LONG_USERNAME, DEFAULT_PASSWORD)
    assert prover.tab.evaluate("document.documentElement.dataset.bsTheme") == "dark"
    for name in DARK_PAGES:
        prover.prove(name, PAGES[name](account))
    problems = prover.report()
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems)
