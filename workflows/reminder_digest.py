"""The reminder email's summary: what needs one user's attention on a given day, gathered from
both domains' selectors (the same lists the home page shows), in a fixed number of queries."""

import datetime
from collections.abc import Callable, Sized
from dataclasses import dataclass, field
from typing import ClassVar

from django.utils import timezone

from accounts.models import User
from applications.models import Interview
from applications.selectors.reminders import (
    THANK_YOU_AFTER,
    THANK_YOU_WINDOW,
    UPCOMING_WINDOW,
    reminders_for_user,
)
from reflections.models import ActionItem, Reflection
from reflections.selectors import (
    ACTION_ITEMS_DUE_SOON_DAYS,
    action_items_due_soon,
    reflections_unfinished,
)

# An email is not a dashboard: a few of each, and the home page has the rest.
DIGEST_LIMIT = 10


@dataclass(frozen=True)
class ReminderDigest:
    on: datetime.date
    upcoming_interviews: list[Interview]
    debriefs_missing: list[Interview]
    thank_yous_due: list[Interview]
    unfinished_reflections: list[Reflection]
    action_items_due: list[ActionItem]
    # How many each list leaves out, by the list's name (the email says "and N more").
    more: dict[str, int] = field(default_factory=dict)

    upcoming_days: ClassVar[int] = UPCOMING_WINDOW.days
    action_item_days: ClassVar[int] = ACTION_ITEMS_DUE_SOON_DAYS

    def _total(self, name: str) -> int:
        shown: Sized = getattr(self, name)
        return len(shown) + self.more.get(name, 0)

    @property
    def count(self) -> int:
        """Everything that needs attention, the items each list leaves out included."""
        return sum(self._total(name) for name in LIST_NAMES)

    @property
    def is_empty(self) -> bool:
        return self.count == 0

    def outline(self) -> str:
        """One line of counts, for the command's --dry-run: "2 interviews coming, 1 debrief"."""
        parts = [
            (self._total("upcoming_interviews"), "interview coming", "interviews coming"),
            (self._total("debriefs_missing"), "debrief to write", "debriefs to write"),
            (self._total("thank_yous_due"), "thank-you note to send", "thank-you notes to send"),
            (
                self._total("unfinished_reflections"),
                "reflection to finish",
                "reflections to finish",
            ),
            (self._total("action_items_due"), "action item due", "action items due"),
        ]
        return ", ".join(
            f"{count} {singular if count == 1 else plural}"
            for count, singular, plural in parts
            if count
        )


LIST_NAMES = (
    "upcoming_interviews",
    "debriefs_missing",
    "thank_yous_due",
    "unfinished_reflections",
    "action_items_due",
)


def _left_out(shown: Sized, count: Callable[[], int]) -> int:
    """How many a list cut to DIGEST_LIMIT leaves out: one COUNT, made only when the list is
    full (a shorter list is all there is)."""
    return max(count() - len(shown), 0) if len(shown) >= DIGEST_LIMIT else 0


def _more(
    user: User, now: datetime.datetime, action_item_days: int, lists: dict[str, Sized]
) -> dict[str, int]:
    """What each list leaves out, counted with the conditions its selector lists with
    (`reminders_for_user`, `reflections_unfinished`, `action_items_due_soon`)."""
    interviews = Interview.objects.filter(application__user=user, application__archived=False)
    until = timezone.localdate() + datetime.timedelta(days=action_item_days)
    counts: dict[str, Callable[[], int]] = {
        "upcoming_interviews": interviews.filter(
            scheduled_at__gte=now, scheduled_at__lte=now + UPCOMING_WINDOW
        ).count,
        "debriefs_missing": interviews.filter(scheduled_at__lt=now, rating__isnull=True).count,
        "thank_yous_due": interviews.filter(
            scheduled_at__lte=now - THANK_YOU_AFTER,
            scheduled_at__gte=now - THANK_YOU_WINDOW,
            thank_you_sent_on__isnull=True,
        ).count,
        "unfinished_reflections": Reflection.objects.filter(
            user=user, finished_at__isnull=True
        ).count,
        "action_items_due": ActionItem.objects.filter(
            user=user, done_at__isnull=True, due_on__lte=until
        ).count,
    }
    return {name: _left_out(lists[name], counts[name]) for name in LIST_NAMES}


def reminder_digest(user: User, on: datetime.date | None = None) -> ReminderDigest:
    """What needs the user's attention on the day `on` (today by default), as that day would see
    it at the current time of day: interviews coming, debriefs and thank-you notes due,
    reflections to finish, action items due or overdue. Empty when nothing does.

    The lists come from `reminders_for_user` and the reflection selectors, so the email and the
    home page always agree. Each list shows DIGEST_LIMIT at most; a full one is counted too,
    so the email can say how many it leaves out. Thirteen queries at most, however much there
    is.
    """
    today = timezone.localdate()
    on = on or today
    # The selectors count from now; another day (the command's --date) shifts both windows.
    shift = on - today
    now = timezone.now() + shift
    action_item_days = ACTION_ITEMS_DUE_SOON_DAYS + shift.days
    tracking = reminders_for_user(user, now=now, limit=DIGEST_LIMIT)
    unfinished = reflections_unfinished(user, limit=DIGEST_LIMIT)
    action_items = action_items_due_soon(user, days=action_item_days, limit=DIGEST_LIMIT)
    lists: dict[str, Sized] = {
        "upcoming_interviews": tracking.upcoming_interviews,
        "debriefs_missing": tracking.debriefs_missing,
        "thank_yous_due": tracking.thank_yous_due,
        "unfinished_reflections": unfinished,
        "action_items_due": action_items,
    }
    return ReminderDigest(
        on=on,
        upcoming_interviews=tracking.upcoming_interviews,
        debriefs_missing=tracking.debriefs_missing,
        thank_yous_due=tracking.thank_yous_due,
        unfinished_reflections=unfinished,
        action_items_due=action_items,
        more=_more(user, now, action_item_days, lists),
    )
