"""What needs the user's attention now, in the tracking domain: four short lists."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Feedback, Interview, Status, StatusChange

NO_NEWS_DAYS = 21
THANK_YOU_AFTER = datetime.timedelta(hours=24)
THANK_YOU_WINDOW = datetime.timedelta(days=14)
UPCOMING_WINDOW = datetime.timedelta(days=7)
WAITING_STATUSES = [Status.APPLIED, Status.SCREENING, Status.INTERVIEWING]


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
    # Only feedback that came is news; a NULL would sort first on PostgreSQL.
    latest_feedback = Feedback.objects.filter(
        application=OuterRef("pk"), received_on__isnull=False
    ).order_by("-received_on")
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
