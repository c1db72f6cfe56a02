"""The dashboard's summary: plain-word numbers that each equal the list behind their link."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Outcome, Stage, Status
from reflections.dashboard_summary import dashboard_summary
from reflections.panels.filters import DashboardFilters
from tests.factories import (
    ApplicationFactory,
    FeedbackFactory,
    InterviewFactory,
    OutcomeFactory,
    ReflectionFactory,
)
from tests.reflections.drill_down import ids_behind

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 5, 20)
HTMX = {"HTTP_HX_REQUEST": "true"}


def at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def rejected(user, *, applied, stage, reason="", **kwargs):
    application = ApplicationFactory(
        user=user, date_applied=applied, status=Status.REJECTED, **kwargs
    )
    OutcomeFactory(application=application, stage_reached=stage, reason=reason)
    return application


@pytest.fixture
def search(alice, bob):
    """Two applications sent in May (one interviewed in May), three rejections (two at the
    phone screen, for experience), one offer interviewed in May, one reflection waiting."""
    ApplicationFactory(user=alice, date_applied=datetime.date(2026, 5, 3))
    may = ApplicationFactory(
        user=alice,
        date_applied=datetime.date(2026, 5, 10),
        status=Status.INTERVIEWING,
        source=Application.Source.REFERRAL,
    )
    InterviewFactory(application=may, scheduled_at=at(datetime.date(2026, 5, 12)))
    inferred = rejected(
        alice,
        applied=datetime.date(2026, 4, 1),
        stage=Stage.PHONE_SCREEN,
        reason="We went with someone with more experience.",
    )
    InterviewFactory(application=inferred, scheduled_at=at(datetime.date(2026, 4, 10)))
    ReflectionFactory(application=inferred)
    marked = rejected(alice, applied=datetime.date(2026, 4, 5), stage=Stage.PHONE_SCREEN)
    FeedbackFactory(application=marked, themes=["experience"])
    ReflectionFactory(application=marked, finished_at=timezone.now())
    rejected(alice, applied=datetime.date(2026, 3, 1), stage=Outcome.StageReached.APPLICATION)
    offer = ApplicationFactory(
        user=alice,
        date_applied=datetime.date(2026, 4, 20),
        status=Status.OFFER,
        source=Application.Source.REFERRAL,
    )
    OutcomeFactory(application=offer, result=Outcome.Result.OFFER)
    InterviewFactory(application=offer, scheduled_at=at(datetime.date(2026, 5, 2)))
    # Neither the wishlist nor Bob's search counts.
    ApplicationFactory(user=alice, date_applied=datetime.date(2026, 5, 4), status=Status.WISHLIST)
    bobs = rejected(bob, applied=datetime.date(2026, 5, 5), stage=Stage.PHONE_SCREEN)
    ReflectionFactory(application=bobs)


def test_summary_counts_the_month_the_rejections_and_the_offers(alice, search):
    summary = dashboard_summary(alice, DashboardFilters(), today=TODAY)
    assert summary.month == datetime.date(2026, 5, 1)
    assert summary.applied_this_month.value == 2
    assert summary.applied_this_month.words == "applications sent"
    assert summary.interviewed_this_month.value == 2
    assert summary.rejections.value == 3
    assert summary.offers.value == 1
    assert summary.offers.words == "offer"
    assert summary.reflections_waiting.value == 1
    assert summary.reflections_waiting.url == reverse("reflection_list")
    assert summary.top_stage == "Phone screen"
    assert summary.top_stage_rejections is not None
    assert summary.top_stage_rejections.value == 2
    # One reason inferred from the employer's words, one marked on the feedback.
    assert summary.top_theme == "Experience"
    assert summary.top_theme_applications is not None
    assert summary.top_theme_applications.value == 2
    assert summary.filtered is False


def test_every_summary_number_equals_the_list_behind_its_link(alice, search):
    summary = dashboard_summary(alice, DashboardFilters(), today=TODAY)
    numbers = [
        summary.applied_this_month,
        summary.interviewed_this_month,
        summary.rejections,
        summary.offers,
        summary.top_stage_rejections,
        summary.top_theme_applications,
    ]
    for number in numbers:
        assert number is not None and number.url.startswith(reverse("drill_down_list"))
        assert len(ids_behind(alice, number.url)) == number.value, number


def test_summary_respects_the_dashboard_filters(alice, search):
    filters = DashboardFilters(source=Application.Source.REFERRAL)
    summary = dashboard_summary(alice, filters, today=TODAY)
    assert summary.filtered is True
    assert summary.applied_this_month.value == 1
    assert summary.interviewed_this_month.value == 2
    assert summary.rejections.value == 0
    assert summary.rejections.url == ""  # a zero opens nothing
    assert summary.offers.value == 1
    assert summary.top_stage_rejections is None
    assert summary.top_theme_applications is None
    # Reflections waiting are a to-do list: all of them, whatever the filters.
    assert summary.reflections_waiting.value == 1
    for number in (summary.applied_this_month, summary.interviewed_this_month, summary.offers):
        assert "source=referral" in number.url
        assert len(ids_behind(alice, number.url)) == number.value


def test_a_status_filter_other_than_rejected_leaves_the_rejections_without_a_link(alice, search):
    summary = dashboard_summary(alice, DashboardFilters(status=Status.OFFER), today=TODAY)
    assert summary.rejections.value == 0
    assert summary.rejections.url == ""
    rejected_only = dashboard_summary(alice, DashboardFilters(status=Status.REJECTED), today=TODAY)
    assert rejected_only.rejections.value == 3
    assert len(ids_behind(alice, rejected_only.rejections.url)) == 3


def test_summary_takes_five_queries_whatever_the_data(alice, search, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        dashboard_summary(alice, DashboardFilters(), today=TODAY)


def test_new_user_gets_zeros_without_links(alice, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        summary = dashboard_summary(alice, DashboardFilters(), today=TODAY)
    assert summary.applied_this_month.value == 0
    assert summary.applied_this_month.url == ""
    assert summary.top_stage == "" and summary.top_theme == ""


def test_dashboard_shows_the_summary_in_plain_words_with_links(alice_client, alice):
    today = timezone.localdate()
    ApplicationFactory(user=alice, date_applied=today)
    rejected(alice, applied=today, stage=Stage.TECHNICAL, reason="Not enough experience")
    html = alice_client.get(reverse("dashboard")).content.decode()
    assert "In short" in html
    assert "For all your applications." in html
    assert ">2</span> applications sent</a>" in html
    assert ">1</span> rejection</a>" in html
    assert 'Most rejections come at: <span class="fw-semibold">Technical</span>' in html
    assert 'The top reason: <span class="fw-semibold">Experience</span>' in html


def test_filtered_dashboard_says_the_summary_is_for_the_filtered_applications(alice_client):
    html = alice_client.get(reverse("dashboard"), {"source": "referral"}).content.decode()
    assert "For the applications the filters select." in html
    assert "(of all your applications)" in html


def test_htmx_filter_change_sends_the_summary_out_of_band(alice_client, alice):
    ApplicationFactory(user=alice, date_applied=timezone.localdate(), source="referral")
    response = alice_client.get(reverse("dashboard"), {"source": "referral"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="panels"')
    assert 'id="dashboard-summary"' in html and 'hx-swap-oob="true"' in html
    assert "For the applications the filters select." in html
    full = alice_client.get(reverse("dashboard")).content.decode()
    assert full.count('id="dashboard-summary"') == 1
    assert 'hx-swap-oob="true"' not in full
