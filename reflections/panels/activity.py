"""Activity: applications sent and interviews had, week by week (weeks start on Monday).

Counted over the applications the filters select, wishlist entries left out (they were never
sent): applications by the week of their application date, interviews by the week they were
scheduled in (local time, as the list's `interview_week` drill-down reads it). Each chart shows
the WEEKS weeks up to its latest entry, newest first, weeks with none left out. An interview bar counts interviews; its link
opens the applications that had an interview that week, and the bar notes how many when that
differs. Three queries whatever the data.
"""

import datetime
from typing import Any

from django.db.models import Count, DateField, Max
from django.db.models.functions import TruncWeek
from django.utils import timezone

from accounts.models import User
from applications.models import Interview
from applications.selectors.conditions import where_sent
from reflections.panels.chart import BarChart
from reflections.panels.filters import DashboardFilters

WEEKS = 26


def _week_label(monday: datetime.date) -> str:
    return f"{monday.day} {monday:%b %Y}"


def _window_start(latest: datetime.date | None) -> datetime.date | None:
    """The Monday WEEKS - 1 weeks before the week of `latest`: the charts' first week."""
    if latest is None:
        return None
    back = datetime.timedelta(days=latest.weekday(), weeks=WEEKS - 1)
    # A date typed as year 1 has no 25 weeks before it: the window starts at the first day.
    if latest - datetime.date.min < back:
        return datetime.date.min
    return latest - back


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    applications = filters.applications(user).filter(where_sent())
    # Each chart covers the WEEKS weeks up to its latest entry. Cutting rows to that window
    # first keeps the week truncation (a function call per row on SQLite) to the rows shown.
    latest = applications.aggregate(
        applied=Max("date_applied"), interviewed=Max("interviews__scheduled_at")
    )
    applied_from = _window_start(latest["applied"])
    interviewed_from = _window_start(
        timezone.localdate(latest["interviewed"]) if latest["interviewed"] else None
    )
    applied = (
        (
            applications.filter(date_applied__gte=applied_from)
            if applied_from
            else applications.none()
        )
        .annotate(week=TruncWeek("date_applied"))
        .values("week")
        .annotate(count=Count("pk"))
        .order_by("-week")[:WEEKS]
    )
    interviewed = (
        (
            Interview.objects.filter(
                application__in=applications,
                # A datetime bound, not __date: that would cast every row before comparing.
                scheduled_at__gte=timezone.make_aware(
                    datetime.datetime.combine(interviewed_from, datetime.time())
                ),
            )
            if interviewed_from
            else Interview.objects.none()
        )
        .annotate(week=TruncWeek("scheduled_at", output_field=DateField()))
        .values("week")
        .annotate(count=Count("pk"), applications=Count("application", distinct=True))
        .order_by("-week")[:WEEKS]
    )

    application_bars = [
        {
            "label": _week_label(row["week"]),
            "value": row["count"],
            "url": filters.drill_down(week=row["week"]),
        }
        for row in applied
    ]
    interview_bars = [
        {
            "label": _week_label(row["week"]),
            "value": row["count"],
            "url": filters.drill_down(interview_week=row["week"]),
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
        "applications_chart": BarChart.scaled(
            "Applications per week", "Applications", application_bars, label_heading="Week of"
        ),
        "interviews_chart": BarChart.scaled(
            "Interviews per week", "Interviews", interview_bars, label_heading="Week of"
        ),
        "has_activity": bool(application_bars or interview_bars),
    }
