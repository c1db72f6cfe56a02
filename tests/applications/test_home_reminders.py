"""The home page's reminders, and marking a quiet application as "no response" from there."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Outcome, Status, StatusChange
from tests.factories import (
    ActionItemFactory,
    ApplicationFactory,
    InterviewFactory,
    OutcomeFactory,
)

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
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("<span>Marked Analyst at Acme as no response.</span>")
    assert f'action="{reverse("undo")}"' in message


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


def test_htmx_mark_no_response_keeps_the_row_in_place(alice_client, alice):
    quiet = ApplicationFactory(user=alice, date_applied=days_ago(30), role_title="Analyst")
    ApplicationFactory(user=alice, date_applied=days_ago(30), role_title="Next one")
    response = alice_client.post(
        reverse("application_mark_no_response", args=[quiet.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    # Only the clicked row comes back, holding the notice: the next row does not move up.
    assert html.lstrip().startswith(f'<li id="no-news-{quiet.pk}"')
    assert html.count("<li") == 1
    assert "Next one" not in html
    assert "as no response." in html and ">Undo<" in html
    assert "HX-Request" in response["Vary"]
    quiet.refresh_from_db()
    assert quiet.status == Status.NO_RESPONSE


def test_no_response_rows_target_only_themselves(alice_client, alice):
    ApplicationFactory(user=alice, date_applied=days_ago(30))
    html = alice_client.get(reverse("home")).content.decode()
    assert 'hx-target="#reminders"' not in html
    assert 'hx-target="closest li"' in html
    assert 'hx-disabled-elt="find button" hx-sync="this:drop" data-one-click' in html


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


# Action items due in the next seven days -----------------------------------------------------


def _due_in(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_home_shows_open_action_items_due_within_seven_days_overdue_included(alice_client, alice):
    ActionItemFactory(user=alice, title="Overdue step", due_on=_due_in(-2))
    ActionItemFactory(user=alice, title="Due today", due_on=_due_in(0))
    ActionItemFactory(user=alice, title="Due in a week", due_on=_due_in(7))
    ActionItemFactory(user=alice, title="Due in eight days", due_on=_due_in(8))
    ActionItemFactory(user=alice, title="Undated", due_on=None)
    ActionItemFactory(user=alice, title="Done already", due_on=_due_in(1), done_at=timezone.now())
    ActionItemFactory(title="Someone else's", due_on=_due_in(1))

    response = alice_client.get(reverse("home"))

    assert [item.title for item in response.context["due_action_items"]] == [
        "Overdue step",
        "Due today",
        "Due in a week",
    ]
    html = response.content.decode()
    assert "Action items due in the next 7 days" in html
    assert f'<time datetime="{_due_in(-2):%Y-%m-%d}">' in html
    assert "· overdue" in html
    for title in ("Due in eight days", "Undated", "Done already", "Someone else's"):
        assert title not in html


def test_each_due_action_item_has_a_done_button_that_acts_in_place(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL", due_on=_due_in(2))
    html = alice_client.get(reverse("home")).content.decode()
    url = reverse("action_item_toggle_done", args=[item.pk])
    row = html[html.index(f'<li id="due-action-item-{item.pk}"') :]
    row = row[: row.index("</li>")]
    assert f'action="{url}"' in row and f'hx-post="{url}"' in row
    assert 'name="place" value="home"' in row and 'name="done" value="1"' in row
    assert '>Done<span class="visually-hidden">: Learn SQL</span>' in row


def test_home_says_when_no_action_item_is_due(alice_client, alice):
    ApplicationFactory(user=alice)
    ActionItemFactory(user=alice, due_on=_due_in(30))
    html = alice_client.get(reverse("home")).content.decode()
    assert "Nothing due in the next 7 days." in html


def test_home_query_count_does_not_grow_with_due_action_items(
    alice_client, alice, django_assert_max_num_queries
):
    _add_reminders(alice, 2)
    ActionItemFactory(user=alice, due_on=_due_in(1))
    with CaptureQueriesContext(connection) as few:
        alice_client.get(reverse("home"))
    _add_reminders(alice, 20)
    ActionItemFactory.create_batch(9, user=alice, due_on=_due_in(3))
    with django_assert_max_num_queries(len(few)):
        response = alice_client.get(reverse("home"))
    assert len(response.context["due_action_items"]) == 10
