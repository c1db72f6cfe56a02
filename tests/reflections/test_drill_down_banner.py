"""The list behind a dashboard number says which number it is, and per row what was counted."""

import datetime
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Milestone, Outcome, Stage, Status
from applications.selectors.conditions import FeedbackProgress, InterviewFate
from reflections.drill_down import DrillDown, Practice, describe
from reflections.panels.filters import DashboardFilters
from tests.factories import (
    ApplicationFactory,
    FeedbackFactory,
    InterviewFactory,
    OutcomeFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("drill_down", "status", "words"),
    [
        (DrillDown(theme="experience"), "", "Rejected for Experience"),
        (DrillDown(reached=Milestone.INTERVIEW), "", "Had an interview (a phone screen counts)"),
        (DrillDown(reached=Milestone.OFFER), "", "Got an offer"),
        (DrillDown(rejected_at=Stage.PHONE_SCREEN), Status.REJECTED, "Rejected at: Phone screen"),
        (DrillDown(), Status.REJECTED, "Rejected"),
        (DrillDown(), "", "Sent applications"),
        (
            DrillDown(rating=4, rating_outcome=InterviewFate.REJECTED),
            "",
            "An interview you rated 4 of 5, and then the rejection",
        ),
        (DrillDown(rating_min=4), "", "An interview you rated 4 or more"),
        (
            DrillDown(weakness="prep_company_research", practice=Practice.SINCE),
            "",
            "“Researched the company, its history and the position” needed work (since you worked on it)",
        ),
        (DrillDown(missing="Kubernetes"), "", "Missing “Kubernetes”"),
        (DrillDown(ended=True, feedback=FeedbackProgress.BOTH), "", None),
        (DrillDown(month=datetime.date(2026, 5, 1)), "", "Applied in May 2026"),
        (
            DrillDown(interview_month=datetime.date(2026, 5, 1)),
            "",
            "Had an interview in May 2026",
        ),
        (
            DrillDown(week=datetime.date(2026, 5, 4)),
            "",
            "Applied in the week of 4 May 2026",
        ),
    ],
)
def test_banner_words_name_the_number(drill_down, status, words):
    described = describe(drill_down, status=status)
    if words is None:
        assert described == (
            "Ended (rejected, withdrawn or no response), feedback requested and received"
        )
    else:
        assert described == words


def test_weakness_words_use_the_checklist_label():
    # Whatever the item is called today, the banner quotes its label, never its key.
    described = describe(DrillDown(weakness="prep_company_research"))
    assert "prep_company_research" not in described


def rejected_for_experience(user, *, inferred: bool, role_title: str):
    application = ApplicationFactory(user=user, status=Status.REJECTED, role_title=role_title)
    if inferred:
        OutcomeFactory(
            application=application,
            stage_reached=Stage.TECHNICAL,
            reason="Another candidate had more experience with Kafka.",
        )
    else:
        OutcomeFactory(application=application, stage_reached=Stage.PHONE_SCREEN)
        FeedbackFactory(application=application, themes=["experience"])
    return application


def test_theme_list_says_which_number_and_what_each_row_counted(alice_client, alice):
    rejected_for_experience(alice, inferred=True, role_title="Data Engineer")
    rejected_for_experience(alice, inferred=False, role_title="Analyst")
    ApplicationFactory(user=alice, role_title="Unrelated")
    url = DashboardFilters().drill_down(theme="experience")
    html = unescape(alice_client.get(url).content.decode())
    assert "Rejected for Experience: 2 applications" in html
    assert (
        "Experience: inferred from the employer's words “Another candidate had more "
        "experience with Kafka.”" in html
    )
    assert "Experience: in the employer's feedback, or confirmed by you" in html
    assert "Rejected at: Technical" in html
    assert "Rejected at: Phone screen" in html
    assert "Unrelated" not in html


def test_interview_list_names_the_first_interview_in_each_row(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    InterviewFactory(
        application=application,
        stage=Stage.PHONE_SCREEN,
        scheduled_at=timezone.make_aware(datetime.datetime(2026, 4, 7, 10)),
    )
    url = DashboardFilters().drill_down(reached=Milestone.INTERVIEW)
    html = unescape(alice_client.get(url).content.decode())
    assert "Had an interview (a phone screen counts): 1 application" in html
    assert "Counted:</span> First interview: Phone screen, 7 Apr 2026" in html


def test_rating_list_shows_the_rating_counted(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    InterviewFactory(application=application, rating=4, stage=Stage.TECHNICAL)
    InterviewFactory(application=application, rating=2, stage=Stage.PHONE_SCREEN)
    html = unescape(alice_client.get(DashboardFilters().drill_down(rating=4)).content.decode())
    assert "An interview you rated 4 of 5: 1 application" in html
    assert "Interview rated 4 of 5 (Technical)" in html


def test_rejections_at_a_stage_list_the_stage_per_row(alice_client, alice):
    for _ in range(2):
        application = ApplicationFactory(user=alice, status=Status.REJECTED)
        OutcomeFactory(application=application, stage_reached=Outcome.StageReached.APPLICATION)
    url = DashboardFilters().drill_down(
        status=Status.REJECTED, rejected_at=Outcome.StageReached.APPLICATION
    )
    html = unescape(alice_client.get(url).content.decode())
    assert "Rejected at: Application (no interview): 2 applications" in html
    assert html.count("Counted:</span> Rejected at: Application (no interview)") == 2


def test_the_plain_application_list_has_no_banner_nor_counted_text(alice_client, alice):
    rejected_for_experience(alice, inferred=True, role_title="Data Engineer")
    html = unescape(alice_client.get(reverse("application_list")).content.decode())
    assert "drill-down-banner" not in html
    assert "Counted:" not in html


def test_the_banner_count_follows_a_search_within_the_list(alice_client, alice):
    rejected_for_experience(alice, inferred=True, role_title="Data Engineer")
    rejected_for_experience(alice, inferred=False, role_title="Analyst")
    url = DashboardFilters().drill_down(theme="experience") + "&q=data"
    response = alice_client.get(url, **HTMX)
    assert "Rejected for Experience: 1 application<" in unescape(response.content.decode())


def test_drill_down_list_queries_do_not_grow_with_rows(
    alice_client, alice, django_assert_max_num_queries
):
    for index in range(6):
        application = rejected_for_experience(
            alice, inferred=index % 2 == 0, role_title=f"R{index}"
        )
        InterviewFactory(application=application, rating=4)
    url = DashboardFilters().drill_down(theme="experience", rating=4)
    # Session and user, the page's count and rows, "has applications": the per-row text is
    # read from annotations, never a query per row.
    with django_assert_max_num_queries(6):
        response = alice_client.get(url)
    assert response.content.decode().count("Counted:</span>") == 6
