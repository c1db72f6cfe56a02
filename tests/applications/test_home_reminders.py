"""The home page's reminders, and marking a quiet application as "no response" from there."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Outcome, Status, StatusChange
from tests.factories import ApplicationFactory, InterviewFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def reminders(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.context["reminders"]


def test_home_greets_the_user_and_offers_to_add_an_application(alice_client):
    html = alice_client.get(reverse("home")).content.decode()
    assert "Hello, alice" in html
    assert f'href="{reverse("application_quick_add")}">Add an application' in html


def test_home_with_nothing_to_do_says_all_caught_up(alice_client, alice):
    ApplicationFactory(user=alice, date_applied=days_ago(3))
    html = alice_client.get(reverse("home")).content.decode()
    assert "You're all caught up" in html
    assert reverse("application_list") in html


def test_each_empty_list_has_its_own_text_when_others_are_not_empty(alice_client, alice):
    interview = InterviewFactory(
        application__user=alice, scheduled_at=timezone.now() + datetime.timedelta(days=2)
    )
    html = alice_client.get(reverse("home")).content.decode()
    assert "all caught up" not in html
    assert (
        f"{reverse('application_detail', args=[interview.application.pk])}#interview-{interview.pk}"
        in html
    )
    assert "Every past interview has its debrief." in html
    assert "No thank-you notes waiting." in html
    assert "Nothing has gone quiet for 21 days." in html


def test_interview_in_6_days_is_upcoming_but_not_in_8_days(alice_client, alice):
    now = timezone.now()
    soon = InterviewFactory(application__user=alice, scheduled_at=now + datetime.timedelta(days=6))
    InterviewFactory(application__user=alice, scheduled_at=now + datetime.timedelta(days=8))
    assert reminders(alice_client).upcoming_interviews == [soon]


def test_past_interview_without_rating_needs_a_debrief_but_not_with_one(alice_client, alice):
    missing = InterviewFactory(application__user=alice, rating=None)
    InterviewFactory(application__user=alice, rating=4)
    assert reminders(alice_client).debriefs_missing == [missing]


def test_thank_you_is_due_24_hours_after_an_interview_but_not_after_23(alice_client, alice):
    now = timezone.now()
    due = InterviewFactory(application__user=alice, scheduled_at=now - datetime.timedelta(hours=24))
    InterviewFactory(application__user=alice, scheduled_at=now - datetime.timedelta(hours=23))
    InterviewFactory(
        application__user=alice,
        scheduled_at=now - datetime.timedelta(hours=30),
        thank_you_sent_on=timezone.localdate(),
    )
    assert reminders(alice_client).thank_yous_due == [due]


def test_application_quiet_for_22_days_is_no_news_unless_recent_archived_or_ended(
    alice_client, alice
):
    quiet = ApplicationFactory(user=alice, date_applied=days_ago(22))
    moved = ApplicationFactory(user=alice, date_applied=days_ago(22))
    StatusChange.objects.create(
        application=moved,
        from_status=Status.APPLIED,
        to_status=Status.SCREENING,
        changed_at=timezone.now() - datetime.timedelta(days=5),
    )
    ApplicationFactory(user=alice, date_applied=days_ago(22), archived=True)
    ApplicationFactory(user=alice, date_applied=days_ago(22), status=Status.REJECTED)
    assert reminders(alice_client).no_news == [quiet]


def test_no_news_offers_a_no_response_button(alice_client, alice):
    quiet = ApplicationFactory(user=alice, date_applied=days_ago(22))
    html = alice_client.get(reverse("home")).content.decode()
    url = reverse("application_mark_no_response", args=[quiet.pk])
    assert f'action="{url}"' in html
    assert f'hx-post="{url}"' in html


def test_home_shows_no_reminders_of_other_users(alice_client, bob):
    InterviewFactory(application__user=bob, rating=None)
    ApplicationFactory(user=bob, date_applied=days_ago(30))
    assert reminders(alice_client).count == 0


def _add_reminders(user, n: int) -> None:
    now = timezone.now()
    for _ in range(n):
        ApplicationFactory(user=user, date_applied=days_ago(40))
        InterviewFactory(application__user=user, scheduled_at=now + datetime.timedelta(days=1))
        InterviewFactory(application__user=user, scheduled_at=now - datetime.timedelta(days=2))


def test_home_makes_the_same_number_of_queries_for_5_and_60_applications(
    alice_client, alice, django_assert_num_queries
):
    _add_reminders(alice, 5)
    with CaptureQueriesContext(connection) as few:
        alice_client.get(reverse("home"))
    _add_reminders(alice, 55)
    with django_assert_num_queries(len(few)):
        alice_client.get(reverse("home"))


def test_mark_no_response_records_the_outcome_and_status(alice_client, alice):
    application = ApplicationFactory(
        user=alice, date_applied=days_ago(30), company__name="Acme", role_title="Analyst"
    )
    response = alice_client.post(reverse("application_mark_no_response", args=[application.pk]))
    assert response.status_code == 302
    assert response.url == reverse("home")
    application.refresh_from_db()
    assert application.status == Status.NO_RESPONSE
    assert application.outcome.result == Outcome.Result.NO_RESPONSE
    assert application.status_changes.last().to_status == Status.NO_RESPONSE
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Marked Analyst at Acme as no response."]


def test_mark_no_response_rejects_get(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.get(reverse("application_mark_no_response", args=[application.pk]))
    assert response.status_code == 405
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_mark_no_response_of_another_users_application_is_404(alice_client, bob):
    application = ApplicationFactory(user=bob)
    response = alice_client.post(reverse("application_mark_no_response", args=[application.pk]))
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not Outcome.objects.exists()


def test_mark_no_response_keeps_an_application_that_already_ended(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    OutcomeFactory(application=application, result=Outcome.Result.REJECTED)
    alice_client.post(reverse("application_mark_no_response", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert application.outcome.result == Outcome.Result.REJECTED


def test_htmx_mark_no_response_returns_the_updated_reminders(alice_client, alice):
    quiet = ApplicationFactory(user=alice, date_applied=days_ago(30), role_title="Analyst")
    response = alice_client.post(
        reverse("application_mark_no_response", args=[quiet.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="reminders"' in html
    assert 'hx-swap-oob="innerHTML"' in html and "as no response." in html
    assert "all caught up" in html
    assert "HX-Request" in response["Vary"]
    quiet.refresh_from_db()
    assert quiet.status == Status.NO_RESPONSE


def test_feedback_still_awaited_is_not_news(alice):
    import datetime as dt

    from django.utils import timezone as tz

    from applications.models import StatusChange
    from applications.selectors.reminders import reminders_for_user
    from tests.factories import ApplicationFactory, FeedbackFactory

    quiet = ApplicationFactory(
        user=alice, role_title="quiet", date_applied=tz.localdate() - dt.timedelta(days=40)
    )
    StatusChange.objects.filter(application=quiet).update(
        changed_at=tz.now() - dt.timedelta(days=40)
    )
    FeedbackFactory(
        application=quiet,
        requested_on=tz.localdate() - dt.timedelta(days=30),
        received_on=tz.localdate() - dt.timedelta(days=25),
    )
    FeedbackFactory(
        application=quiet, requested_on=tz.localdate() - dt.timedelta(days=2), received_on=None
    )
    assert [a.role_title for a in reminders_for_user(alice).no_news] == ["quiet"]
