"""The drill-down list: the applications behind a dashboard number."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Stage, Status
from reflections import services as reflection_services
from reflections.drill_down import drill_down_applications
from reflections.forms import DrillDownForm
from tests.factories import ApplicationFactory, FeedbackFactory, InterviewFactory, OutcomeFactory
from workflows import services

pytestmark = pytest.mark.django_db


def titles(user, **params) -> set[str]:
    """The applications behind a link with these parameters, read as the drill-down list does."""
    form = DrillDownForm({"show": "all", **{name: str(value) for name, value in params.items()}})
    assert form.is_valid(), form.errors
    applications = drill_down_applications(user, form.filters(), form.drill_down())
    return set(applications.values_list("role_title", flat=True))


def test_reached_follows_status_history_and_interviews(alice):
    ApplicationFactory(user=alice, role_title="only applied")
    screened = ApplicationFactory(user=alice, role_title="screened")
    services.application_change_status(application=screened, status=Status.SCREENING)
    interviewed = ApplicationFactory(user=alice, role_title="interviewed")
    InterviewFactory(application=interviewed, stage=Stage.TECHNICAL)
    final = ApplicationFactory(user=alice, role_title="final")
    InterviewFactory(application=final, stage=Stage.FINAL)
    offered = ApplicationFactory(user=alice, role_title="offered")
    services.application_change_status(application=offered, status=Status.OFFER)
    assert titles(alice, reached="screening") == {"screened", "interviewed", "final", "offered"}
    assert titles(alice, reached="interview") == {"interviewed", "final", "offered"}
    assert titles(alice, reached="final") == {"final", "offered"}
    assert titles(alice, reached="offer") == {"offered"}


def test_rejected_at_a_stage(alice):
    technical = ApplicationFactory(user=alice, role_title="technical")
    services.rejection_record(application=technical, stage_reached=Stage.TECHNICAL)
    early = ApplicationFactory(user=alice, role_title="early")
    services.rejection_record(application=early)
    assert titles(alice, rejected_at=Stage.TECHNICAL) == {"technical"}
    assert titles(alice, rejected_at="application") == {"early"}


def test_theme_matches_feedback_themes_and_outcome_reasons(alice):
    FeedbackFactory(
        application=ApplicationFactory(user=alice, role_title="feedback"), themes=["budget"]
    )
    reason = ApplicationFactory(user=alice, role_title="reason")
    OutcomeFactory(application=reason, reason="The headcount was cut")
    FeedbackFactory(
        application=ApplicationFactory(user=alice, role_title="other"), themes=["skills"]
    )
    assert titles(alice, theme="budget") == {"feedback", "reason"}


def test_weakness_outside_missing_and_rating(alice):
    application = ApplicationFactory(user=alice, role_title="reflected", requirements="Go\nRust")
    ApplicationFactory(user=alice, role_title="untouched")
    reflection = reflection_services.reflection_draft_for_rejection(application=application)
    go, _rust = reflection.requirement_checks.all()
    reflection_services.reflection_save_section(
        reflection=reflection,
        section_key="qualifications",
        requirement_verdicts={go.pk: "missing"},
    )
    reflection_services.reflection_save_section(
        reflection=reflection,
        section_key="performance",
        answers={"perf_confidence": "needs_work"},
    )
    reflection_services.reflection_save_section(
        reflection=reflection,
        section_key="outside_control",
        answers={"outside_budget": "played_a_part"},
    )
    InterviewFactory(application=application, rating=5)
    assert titles(alice, weakness="perf_confidence") == {"reflected"}
    assert titles(alice, weakness="perf_no_interrupting") == set()
    assert titles(alice, outside="outside_budget") == {"reflected"}
    assert titles(alice, missing="go") == {"reflected"}
    assert titles(alice, missing="Rust") == set()
    assert titles(alice, rating=5) == {"reflected"}
    assert titles(alice, rating=3) == set()


def test_feedback_requested_and_received(alice):
    FeedbackFactory(
        application=ApplicationFactory(user=alice, role_title="asked"), received_on=None
    )
    FeedbackFactory(application=ApplicationFactory(user=alice, role_title="answered"))
    assert titles(alice, feedback="requested") == {"asked", "answered"}
    assert titles(alice, feedback="received") == {"answered"}


def test_week_of_application_and_of_interview(alice):
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday() + 14)
    ApplicationFactory(
        user=alice, role_title="that week", date_applied=monday + datetime.timedelta(days=6)
    )
    ApplicationFactory(
        user=alice, role_title="next week", date_applied=monday + datetime.timedelta(days=7)
    )
    interviewed = ApplicationFactory(
        user=alice,
        role_title="interviewed that week",
        date_applied=monday - datetime.timedelta(days=3),
    )
    InterviewFactory(
        application=interviewed,
        scheduled_at=timezone.make_aware(datetime.datetime.combine(monday, datetime.time(10))),
    )
    assert titles(alice, week=monday) == {"that week"}
    assert titles(alice, interview_week=monday) == {"interviewed that week"}


def test_drill_down_links_work_through_the_list_page(alice_client, alice, bob):
    mine = ApplicationFactory(user=alice, role_title="Data Engineer")
    services.rejection_record(application=mine)
    theirs = ApplicationFactory(user=bob, role_title="Data Engineer")
    services.rejection_record(application=theirs)
    response = alice_client.get(
        reverse("drill_down_list"),
        {"show": "all", "status": "rejected", "rejected_at": "application", "role": "data"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(f'href="{mine.get_absolute_url()}"') >= 1
    assert theirs.get_absolute_url() not in html
    assert "Rejected at: Application (no interview): 1 application" in html


def test_nonsense_drill_down_values_are_ignored_not_500(alice_client, alice):
    ApplicationFactory(user=alice)
    response = alice_client.get(
        reverse("drill_down_list"),
        {"reached": "moon", "rating": "9", "week": "notadate", "missing": "x" * 900},
    )
    assert response.status_code == 200


@pytest.mark.parametrize("param", ["week", "interview_week", "applied_to", "applied_from"])
def test_far_future_dates_are_refused_not_500(alice_client, alice, param):
    application = ApplicationFactory(user=alice, role_title="still listed")
    response = alice_client.get(reverse("drill_down_list"), {param: "9999-12-31", "show": "all"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "before the year 9001" in html
    assert application.get_absolute_url() in html  # the bad filter is left out of the search


def test_far_future_dashboard_dates_are_refused_not_500(alice_client, alice):
    application = ApplicationFactory(user=alice)
    services.rejection_record(application=application)
    reflection_services.reflection_save_section(
        reflection=application.reflections.get(),
        section_key="performance",
        answers={"perf_confidence": "needs_work"},
    )
    for name in ("weaknesses", "activity", "funnel"):
        response = alice_client.get(
            reverse("dashboard_panel", args=[name]),
            {"applied_to": "9999-12-31"},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200
