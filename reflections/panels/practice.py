"""Practice: open and overdue action items, and the questions you are least confident answering.

About the user's practice, not their applications: the dashboard filters do not apply.
"""

from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.models import User
from reflections.models import ActionItem, Question
from reflections.panels.filters import DashboardFilters

SHOWN = 5


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    today = timezone.localdate()
    open_items = ActionItem.objects.filter(user=user, done_at__isnull=True)
    counts = open_items.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    soonest = list(open_items.order_by(F("due_on").asc(nulls_last=True), "pk")[:SHOWN])
    questions = list(
        Question.objects.filter(user=user)
        .annotate(asked=Count("times_asked"))
        .order_by(F("confidence").asc(nulls_first=True), "-asked", Lower("text"), "pk")[:SHOWN]
    )
    return {
        "open_count": counts["open"],
        "overdue_count": counts["overdue"],
        "soonest": [
            {"title": item.title, "due_on": item.due_on, "overdue": item.is_overdue}
            for item in soonest
        ],
        "questions": questions,
    }
