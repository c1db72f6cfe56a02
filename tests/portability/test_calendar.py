"""The private calendar feed: the owner's interviews only, behind a secret token that can be
replaced; readable without a session; and its settings page."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Interview, Stage
from portability.models import CalendarFeed
from tests.factories import ApplicationFactory, CompanyFactory, InterviewFactory

pytestmark = pytest.mark.django_db


def feed_url(user) -> str:
    token = CalendarFeed.objects.get_or_create(user=user)[0].token
    return reverse("calendar_feed", args=[token])


def events(response) -> list[icalendar.Event]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


@pytest.fixture
def alices_interview(alice):
    return InterviewFactory(
        application=ApplicationFactory(
            user=alice,
            role_title="Backend Engineer",
            company=CompanyFactory(user=alice, name="Acme"),
        ),
        stage=Stage.TECHNICAL,
        format=Interview.Format.VIDEO,
        scheduled_at=timezone.now().replace(microsecond=0) + datetime.timedelta(days=2),
        duration_minutes=45,
        preparation_notes="My salary floor is 70k",
        debrief_notes="Secret debrief",
    )


def test_the_feed_lists_the_owners_interviews_logged_out(client, alice, bob, alices_interview):
    InterviewFactory(application=ApplicationFactory(user=bob, role_title="Bob's role"))
    response = client.get(feed_url(alice))  # no session: a calendar app
    [event] = events(response)
    assert str(event["summary"]) == "Technical interview — Backend Engineer at Acme"
    assert event.decoded("dtstart") == alices_interview.scheduled_at
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(minutes=45)
    assert str(event["uid"]) == f"interview-{alices_interview.pk}@testserver"
    description = str(event["description"])
    assert "Format: Video" in description
    url = reverse("application_detail", args=[alices_interview.application.pk])
    assert f"http://testserver{url}#interview-{alices_interview.pk}" in description
    assert "Bob's role" not in response.content.decode()


def test_the_feed_never_carries_notes(client, alice, alices_interview):
    body = client.get(feed_url(alice)).content.decode()
    assert "salary floor" not in body
    assert "Secret debrief" not in body


def test_an_interview_without_a_duration_lasts_an_hour(client, alice, alices_interview):
    Interview.objects.filter(pk=alices_interview.pk).update(duration_minutes=None)
    [event] = events(client.get(feed_url(alice)))
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(hours=1)


def test_the_uid_is_stable_across_fetches_and_edits(client, alice, alices_interview):
    [before] = events(client.get(feed_url(alice)))
    alices_interview.stage = Stage.FINAL
    alices_interview.save()
    [after] = events(client.get(feed_url(alice)))
    assert str(before["uid"]) == str(after["uid"])
    assert str(after["summary"]).startswith("Final interview")


def test_each_user_sees_only_their_own_interviews(client, alice, bob, alices_interview):
    bobs = InterviewFactory(application=ApplicationFactory(user=bob))
    [bobs_event] = events(client.get(feed_url(bob)))
    assert str(bobs_event["uid"]) == f"interview-{bobs.pk}@testserver"
    [alices_event] = events(client.get(feed_url(alice)))
    assert str(alices_event["uid"]) == f"interview-{alices_interview.pk}@testserver"


def test_a_user_without_interviews_gets_an_empty_calendar(client, alice):
    assert events(client.get(feed_url(alice))) == []


def test_an_unknown_token_is_404(client, alice, alices_interview):
    feed_url(alice)
    response = client.get(reverse("calendar_feed", args=["not-a-real-token"]))
    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content


def test_the_feed_is_not_cached(client, alice):
    response = client.get(feed_url(alice))
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def test_the_feed_answers_only_get(client, alice):
    assert client.post(feed_url(alice)).status_code == 405


def test_regenerating_makes_the_old_url_404_at_once(alice_client, client, alice):
    old_url = feed_url(alice)
    response = alice_client.post(reverse("calendar_regenerate"))
    assert response.status_code == 302
    assert response.url == reverse("calendar_settings")
    new_url = feed_url(alice)
    assert new_url != old_url
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200


def test_regenerating_needs_post(alice_client, alice):
    url = feed_url(alice)
    assert alice_client.get(reverse("calendar_regenerate")).status_code == 405
    assert feed_url(alice) == url


def test_regenerating_touches_only_your_own_feed(alice_client, alice, bob):
    bobs_url = feed_url(bob)
    alice_client.post(reverse("calendar_regenerate"))
    assert feed_url(bob) == bobs_url


def test_settings_page_shows_the_absolute_feed_url_and_the_warning(alice_client, alice):
    response = alice_client.get(reverse("calendar_settings"))
    assert response.status_code == 200
    html = response.content.decode()
    token = CalendarFeed.objects.get(user=alice).token
    absolute = "http://testserver" + reverse("calendar_feed", args=[token])
    assert f'value="{absolute}" readonly' in html
    assert f'action="{reverse("calendar_regenerate")}"' in html
    assert "The old address stops working at once" in html


def test_settings_page_keeps_the_same_url_between_visits(alice_client, alice):
    alice_client.get(reverse("calendar_settings"))
    token = CalendarFeed.objects.get(user=alice).token
    alice_client.get(reverse("calendar_settings"))
    assert CalendarFeed.objects.get(user=alice).token == token


def test_settings_and_regenerate_need_a_login(client):
    for name in ("calendar_settings", "calendar_regenerate"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_the_account_page_links_to_the_calendar_settings(alice_client):
    html = alice_client.get(reverse("account_settings")).content.decode()
    assert reverse("calendar_settings") in html
