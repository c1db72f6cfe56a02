"""Qualifications you are missing: the requirements reflections most often marked "missing".

Requirements are grouped case-insensitively. A requirement counts the applications in scope
(wishlist entries left out) with a reflection marking it missing (the rule of the application
list's `missing` drill-down), and how many applications had it marked "partly" (the list's
`partly`).
"""

from typing import Any

from django.db.models import Count, Min, Q
from django.db.models.functions import Lower

from accounts.models import User
from applications.selectors.conditions import where_sent
from reflections.models import RequirementCheck
from reflections.panels.chart import BarChart
from reflections.panels.filters import DashboardFilters

TOP = 10


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    applications = filters.applications(user).filter(where_sent())
    missing = Q(verdict=RequirementCheck.Verdict.MISSING)
    partly = Q(verdict=RequirementCheck.Verdict.PARTLY)
    rows = list(
        RequirementCheck.objects.filter(reflection__application__in=applications)
        .annotate(key=Lower("requirement"))
        .values("key")
        .annotate(
            label=Min("requirement"),
            missing=Count("reflection__application", filter=missing, distinct=True),
            partly=Count("reflection__application", filter=partly, distinct=True),
        )
        .filter(missing__gt=0)
        .order_by("-missing", "-partly", "key")[:TOP]
    )
    if not rows:
        return {"chart": None}
    bars = [
        {
            "label": row["label"],
            "value": row["missing"],
            "url": filters.drill_down(missing=row["label"]),
            "partly": row["partly"],
            "partly_url": filters.drill_down(partly=row["label"]) if row["partly"] else "",
        }
        for row in rows
    ]
    chart = BarChart.scaled(
        "Requirements most often marked missing",
        "Missing in",
        bars,
        label_heading="Requirement",
    )
    return {"chart": chart}
