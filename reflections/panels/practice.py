"""Practice: open and overdue action items, and the questions you are least ready to answer, in
the question bank's order and with its count of the interviews that asked each.

About the user's practice, not their applications: the dashboard filters do not apply.
"""

from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from accounts.models import User
from reflections.models import ActionItem
from reflections.panels.filters import DashboardFilters
from reflections.selectors import PRACTICE_ORDER, question_bank

SHOWN = 5


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    today = timezone.localdate()
    open_items = ActionItem.objects.filter(user=user, done_at__isnull=True)
    counts = open_items.aggregate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    soonest = list(open_items.order_by(F("due_on").asc(nulls_last=True), "pk")[:SHOWN])
    questions = list(question_bank(user).order_by(*PRACTICE_ORDER)[:SHOWN])
    return {
        "open_count": counts["open"],
        "overdue_count": counts["overdue"],
        "soonest": [
            {"title": item.title, "due_on": item.due_on, "overdue": item.is_overdue}
            for item in soonest
        ],
        "questions": questions,
    }
