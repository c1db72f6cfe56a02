"""The application page links the tracking and the reflection sides together."""

import pytest
from django.urls import reverse

from reflections import services as reflection_services
from reflections.models import Question
from tests.factories import ApplicationFactory, InterviewFactory
from workflows import services

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_timeline_shows_the_reflection_and_sent_follow_ups(alice_client, alice):
    application = ApplicationFactory(user=alice)
    services.rejection_record(application=application)
    reflection = application.reflections.get()
    reflection_services.follow_up_mark_sent(
        user=alice,
        application=application,
        kind="rejection_thanks",
        subject="Thank you for your time",
        body="Thanks",
        recipient="hr@example.com",
    )
    html = alice_client.get(application.get_absolute_url()).content.decode()
    assert f'id="reflection-{reflection.pk}"' in html
    assert reflection.get_absolute_url() in html
    assert "Follow-up sent" in html and "Thank you for your time" in html
    assert reverse("follow_up_compose", args=[application.pk, "rejection-thanks"]) in html


def test_each_interview_offers_a_reflection_and_a_thank_you(alice_client, alice):
    interview = InterviewFactory(application=ApplicationFactory(user=alice))
    html = alice_client.get(interview.application.get_absolute_url()).content.decode()
    assert reverse("reflection_start_for_interview", args=[interview.pk]) in html
    thank_you = reverse("follow_up_compose", args=[interview.application.pk, "thank-you"])
    assert f"{thank_you}?interview={interview.pk}" in html


def test_a_saved_debrief_fills_the_question_bank(alice_client, alice):
    interview = InterviewFactory(application=ApplicationFactory(user=alice))
    response = alice_client.post(
        reverse("interview_debrief", args=[interview.pk]),
        {
            "rating": "2",
            "questions": "Why should we hire you?\nDesign a URL shortener",
            "debrief_notes": "",
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert sorted(Question.objects.filter(user=alice).values_list("text", flat=True)) == [
        "Design a URL shortener",
        "Why should we hire you?",
    ]
    alice_client.post(
        reverse("interview_debrief", args=[interview.pk]),
        {"rating": "2", "questions": "Why should we hire you?", "debrief_notes": ""},
        **HTMX,
    )
    assert list(
        Question.objects.filter(user=alice, times_asked__isnull=False).values_list(
            "text", flat=True
        )
    ) == ["Why should we hire you?"]


def test_application_page_queries_do_not_grow_with_reflections_and_follow_ups(alice_client, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def page_queries(application) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(application.get_absolute_url()).status_code == 200
        return len(queries)

    small = ApplicationFactory(user=alice)
    reflection_services.reflection_start_for_interview(
        interview=InterviewFactory(application=small)
    )
    large = ApplicationFactory(user=alice)
    for _ in range(6):
        interview = InterviewFactory(application=large)
        reflection_services.reflection_start_for_interview(interview=interview)
        reflection_services.follow_up_mark_sent(
            user=alice,
            application=large,
            kind="thank_you",
            subject="Thanks",
            body="Thanks",
            interview=interview,
        )
    services.rejection_record(application=large)
    assert page_queries(small) == page_queries(large)


def test_interviewer_ids_that_are_not_numbers_are_refused_not_500(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]),
        {
            "stage": "technical",
            "scheduled_at": "2026-11-20T10:00",
            "format": "video",
            "interviewers": ["²"],
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert not application.interviews.exists()
