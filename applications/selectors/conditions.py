"""Named conditions on applications (and interviews), shared by the dashboard's counts and the
drill-down lists, so a number and the list behind it always agree.

Each is a function returning a `Q`, named `where_<condition>`; the values they take are the
enums below, never bare strings. How far an application got is in `progress`.
"""

import datetime

from django.db import models
from django.db.models import Exists, OuterRef, Q

from applications.models import (
    ENDED_STATUSES,
    THEME_KEYWORDS,
    Application,
    Feedback,
    FeedbackThemeMark,
    Interview,
    Milestone,
    Outcome,
    Status,
)
from applications.selectors.progress import where_reached


class InterviewFate(models.TextChoices):
    """What came after an interview."""

    WENT_ON = "went_on", "went on"
    REJECTED = "rejected", "rejected"
    DECIDED = "decided", "decided"


class FirstInterview(models.TextChoices):
    DECIDED = "decided", "decided"
    PASSED = "passed", "passed"


class FeedbackProgress(models.TextChoices):
    REQUESTED = "requested", "requested"
    RECEIVED = "received", "received"
    BOTH = "both", "requested and received"


def where_sent() -> Q:
    """Sent to the employer: everything but the wishlist."""
    return ~Q(status=Status.WISHLIST)


def where_ended() -> Q:
    return Q(status__in=sorted(ENDED_STATUSES))


def where_responded() -> Q:
    """The employer replied: the application reached screening, or ended in a rejection or offer."""
    replied = Outcome.objects.filter(
        application=OuterRef("pk"), result__in=[Outcome.Result.REJECTED, Outcome.Result.OFFER]
    )
    return where_reached(Milestone.SCREENING) | Q(Exists(replied))


def where_rejected_at(stage: str) -> Q:
    """Rejected, and the outcome says at this stage (an `Outcome.StageReached`)."""
    return Q(outcome__result=Outcome.Result.REJECTED, outcome__stage_reached=stage)


def where_reason_mentions(theme: str, prefix: str = "") -> Q:
    """A condition on Outcome (or, with prefix "outcome__", on Application): its reason text
    mentions the theme's keywords."""
    condition = Q(pk__in=[])
    for keyword in THEME_KEYWORDS.get(theme, ()):
        condition |= Q(**{f"{prefix}reason__icontains": keyword})
    return condition


def where_theme_given(theme: str) -> Q:
    """Feedback was marked with the theme, or the employer's stated reason mentions it."""
    marked = FeedbackThemeMark.objects.filter(feedback__application=OuterRef("pk"), theme=theme)
    reason = Outcome.objects.filter(where_reason_mentions(theme), application=OuterRef("pk"))
    return Q(Exists(marked)) | Q(Exists(reason))


def where_no_source() -> Q:
    return Q(source="")


def where_interview_went_on() -> Q:
    """A condition on Interview: a later interview followed, or the application reached an offer."""
    later = Interview.objects.filter(
        application=OuterRef("application"), scheduled_at__gt=OuterRef("scheduled_at")
    )
    offered = Application.objects.filter(where_reached(Milestone.OFFER), pk=OuterRef("application"))
    return Q(Exists(later)) | Q(Exists(offered))


def where_interview_rejected() -> Q:
    """A condition on Interview: nothing followed it and the application was rejected."""
    return ~where_interview_went_on() & Q(application__status=Status.REJECTED)


def where_interview_rated(
    *, rating: int | None = None, rating_min: int | None = None, fate: str = ""
) -> Q:
    """An interview was rated `rating` (or at least `rating_min`), and then met `fate`."""
    rated = Interview.objects.filter(application=OuterRef("pk"))
    rated = rated.filter(rating=rating) if rating else rated.filter(rating__gte=rating_min)
    if fate == InterviewFate.WENT_ON:
        rated = rated.filter(where_interview_went_on())
    elif fate == InterviewFate.REJECTED:
        rated = rated.filter(where_interview_rejected())
    elif fate == InterviewFate.DECIDED:
        rated = rated.filter(where_interview_went_on() | where_interview_rejected())
    return Q(Exists(rated))


def where_feedback(progress: str) -> Q:
    """Feedback was asked for, received, or both (a `FeedbackProgress`)."""
    feedback = Feedback.objects.filter(application=OuterRef("pk"))
    if progress == FeedbackProgress.REQUESTED:
        feedback = feedback.filter(requested_on__isnull=False)
    elif progress == FeedbackProgress.RECEIVED:
        feedback = feedback.filter(received_on__isnull=False)
    else:
        feedback = feedback.filter(requested_on__isnull=False, received_on__isnull=False)
    return Q(Exists(feedback))


def where_applied_in_week(week: datetime.date) -> Q:
    return Q(date_applied__gte=week, date_applied__lt=week + datetime.timedelta(days=7))


def where_interviewed_in_week(week: datetime.date) -> Q:
    interviews = Interview.objects.filter(
        application=OuterRef("pk"),
        scheduled_at__date__gte=week,
        scheduled_at__date__lt=week + datetime.timedelta(days=7),
    )
    return Q(Exists(interviews))
