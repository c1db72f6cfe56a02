"""The calendar feed: each user's secret token, and their interviews as an iCalendar file."""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from icalendar import Calendar, Event

from accounts.models import User
from applications.models import Interview, Stage
from portability.models import CalendarFeed, new_calendar_token

DEFAULT_DURATION = datetime.timedelta(minutes=60)
# What each stage is called in a calendar: "Technical interview — Backend Engineer at Acme".
EVENT_NAMES: dict[str, str] = {
    Stage.RECRUITER_SCREEN: "Recruiter screen",
    Stage.PHONE_SCREEN: "Phone screen",
    Stage.TECHNICAL: "Technical interview",
    Stage.SKILLS_TEST: "Skills test",
    Stage.PANEL: "Panel interview",
    Stage.ON_SITE: "On-site interview",
    Stage.FINAL: "Final interview",
    Stage.OTHER: "Interview",
}


def calendar_feed_for_user(user: User) -> CalendarFeed:
    """The user's feed, created with a fresh token the first time they ask for it."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_regenerate(*, user: User) -> CalendarFeed:
    """Give the user's feed a new token: the old URL stops working at once."""
    feed = calendar_feed_for_user(user)
    feed.token = new_calendar_token()
    feed.save(update_fields=["token"])
    return feed


def feed_for_token(token: str) -> CalendarFeed | None:
    return CalendarFeed.objects.select_related("user").filter(token=token).first()


def event_summary(interview: Interview) -> str:
    application = interview.application
    name = EVENT_NAMES.get(interview.stage, "Interview")
    return f"{name} — {application.role_title} at {application.company.name}"


def interviews_calendar(
    user: User, *, uid_domain: str, absolute_url: Callable[[str], str]
) -> bytes:
    """The user's interviews as an iCalendar file. Kept minimal, as calendar services store
    what they sync: what, when, the format and a link back; never notes or debriefs.

    `uid_domain` makes each event's UID unique to this site (stable per interview, so a
    calendar updates an event instead of duplicating it); `absolute_url` turns a path into a
    full URL (`request.build_absolute_uri`).
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Rebound//Interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Rebound interviews")
    interviews = (
        Interview.objects.filter(application__user=user)
        .select_related("application__company")
        .order_by("scheduled_at", "pk")
    )
    for interview in interviews:
        duration = (
            datetime.timedelta(minutes=interview.duration_minutes)
            if interview.duration_minutes
            else DEFAULT_DURATION
        )
        path = reverse("application_detail", args=[interview.application_id])
        link = absolute_url(f"{path}#interview-{interview.pk}")
        event = Event()
        event.add("uid", f"interview-{interview.pk}@{uid_domain}")
        event.add("dtstamp", interview.updated_at)
        event.add("dtstart", interview.scheduled_at)
        event.add("dtend", interview.scheduled_at + duration)
        event.add("summary", event_summary(interview))
        event.add("description", f"Format: {interview.get_format_display()}\n{link}")
        event.add("url", link)
        calendar.add_component(event)
    ics: bytes = calendar.to_ical()
    return ics
