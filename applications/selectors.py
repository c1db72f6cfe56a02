"""Reads of the tracking domain that need care: scoping, filters, and a fixed number of queries."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from applications.models import (
    Application,
    Feedback,
    Interview,
    Status,
    StatusChange,
)

NO_NEWS_DAYS = 21
THANK_YOU_AFTER = datetime.timedelta(hours=24)
THANK_YOU_WINDOW = datetime.timedelta(days=14)
UPCOMING_WINDOW = datetime.timedelta(days=7)
WAITING_STATUSES = [Status.APPLIED, Status.SCREENING, Status.INTERVIEWING]


def application_for_user(user: User, pk: int) -> Application:
    """The user's application, or 404: another user's id never reveals anything."""
    return get_object_or_404(Application.objects.select_related("company"), pk=pk, user=user)


def interview_for_user(user: User, pk: int) -> Interview:
    return get_object_or_404(
        Interview.objects.select_related("application__company"), pk=pk, application__user=user
    )


def feedback_for_user(user: User, pk: int) -> Feedback:
    return get_object_or_404(
        Feedback.objects.select_related("application__company"), pk=pk, application__user=user
    )


def application_search(user: User, filters: dict[str, Any]) -> QuerySet[Application]:
    """The user's applications matching the list's cleaned filter values."""
    applications = Application.objects.filter(user=user).select_related("company")
    show = filters.get("show") or "active"
    if show == "active":
        applications = applications.filter(archived=False)
    elif show == "archived":
        applications = applications.filter(archived=True)
    if query := (filters.get("q") or "").strip():
        applications = applications.filter(
            Q(company__name__icontains=query) | Q(role_title__icontains=query)
        )
    if status := filters.get("status"):
        applications = applications.filter(status=status)
    if source := filters.get("source"):
        applications = applications.filter(source=source)
    if applied_from := filters.get("applied_from"):
        applications = applications.filter(date_applied__gte=applied_from)
    if applied_to := filters.get("applied_to"):
        applications = applications.filter(date_applied__lte=applied_to)
    sort = filters.get("sort") or "-date_applied"
    ordering = {
        "-date_applied": ["-date_applied", "-created_at"],
        "date_applied": ["date_applied", "created_at"],
        "company": [Lower("company__name"), "-date_applied"],
        "-interest": [F("interest").desc(nulls_last=True), "-date_applied"],
        "status": ["status", "-date_applied"],
    }.get(sort, ["-date_applied", "-created_at"])
    return applications.annotate(interview_count=Count("interviews")).order_by(*ordering)


@dataclass(frozen=True)
class TimelineEvent:
    when: datetime.datetime
    kind: str  # "status", "interview", "outcome", "feedback", "reflection", "follow_up"
    item: Any


def _at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


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
        TimelineEvent(_at_noon(feedback.received_on or feedback.requested_on), "feedback", feedback)
        for feedback in application.feedback.all()
    ]
    outcome = getattr(application, "outcome", None)
    if outcome is not None:
        events.append(TimelineEvent(_at_noon(outcome.decided_on), "outcome", outcome))
    events += [
        TimelineEvent(reflection.created_at, "reflection", reflection)
        for reflection in application.reflections.all()
    ]
    events += [
        TimelineEvent(_at_noon(follow_up.sent_on), "follow_up", follow_up)
        for follow_up in application.follow_ups.all()
    ]
    return sorted(events, key=lambda event: event.when, reverse=True)


@dataclass(frozen=True)
class Reminders:
    upcoming_interviews: list[Interview]
    debriefs_missing: list[Interview]
    thank_yous_due: list[Interview]
    no_news: list[Application]

    @property
    def count(self) -> int:
        return (
            len(self.upcoming_interviews)
            + len(self.debriefs_missing)
            + len(self.thank_yous_due)
            + len(self.no_news)
        )


def reminders_for_user(
    user: User, *, now: datetime.datetime | None = None, limit: int = 20
) -> Reminders:
    """What needs the user's attention now: four short lists, one query each."""
    now = now or timezone.now()
    interviews = Interview.objects.filter(
        application__user=user, application__archived=False
    ).select_related("application__company")
    upcoming = interviews.filter(scheduled_at__gte=now, scheduled_at__lte=now + UPCOMING_WINDOW)
    debriefs_missing = interviews.filter(scheduled_at__lt=now, rating__isnull=True).order_by(
        "-scheduled_at"
    )
    thank_yous_due = interviews.filter(
        scheduled_at__lte=now - THANK_YOU_AFTER,
        scheduled_at__gte=now - THANK_YOU_WINDOW,
        thank_you_sent_on__isnull=True,
    ).order_by("-scheduled_at")

    cutoff = now - datetime.timedelta(days=NO_NEWS_DAYS)
    latest_step = StatusChange.objects.filter(application=OuterRef("pk")).order_by("-changed_at")
    latest_interview = Interview.objects.filter(application=OuterRef("pk")).order_by(
        "-scheduled_at"
    )
    latest_feedback = Feedback.objects.filter(application=OuterRef("pk")).order_by("-received_on")
    no_news = (
        Application.objects.filter(
            user=user,
            archived=False,
            status__in=WAITING_STATUSES,
            date_applied__lte=timezone.localdate(cutoff),
        )
        .annotate(
            last_step=Subquery(latest_step.values("changed_at")[:1]),
            last_interview=Subquery(latest_interview.values("scheduled_at")[:1]),
            last_feedback=Subquery(latest_feedback.values("received_on")[:1]),
        )
        .filter(
            Q(last_step__isnull=True) | Q(last_step__lt=cutoff),
            Q(last_interview__isnull=True) | Q(last_interview__lt=cutoff),
            Q(last_feedback__isnull=True) | Q(last_feedback__lt=timezone.localdate(cutoff)),
        )
        .select_related("company")
        .order_by("date_applied")
    )
    return Reminders(
        upcoming_interviews=list(upcoming[:limit]),
        debriefs_missing=list(debriefs_missing[:limit]),
        thank_yous_due=list(thank_yous_due[:limit]),
        no_news=list(no_news[:limit]),
    )
