"""The dashboard's summary in plain words: this month's applications and interviews, the
rejections and offers so far, where most rejections come and their top reason, and the
reflections waiting to be finished.

The application numbers respect the dashboard's filters, as the panels do, and each is counted
with the condition of the drill-down its link opens (`DashboardFilters.drill_down`), so a number
always equals the list behind it. The reflections waiting are a to-do list, not a pattern: they
count every unfinished reflection, whatever the filters, and link to the reflections page.
Five queries whatever the data.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from applications.models import FeedbackTheme, Milestone, Outcome, Status
from applications.selectors.conditions import (
    theme_given_by_sources,
    where_sent,
    with_theme_sources,
)
from applications.selectors.progress import reached_by_progress, with_progress
from reflections.drill_down import where_applied_in_month, where_interviewed_in_month
from reflections.models import Reflection
from reflections.panels.filters import DashboardFilters


@dataclass(frozen=True)
class SummaryNumber:
    """One number of the summary: its value, the words after it, the list behind it."""

    value: int
    words: str
    url: str = ""


@dataclass(frozen=True)
class DashboardSummary:
    month: datetime.date
    applied_this_month: SummaryNumber
    interviewed_this_month: SummaryNumber
    rejections: SummaryNumber
    offers: SummaryNumber
    reflections_waiting: SummaryNumber
    # The stage most rejections came at and the top reason, when there are any.
    top_stage: str
    top_stage_rejections: SummaryNumber | None
    top_theme: str
    top_theme_applications: SummaryNumber | None
    filtered: bool


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _number(value: int, words: str, url: str) -> SummaryNumber:
    return SummaryNumber(value=value, words=words, url=url if value else "")


def dashboard_summary(
    user: User, filters: DashboardFilters, *, today: datetime.date | None = None
) -> DashboardSummary:
    today = today or timezone.localdate()
    month = today.replace(day=1)
    sent = filters.applications(user).filter(where_sent())

    counts = sent.aggregate(
        applied_this_month=Count("pk", filter=where_applied_in_month(month)),
        interviewed_this_month=Count("pk", filter=where_interviewed_in_month(month)),
        rejections=Count("pk", filter=Q(status=Status.REJECTED)),
    )
    # Offers as the funnel counts its last step (the same condition as `reached=offer`).
    offers = with_progress(sent).aggregate(
        offers=Count("pk", filter=reached_by_progress(Milestone.OFFER))
    )["offers"]
    # As the funnel's "stage each rejection came at" counts them.
    stage_counts = dict(
        filters.applications(user)
        .filter(status=Status.REJECTED, outcome__result=Outcome.Result.REJECTED)
        .values("outcome__stage_reached")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("outcome__stage_reached", "count")
    )
    # As the reasons panel counts a theme.
    theme_counts = with_theme_sources(sent).aggregate(
        **{
            theme.value: Count("pk", filter=theme_given_by_sources(theme))
            for theme in FeedbackTheme
        }
    )
    waiting = Reflection.objects.filter(user=user, finished_at__isnull=True).count()

    # Ties go to the earlier stage, and to the reason first in the reasons panel's order.
    top_stage, top_stage_label, top_stage_count = "", "", 0
    for stage, label in Outcome.StageReached.choices:
        if stage_counts.get(stage, 0) > top_stage_count:
            top_stage, top_stage_label, top_stage_count = stage, label, stage_counts[stage]
    themes = sorted(
        (
            (theme_counts[theme.value], theme)
            for theme in FeedbackTheme
            if theme_counts[theme.value]
        ),
        key=lambda row: (-row[0], row[1].label),
    )

    applied = counts["applied_this_month"]
    interviewed = counts["interviewed_this_month"]
    rejections = counts["rejections"]
    return DashboardSummary(
        month=month,
        applied_this_month=_number(
            applied,
            _plural(applied, "application sent", "applications sent"),
            filters.drill_down(month=month),
        ),
        interviewed_this_month=_number(
            interviewed,
            "with an interview",
            filters.drill_down(interview_month=month),
        ),
        rejections=_number(
            rejections,
            _plural(rejections, "rejection", "rejections"),
            filters.drill_down(status=Status.REJECTED)
            if filters.status in ("", Status.REJECTED)
            else "",
        ),
        offers=_number(
            offers, _plural(offers, "offer", "offers"), filters.drill_down(reached=Milestone.OFFER)
        ),
        reflections_waiting=_number(
            waiting,
            _plural(waiting, "reflection waiting", "reflections waiting"),
            reverse("reflection_list"),
        ),
        top_stage=str(top_stage_label) if top_stage_count else "",
        top_stage_rejections=_number(
            top_stage_count,
            _plural(top_stage_count, "rejection", "rejections"),
            filters.drill_down(status=Status.REJECTED, rejected_at=top_stage),
        )
        if top_stage_count
        else None,
        top_theme=str(themes[0][1].label) if themes else "",
        top_theme_applications=_number(
            themes[0][0],
            _plural(themes[0][0], "application", "applications"),
            filters.drill_down(theme=themes[0][1].value),
        )
        if themes
        else None,
        filtered=bool(filters.as_params()),
    )
