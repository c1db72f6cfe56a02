"""Feedback after an application ends: how often you asked, how often it came, how long it took,
and how often an application ended in silence.

Everything is counted over the ended applications the filters select (status rejected, withdrawn
or no response). Asked: an ended application with a feedback entry that has a request date.
Received: one with a feedback entry that has a received date (asked for or not). The median wait
is over those applications' feedback entries that have both dates. Three queries whatever the
data (two when no feedback has both dates): the counts, the number of waits, the middle waits.
"""

import datetime
from typing import Any

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q

from accounts.models import User
from applications.models import Feedback, Status
from applications.selectors.conditions import FeedbackProgress, where_ended
from reflections.panels.filters import DashboardFilters, percent_of


def median_wait(feedback: Any) -> tuple[int, float | None]:
    """How many feedback entries have both dates, and the median days from request to receipt.

    The median is found in SQL: count the waits, then fetch only the middle one or two.
    """
    waits = (
        feedback.filter(requested_on__isnull=False, received_on__isnull=False)
        .annotate(wait=ExpressionWrapper(F("received_on") - F("requested_on"), DurationField()))
        .order_by("wait", "pk")
    )
    count = waits.count()
    if not count:
        return 0, None
    middle = list(waits.values_list("wait", flat=True)[(count - 1) // 2 : count // 2 + 1])
    days = [wait / datetime.timedelta(days=1) for wait in middle]
    return count, sum(days) / len(days)


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    applications = filters.applications(user).filter(where_ended())
    entries = Feedback.objects.filter(application=OuterRef("pk"))
    counts = applications.aggregate(
        ended=Count("pk"),
        asked=Count("pk", filter=Q(Exists(entries.filter(requested_on__isnull=False)))),
        received=Count("pk", filter=Q(Exists(entries.filter(received_on__isnull=False)))),
        no_response=Count("pk", filter=Q(status=Status.NO_RESPONSE)),
    )
    waits, median_days = median_wait(Feedback.objects.filter(application__in=applications))

    ended_count = counts["ended"]

    def number(key: str, **where: Any) -> dict[str, Any]:
        value = counts[key]
        return {
            "value": value,
            "percent": percent_of(value, ended_count),
            "url": filters.drill_down(**where) if value else "",
        }

    return {
        "ended": ended_count,
        "ended_url": filters.drill_down(ended=True) if ended_count else "",
        "asked": number("asked", ended="1", feedback="requested"),
        "received": number("received", ended="1", feedback="received"),
        "no_response": number("no_response", status=Status.NO_RESPONSE),
        "waits": waits,
        # Counts feedback entries; the link opens the applications they belong to.
        "waits_url": filters.drill_down(ended=True, feedback=FeedbackProgress.BOTH)
        if waits
        else "",
        "median_days": median_days,
    }
