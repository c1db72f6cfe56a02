"""The application page puts the next thing to do first: one button and the reason."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Outcome, Status
from tests.factories import (
    ApplicationFactory,
    InterviewFactory,
    OutcomeFactory,
    ReflectionFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def next_action(client, application):
    response = client.get(reverse("application_detail", args=[application.pk]))
    assert response.status_code == 200
    return response.context["next_action"], response.content.decode()


def debriefed(interview):
    interview.rating = 4
    interview.save()
    return interview


def test_a_past_interview_without_a_debrief_asks_for_the_latest_debrief(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    now = timezone.now()
    InterviewFactory(application=application, scheduled_at=now - datetime.timedelta(days=9))
    latest = InterviewFactory(
        application=application, scheduled_at=now - datetime.timedelta(days=2)
    )
    InterviewFactory(application=application, scheduled_at=now + datetime.timedelta(days=3))
    action, content = next_action(alice_client, application)
    assert action.label == "Add the debrief"
    assert action.url == reverse("interview_debrief", args=[latest.pk])
    assert action.htmx_target == f"#interview-{latest.pk}-debrief"
    assert "has no debrief yet" in action.reason
    # First on the page: before the details and the history.
    assert content.index('id="next-action"') < content.index("Job posting")
    assert content.index('id="next-action"') < content.index('id="timeline"')
    assert 'class="btn btn-primary"' in content
    assert action.reason in content


def test_interviews_done_and_debriefed_without_an_outcome_ask_for_the_outcome(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    debriefed(InterviewFactory(application=application))
    action, _ = next_action(alice_client, application)
    assert action.label == "Record the outcome"
    assert action.url == reverse("outcome_edit", args=[application.pk])
    assert action.htmx_target == "#history-new"


def test_a_rejection_with_an_unfinished_reflection_asks_to_reflect(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    debriefed(InterviewFactory(application=application))
    OutcomeFactory(application=application, result=Outcome.Result.REJECTED)
    reflection = ReflectionFactory(application=application)
    action, _ = next_action(alice_client, application)
    assert action.label == "Reflect on it"
    assert action.url == reflection.get_absolute_url()
    assert action.htmx_target == ""


def test_a_rejection_with_a_finished_reflection_has_no_next_step(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    OutcomeFactory(application=application, result=Outcome.Result.REJECTED)
    ReflectionFactory(application=application, finished_at=timezone.now())
    action, content = next_action(alice_client, application)
    assert action is None
    assert "Next step</h2>" not in content


def test_without_interviews_it_asks_to_schedule_one(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    action, content = next_action(alice_client, application)
    assert action.label == "Schedule an interview"
    assert action.url == reverse("interview_create", args=[application.pk])
    assert f'hx-get="{action.url}" hx-target="#history-new"' in content


def test_a_coming_interview_asks_to_prepare_for_it(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.SCREENING)
    coming = InterviewFactory(
        application=application, scheduled_at=timezone.now() + datetime.timedelta(days=1)
    )
    action, _ = next_action(alice_client, application)
    assert action.label == "Prepare for it"
    assert action.url == reverse("interview_edit", args=[coming.pk])


def test_an_offer_has_no_next_step(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.OFFER)
    debriefed(InterviewFactory(application=application))
    OutcomeFactory(application=application, result=Outcome.Result.OFFER)
    action, _ = next_action(alice_client, application)
    assert action is None


def test_saving_an_interview_in_place_brings_its_next_step_out_of_band(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    held = timezone.localtime() - datetime.timedelta(hours=2)
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]),
        {
            "stage": "phone_screen",
            "format": "phone",
            "scheduled_at": held.strftime("%Y-%m-%dT%H:%M"),
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    content = response.content.decode()
    interview = application.interviews.get()
    assert '<div id="next-action" hx-swap-oob="true">' in content
    assert reverse("interview_debrief", args=[interview.pk]) in content
    assert "Add the debrief" in content
    # The new entry is marked and focused, so it and its debrief link are in view.
    assert f'id="interview-{interview.pk}" tabindex="-1" autofocus' in content


def test_the_page_stays_within_its_query_count(alice_client, alice, django_assert_max_num_queries):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    for _ in range(3):
        InterviewFactory(application=application)
    OutcomeFactory(application=application, result=Outcome.Result.REJECTED)
    ReflectionFactory(application=application)
    url = reverse("application_detail", args=[application.pk])
    alice_client.get(url)  # warm the session
    with django_assert_max_num_queries(9):
        response = alice_client.get(url)
    assert response.context["next_action"].label == "Add the debrief"
