"""What you keep struggling with: checklist items most often marked "needs work", and their trend.

An item counts the applications in scope (wishlist entries left out) with a reflection marking
it "needs work" (the rule of the application list's `weakness` drill-down). Its trend compares
the earlier and the later half of the period: of the item's went well / needs work answers in
each half, the share that were "needs work". Lower later is "getting better", higher "getting
worse", equal "no change"; fewer than two answers in either half is "not enough data".
"""

from typing import Any

from django.db.models import Count, Max, Min, Q

from accounts.models import User
from applications.selectors.conditions import where_sent
from reflections import checklist
from reflections.models import Reflection, ReflectionAnswer
from reflections.panels.chart import BarChart
from reflections.panels.filters import DashboardFilters

TOP = 8
MIN_ANSWERS_PER_HALF = 2


def _trend(early_share: float | None, late_share: float | None) -> str:
    if early_share is None or late_share is None:
        return "not enough data"
    if late_share < early_share:
        return "getting better"
    if late_share > early_share:
        return "getting worse"
    return "no change"


def _share(needs_work: int, answers: int) -> float | None:
    return needs_work / answers if answers >= MIN_ANSWERS_PER_HALF else None


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    applications = filters.applications(user).filter(where_sent())
    span = Reflection.objects.filter(application__in=applications).aggregate(
        first=Min("created_at"), last=Max("created_at")
    )
    if span["first"] is None:
        return {"chart": None, "middle": None}
    # The halves split the reflections' own time span: reflections are written after the
    # applications, so the applied-date filter would push them all into the later half.
    middle = span["first"] + (span["last"] - span["first"]) / 2
    early = Q(reflection__created_at__lt=middle)
    late = Q(reflection__created_at__gte=middle)
    needs_work = Q(choice=checklist.Assessment.NEEDS_WORK)
    rows = list(
        ReflectionAnswer.objects.filter(
            reflection__application__in=applications,
            choice__in=[checklist.Assessment.WENT_WELL, checklist.Assessment.NEEDS_WORK],
        )
        .values("item_key")
        .annotate(
            applications=Count("reflection__application", filter=needs_work, distinct=True),
            needs_work=Count("pk", filter=needs_work),
            early_answers=Count("pk", filter=early),
            early_needs_work=Count("pk", filter=early & needs_work),
            late_answers=Count("pk", filter=late),
            late_needs_work=Count("pk", filter=late & needs_work),
        )
        .filter(needs_work__gt=0)
        .order_by("-applications", "-needs_work", "item_key")[:TOP]
    )
    if not rows:
        return {"chart": None, "middle": middle}
    items = checklist.items_by_key()
    bars = []
    for row in rows:
        early_share = _share(row["early_needs_work"], row["early_answers"])
        late_share = _share(row["late_needs_work"], row["late_answers"])
        item = items.get(row["item_key"])
        bars.append(
            {
                "key": row["item_key"],
                "label": item.label if item else row["item_key"],
                "value": row["applications"],
                "url": filters.drill_down(weakness=row["item_key"]),
                "note": f"· {_trend(early_share, late_share)}",
                "trend": _trend(early_share, late_share),
                "early_share": early_share,
                "late_share": late_share,
            }
        )
    chart = BarChart.scaled(
        "Checklist items most often marked “needs work”, with their trend",
        "Applications",
        bars,
        label_heading="Item",
    )
    return {"chart": chart, "middle": middle}
