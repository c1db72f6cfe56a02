"""Named conditions on applications (and interviews), shared by the dashboard's counts and the
drill-down lists, so a number and the list behind it always agree.

Each is a function returning a `Q`, named `where_<condition>`; the values they take are the
enums below, never bare strings. How far an application got is in `progress`.
"""

import datetime

from django.db import models
from django.db.models import Case, Exists, Max, OuterRef, Q, QuerySet, Value, When

from applications.models import (
    ENDED_STATUSES,
    THEME_KEYWORDS,
    Application,
    Feedback,
    FeedbackTheme,
    FeedbackThemeMark,
    Interview,
    Milestone,
    Outcome,
    OutcomeThemeDecision,
    Status,
    ThemeDecision,
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


def _decided(theme: str, decision: ThemeDecision) -> Exists:
    """On Application: its outcome has this decision on the theme. Decisions are about the
    employer's words, so an outcome without a reason has none that count."""
    return Exists(
        OutcomeThemeDecision.objects.filter(
            outcome__application=OuterRef("pk"), theme=theme, decision=decision
        ).exclude(outcome__reason="")
    )


def _where_theme_marked_or_confirmed(theme: str) -> Q:
    marked = FeedbackThemeMark.objects.filter(feedback__application=OuterRef("pk"), theme=theme)
    return Q(Exists(marked)) | Q(_decided(theme, ThemeDecision.CONFIRMED))


def where_theme_read_in_reason(theme: str) -> Q:
    """The employer's stated reason mentions the theme, and the user did not say "not this"."""
    reason = Outcome.objects.filter(where_reason_mentions(theme), application=OuterRef("pk"))
    return Q(Exists(reason)) & ~Q(_decided(theme, ThemeDecision.DISMISSED))


def where_theme_given(theme: str) -> Q:
    """Feedback was marked with the theme, or the user confirmed it on the outcome, or the
    employer's stated reason mentions it and the user did not dismiss it."""
    return _where_theme_marked_or_confirmed(theme) | where_theme_read_in_reason(theme)


def where_theme_inferred(theme: str) -> Q:
    """The theme is given only because the reason mentions it: nobody marked or confirmed it."""
    return where_theme_read_in_reason(theme) & ~_where_theme_marked_or_confirmed(theme)


def _flag(condition: Q) -> Max:
    return Max(Case(When(condition, then=Value(1)), default=Value(0)))


def with_theme_sources(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Annotate, per theme, whether feedback was marked with it, the user confirmed or
    dismissed it, and the reason mentions it (1 or 0): `theme_given_by_sources` and
    `theme_inferred_by_sources` read them.

    One grouped pass over the applications joined to their theme marks and their outcome's
    decisions, as `progress.with_progress` does (a correlated EXISTS per theme and application
    cost ~11x more on PostgreSQL).
    """
    annotations: dict[str, Max] = {}
    for theme in FeedbackTheme:
        decided = Q(outcome__theme_decisions__theme=theme.value) & ~Q(outcome__reason="")
        annotations |= {
            f"{theme.value}_marked": _flag(Q(feedback__theme_marks__theme=theme.value)),
            f"{theme.value}_confirmed": _flag(
                decided & Q(outcome__theme_decisions__decision=ThemeDecision.CONFIRMED)
            ),
            f"{theme.value}_dismissed": _flag(
                decided & Q(outcome__theme_decisions__decision=ThemeDecision.DISMISSED)
            ),
        }
        # A theme without keywords is never mentioned: a constant, as an always-false
        # condition would empty the whole count.
        annotations[f"{theme.value}_mentioned"] = (
            _flag(where_reason_mentions(theme, prefix="outcome__"))
            if THEME_KEYWORDS.get(theme)
            else Max(Value(0))
        )
    return applications.annotate(**annotations)


def _read_in_reason_by_sources(theme: str) -> Q:
    return Q(**{f"{theme}_mentioned": 1, f"{theme}_dismissed": 0})


def theme_given_by_sources(theme: str) -> Q:
    """where_theme_given(theme), read from with_theme_sources()'s annotations."""
    return (
        Q(**{f"{theme}_marked": 1})
        | Q(**{f"{theme}_confirmed": 1})
        | _read_in_reason_by_sources(theme)
    )


def theme_inferred_by_sources(theme: str) -> Q:
    """where_theme_inferred(theme), read from with_theme_sources()'s annotations."""
    return _read_in_reason_by_sources(theme) & Q(**{f"{theme}_marked": 0, f"{theme}_confirmed": 0})


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
