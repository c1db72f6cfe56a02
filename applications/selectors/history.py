"""One application with everything that happened to it, as the timeline its page shows.

The tracking domain knows its own events (status steps, interviews, feedback, the outcome).
Domains built on top of it add theirs (reflections, follow-ups) by registering a
`TimelineSource` from their AppConfig.ready(): this module never imports them.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Feedback, Interview


@dataclass(frozen=True)
class TimelineEvent:
    when: datetime.datetime
    kind: str  # "status", "interview", "outcome", "feedback", or a registered source's kind
    item: Any
    # For events of a registered source: the template (or "template#partial") that renders
    # one, with the event's item as `item`.
    template_name: str = ""


@dataclass(frozen=True)
class TimelineSource:
    """Events another domain adds to every application's timeline."""

    prefetch: Prefetch[str]  # what to load with the application, so the page stays O(1) in queries
    events: Callable[[Application], Iterable[TimelineEvent]]  # read from the prefetched rows


_timeline_sources: list[TimelineSource] = []


def timeline_source_register(source: TimelineSource) -> None:
    """Called once per source from the AppConfig.ready() of the domain that owns the events."""
    _timeline_sources.append(source)


def at_noon(day: datetime.date) -> datetime.datetime:
    """A date placed on the timeline: its events have no time of day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _feedback_day(feedback: Feedback) -> datetime.date:
    """When feedback came, else when it was asked for (the database requires one of them)."""
    day = feedback.received_on or feedback.requested_on
    assert day is not None  # the feedback_has_a_date constraint
    return day


def application_with_history(user: User, pk: int) -> Application:
    """One application with everything its page shows, in a fixed number of queries."""
    return get_object_or_404(
        Application.objects.select_related("company", "referrer", "outcome").prefetch_related(
            "status_changes",
            Prefetch(
                "interviews",
                queryset=Interview.objects.prefetch_related("interviewers").order_by(
                    "scheduled_at"
                ),
            ),
            Prefetch(
                "feedback",
                queryset=Feedback.objects.select_related("interview").prefetch_related(
                    "theme_marks"
                ),
            ),
            *[source.prefetch for source in _timeline_sources],
        ),
        pk=pk,
        user=user,
    )


def application_timeline(application: Application) -> list[TimelineEvent]:
    """Everything that happened to an application, newest first, from its prefetched history."""
    events = [
        TimelineEvent(step.changed_at, "status", step) for step in application.status_changes.all()
    ]
    events += [
        TimelineEvent(interview.scheduled_at, "interview", interview)
        for interview in application.interviews.all()
    ]
    events += [
        TimelineEvent(at_noon(_feedback_day(feedback)), "feedback", feedback)
        for feedback in application.feedback.all()
    ]
    outcome = getattr(application, "outcome", None)
    if outcome is not None:
        events.append(TimelineEvent(at_noon(outcome.decided_on), "outcome", outcome))
    for source in _timeline_sources:
        events += source.events(application)
    return sorted(events, key=lambda event: event.when, reverse=True)
