"""Activity: applications sent and interviews had, week by week (weeks start on Monday).

Counted over the applications the filters select, wishlist entries left out (they were never
sent): applications by the week of their application date, interviews by the week they were
scheduled in (local time, as the list's `interview_week` drill-down reads it). Each chart shows
the last WEEKS weeks that have any, newest first. An interview bar counts interviews; its link
opens the applications that had an interview that week, and the bar notes how many when that
differs. Two grouped queries whatever the data.
"""

import datetime
from typing import Any

from django.db.models import Count, DateField
from django.db.models.functions import TruncWeek

from accounts.models import User
from applications.models import Interview
from applications.selectors import sent
from reflections.panels.filters import DashboardFilters

WEEKS = 26


def _week_label(monday: datetime.date) -> str:
    return f"{monday.day} {monday:%b %Y}"


def _chart(caption: str, value_label: str, bars: list[dict[str, Any]]) -> dict[str, Any]:
    largest = max((bar["value"] for bar in bars), default=0)
    for bar in bars:
        bar["percent"] = 100 * bar["value"] / largest
    return {
        "caption": caption,
        "label_heading": "Week of",
        "value_label": value_label,
        "bars": bars,
    }


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    applications = filters.applications(user).filter(sent())
    applied = (
        applications.filter(date_applied__isnull=False)
        .annotate(week=TruncWeek("date_applied"))
        .values("week")
        .annotate(count=Count("pk"))
        .order_by("-week")[:WEEKS]
    )
    interviewed = (
        Interview.objects.filter(application__in=applications)
        .annotate(week=TruncWeek("scheduled_at", output_field=DateField()))
        .values("week")
        .annotate(count=Count("pk"), applications=Count("application", distinct=True))
        .order_by("-week")[:WEEKS]
    )

    application_bars = [
        {
            "label": _week_label(row["week"]),
            "value": row["count"],
            "url": filters.drill_down(week=row["week"].isoformat()),
        }
        for row in applied
    ]
    interview_bars = [
        {
            "label": _week_label(row["week"]),
            "value": row["count"],
            "url": filters.drill_down(interview_week=row["week"].isoformat()),
            # The link lists the applications with an interview that week: say how many when
            # some had several.
            "note": (
                f"({row['applications']} application{'s' if row['applications'] > 1 else ''})"
                if row["applications"] != row["count"]
                else ""
            ),
        }
        for row in interviewed
    ]
    return {
        "weeks": WEEKS,
        "applications_chart": _chart("Applications per week", "Applications", application_bars),
        "interviews_chart": _chart("Interviews per week", "Interviews", interview_bars),
        "has_activity": bool(application_bars or interview_bars),
    }
