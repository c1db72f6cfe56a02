"""One definition of each funnel step (issue 15): a phone screen is an interview for the funnel's
steps, for the first-interview pass rate and for the drill-down list behind each number alike."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Interview, Milestone, Stage, Status
from applications.services import interview_add
from reflections.panels import funnel
from reflections.panels.filters import DashboardFilters
from tests.factories import ApplicationFactory, InterviewFactory
from tests.reflections.drill_down import titles_behind
from workflows import services

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["funnel"])
HTMX = {"HX-Request": "true"}


def interview(application: Application, stage: str, days_ago: int) -> None:
    """Log an interview as the application page does (it moves the status along)."""
    scheduled_at = timezone.now() - datetime.timedelta(days=days_ago)
    interview_add(
        interview=Interview(application=application, stage=stage, scheduled_at=scheduled_at),
        interviewers=[],
    )


def screened_out(user) -> Application:
    application = ApplicationFactory(user=user, role_title="Screened out")
    interview(application, Stage.PHONE_SCREEN, 9)
    services.rejection_record(application=application, stage_reached=Stage.PHONE_SCREEN)
    return application


@pytest.fixture
def data(alice, bob):
    screened_out(alice)
    second_round = ApplicationFactory(user=alice, role_title="Second round")
    interview(second_round, Stage.PHONE_SCREEN, 9)
    interview(second_round, Stage.TECHNICAL, 5)
    no_interview = ApplicationFactory(user=alice, role_title="Screening, no interview")
    services.application_change_status(application=no_interview, status=Status.SCREENING)
    offer = ApplicationFactory(user=alice, role_title="Offer")
    interview(offer, Stage.TECHNICAL, 8)
    services.application_change_status(application=offer, status=Status.OFFER)
    # Never sent: not counted, whatever it holds (logging it through interview_add would move
    # it out of the wishlist).
    wish = ApplicationFactory(user=alice, role_title="Wish", status=Status.WISHLIST)
    InterviewFactory(application=wish, stage=Stage.PHONE_SCREEN)
    # Another user's application never counts.
    screened_out(bob)


def by_label(result) -> dict[str, dict]:
    return {bar["label"]: bar for bar in result["steps"]}


def test_a_phone_screen_then_a_rejection_had_an_interview_and_is_0_of_1(alice_client, alice):
    screened_out(alice)
    result = funnel.compute(alice, DashboardFilters())
    steps = by_label(result)
    assert steps["Had an interview (a phone screen counts)"]["value"] == 1
    numbers = result["first_interview"]
    assert (numbers["passed"], numbers["decided"], numbers["percent"]) == (0, 1, 0)
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "your first-interview pass rate: 0 of <a" in html


def test_each_step_counts_exactly_what_its_label_says(alice, data):
    result = funnel.compute(alice, DashboardFilters())
    assert [(bar["label"], bar["value"]) for bar in result["steps"]] == [
        ("Applied", 4),
        ("Heard back (screening or further)", 4),
        ("Had an interview (a phone screen counts)", 3),
        ("Reached a final round", 1),
        ("Got an offer", 1),
    ]
    assert [bar["label"] for bar in result["steps"][1:]] == [
        milestone.label.capitalize() for milestone in Milestone
    ]


def test_the_pass_rate_counts_the_same_interviews(alice, data):
    numbers = funnel.compute(alice, DashboardFilters())["first_interview"]
    assert (numbers["passed"], numbers["decided"], numbers["percent"]) == (2, 3, 67)


def test_each_number_opens_exactly_its_applications(alice_client, alice, data):
    result = funnel.compute(alice, DashboardFilters())
    steps = by_label(result)
    expected = {
        "Applied": {"Screened out", "Second round", "Screening, no interview", "Offer"},
        "Heard back (screening or further)": {
            "Screened out",
            "Second round",
            "Screening, no interview",
            "Offer",
        },
        "Had an interview (a phone screen counts)": {"Screened out", "Second round", "Offer"},
        "Reached a final round": {"Offer"},
        "Got an offer": {"Offer"},
    }
    assert {label: titles_behind(alice_client, bar["url"]) for label, bar in steps.items()} == (
        expected
    )
    numbers = result["first_interview"]
    assert titles_behind(alice_client, numbers["decided_url"]) == {
        "Screened out",
        "Second round",
        "Offer",
    }
    assert titles_behind(alice_client, numbers["passed_url"]) == {"Second round", "Offer"}


def test_the_decided_list_is_within_the_had_an_interview_list(alice_client, alice, data):
    result = funnel.compute(alice, DashboardFilters())
    had_an_interview = by_label(result)["Had an interview (a phone screen counts)"]["url"]
    decided = result["first_interview"]["decided_url"]
    assert titles_behind(alice_client, decided) <= titles_behind(alice_client, had_an_interview)


def test_the_panel_says_a_phone_screen_counts(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "Had an interview (a phone screen counts)" in html
    assert "Heard back (screening or further)" in html
    assert "at least one interview logged (a phone screen counts)" in html
