"""Why you get rejected: employer feedback themes, stated reasons and outside-control factors.

Counted over the applications the filters select, wishlist entries left out (they were never
sent). A theme counts the applications where it appears by any source: a feedback theme mark,
a theme the user confirmed on the outcome, or an outcome reason mentioning one of its keywords
that the user did not dismiss ("not this"); the same rule as the application list's `theme`
drill-down, so a number always equals the rows behind its link. Of those, the ones counted only
because the reason mentions the theme are "inferred from the employer's words", and the bar
says how many (the user can confirm or correct each on the application's page). An outside-control
checklist item counts the applications whose reflection says it played a part. A theme is
within or outside your control as the checklist item on the same thing is
(`checklist.THEME_ITEMS`): culture fit, an internal candidate and the budget are outside.
"""

from typing import Any

from django.db.models import Count

from accounts.models import User
from applications.models import FeedbackTheme
from applications.selectors.conditions import (
    theme_given_by_sources,
    theme_inferred_by_sources,
    where_sent,
    with_theme_sources,
)
from reflections import checklist
from reflections.checklist import Control
from reflections.models import ReflectionAnswer
from reflections.panels.chart import BarChart
from reflections.panels.filters import DashboardFilters


def _outside_items() -> dict[str, str]:
    """The outside-control items of every checklist version, labelled by the newest one."""
    labels: dict[str, str] = {}
    for version in sorted(checklist.CHECKLISTS):
        for item in checklist.items_by_key(version).values():
            if item.control == Control.OUTSIDE:
                labels[item.key] = item.label
    return labels


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    applications = filters.applications(user).filter(where_sent())
    # One grouped pass over applications joined to their theme marks and their outcome's
    # decisions (with_theme_sources), counted per theme, as the funnel counts its steps.
    theme_counts = with_theme_sources(applications).aggregate(
        **{
            theme.value: Count("pk", filter=theme_given_by_sources(theme))
            for theme in FeedbackTheme
        },
        **{
            f"{theme.value}_inferred": Count("pk", filter=theme_inferred_by_sources(theme))
            for theme in FeedbackTheme
        },
    )
    outside_items = _outside_items()
    item_counts = dict(
        ReflectionAnswer.objects.filter(
            reflection__application__in=applications,
            item_key__in=outside_items,
            choice=checklist.Factor.PLAYED_A_PART,
        )
        .values("item_key")
        .annotate(applications=Count("reflection__application", distinct=True))
        .values_list("item_key", "applications")
    )

    within: list[dict[str, Any]] = []
    outside: list[dict[str, Any]] = []
    for theme in FeedbackTheme:
        count = theme_counts[theme.value]
        if count:
            inferred = theme_counts[f"{theme.value}_inferred"]
            bar = {
                "label": theme.label,
                "value": count,
                "url": filters.drill_down(theme=theme.value),
                "note": "(employer)",
                "inferred": inferred,
                "value_note": f"({inferred} inferred from the employer's words)"
                if inferred
                else "",
            }
            outside_control = checklist.theme_control(theme) == Control.OUTSIDE
            (outside if outside_control else within).append(bar)
    for key, label in outside_items.items():
        if count := item_counts.get(key, 0):
            outside.append(
                {
                    "label": label,
                    "value": count,
                    "url": filters.drill_down(outside=key),
                    "note": "(your reflection)",
                }
            )
    within.sort(key=lambda bar: (-bar["value"], bar["label"]))
    outside.sort(key=lambda bar: (-bar["value"], bar["label"]))
    # One scale for both charts, so their bars compare.
    largest = max((bar["value"] for bar in within + outside), default=0)
    return {
        "within": BarChart.scaled(
            "Reasons within your control",
            "Applications",
            within,
            label_heading="Reason",
            whole=largest,
        ),
        "outside": BarChart.scaled(
            "Reasons outside your control",
            "Applications",
            outside,
            label_heading="Reason",
            whole=largest,
        ),
        "has_reasons": bool(within or outside),
    }
