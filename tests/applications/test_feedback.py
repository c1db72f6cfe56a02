"""Feedback on an application, with its themes, added, edited and deleted in place."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Feedback, FeedbackThemeMark
from tests.factories import ApplicationFactory, FeedbackFactory, InterviewFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def application(alice):
    return ApplicationFactory(user=alice)


@pytest.fixture
def interview(application):
    return InterviewFactory(application=application)


@pytest.fixture
def feedback(application):
    return FeedbackFactory(application=application, themes=["experience", "skills"])


def day(days_ago: int) -> str:
    return f"{timezone.localdate() - datetime.timedelta(days=days_ago):%Y-%m-%d}"


def feedback_data(**overrides) -> dict:
    return {
        "requested_on": day(5),
        "received_on": day(2),
        "channel": "email",
        "from_whom": "Sam, recruiter",
        "content": "They went with someone who had shipped payments before.",
        "tags": "Payments, seniority, payments",
        **overrides,
    }


def test_htmx_get_of_the_create_form_returns_a_fragment(alice_client, application):
    response = alice_client.get(reverse("feedback_create", args=[application.pk]), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith("<form")
    assert 'name="themes"' in html
    assert "HX-Request" in response["Vary"]


def test_normal_get_of_the_create_form_returns_a_full_page(alice_client, application):
    response = alice_client.get(reverse("feedback_create", args=[application.pk]))

    assert "<html" in response.content.decode()
    assert "Add feedback" in response.content.decode()


def test_creating_feedback_with_themes_writes_a_mark_per_theme(
    alice_client, application, interview
):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(interview=interview.pk, themes=["experience", "budget"]),
        headers=HTMX,
    )

    feedback = Feedback.objects.get(application=application)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#timeline"
    assert feedback.interview == interview
    assert feedback.tags == "payments, seniority"
    assert sorted(feedback.theme_marks.values_list("theme", flat=True)) == [
        "budget",
        "experience",
    ]
    assert f'id="feedback-{feedback.pk}"' in html
    assert ">Budget or headcount</span>" in html
    assert ">seniority</span>" in html


def test_creating_feedback_without_javascript_redirects_to_the_page(alice_client, application):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]), feedback_data(themes=["skills"])
    )

    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[application.pk])
    assert FeedbackThemeMark.objects.filter(feedback__application=application).count() == 1


def test_htmx_get_of_the_edit_form_ticks_the_current_themes(alice_client, feedback):
    response = alice_client.get(reverse("feedback_edit", args=[feedback.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    checked = re.findall(r'name="themes" value="(\w+)"[^>]*\bchecked\b', html)
    assert checked == ["experience", "skills"]
    assert f'id="id_feedback_{feedback.pk}_themes_0"' in html


def test_editing_feedback_replaces_its_themes(alice_client, feedback):
    response = alice_client.post(
        reverse("feedback_edit", args=[feedback.pk]),
        feedback_data(themes=["skills", "culture_fit"]),
        headers=HTMX,
    )

    assert response["HX-Retarget"] == "#timeline"
    assert sorted(feedback.theme_marks.values_list("theme", flat=True)) == ["culture_fit", "skills"]


def test_editing_feedback_with_no_themes_removes_them(alice_client, feedback):
    alice_client.post(reverse("feedback_edit", args=[feedback.pk]), feedback_data())

    assert not feedback.theme_marks.exists()


def test_feedback_received_before_it_was_requested_is_refused(alice_client, application):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(requested_on=day(2), received_on=day(5)),
        headers=HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Feedback cannot arrive before it was requested." in html
    assert not Feedback.objects.exists()


def test_feedback_without_any_date_is_refused(alice_client, application):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(requested_on="", received_on=""),
        headers=HTMX,
    )

    assert "Give the date you asked for feedback, or the date it came." in response.content.decode()
    assert not Feedback.objects.exists()


def test_editing_feedback_into_an_invalid_state_keeps_it(alice_client, feedback):
    response = alice_client.post(
        reverse("feedback_edit", args=[feedback.pk]),
        feedback_data(requested_on=day(1), received_on=day(9), themes=["salary"]),
        headers=HTMX,
    )

    assert "Feedback cannot arrive before it was requested." in response.content.decode()
    assert sorted(feedback.theme_marks.values_list("theme", flat=True)) == ["experience", "skills"]


def test_feedback_cannot_point_at_an_interview_of_another_application(
    alice_client, alice, application, bob
):
    other_interview = InterviewFactory(application=ApplicationFactory(user=alice))
    bobs_interview = InterviewFactory(application=ApplicationFactory(user=bob))

    for interview in (other_interview, bobs_interview):
        response = alice_client.post(
            reverse("feedback_create", args=[application.pk]),
            feedback_data(interview=interview.pk),
            headers=HTMX,
        )
        assert "Select a valid choice" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"themes": ["not_a_theme"]},
        {"interview": "abc"},
        {"interview": "9" * 40},
        {"received_on": "2026-13-45"},
        {"requested_on": "99999-01-01"},
        {"channel": "carrier pigeon"},
        {"content": "x" * 100_000},
        {"from_whom": "y" * 1000},
        {"tags": "t," * 500},
        {"content": "null\x00byte"},
    ],
    ids=lambda bad: ",".join(bad),
)
def test_malformed_or_oversized_input_never_500s(alice_client, application, bad):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]), feedback_data(**bad), headers=HTMX
    )

    assert response.status_code == 200
    assert "Not saved: check the fields marked below." in response.content.decode()
    assert not Feedback.objects.exists()


def test_delete_asks_for_confirmation_on_a_full_page(alice_client, feedback):
    response = alice_client.get(reverse("feedback_delete", args=[feedback.pk]))

    html = response.content.decode()
    assert "<html" in html
    assert "Delete feedback?" in html
    assert "Its themes: Experience, Skills" in html
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_delete_asks_for_confirmation_in_place_for_htmx(alice_client, feedback):
    response = alice_client.get(reverse("feedback_delete", args=[feedback.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert "Delete this feedback?" in html
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_delete_post_deletes_it_and_its_themes(alice_client, feedback):
    response = alice_client.post(reverse("feedback_delete", args=[feedback.pk]))

    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[feedback.application_id])
    assert not Feedback.objects.filter(pk=feedback.pk).exists()
    assert not FeedbackThemeMark.objects.exists()


def test_delete_via_htmx_returns_the_timeline_without_it(alice_client, feedback):
    response = alice_client.post(reverse("feedback_delete", args=[feedback.pk]), headers=HTMX)

    assert response["HX-Retarget"] == "#timeline"
    assert f'id="feedback-{feedback.pk}"' not in response.content.decode()
    assert not Feedback.objects.filter(pk=feedback.pk).exists()
