"""The reminder email's summary: what needs one user's attention on a given day, gathered from
both domains' selectors (the same lists the home page shows), in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from typing import ClassVar

from django.utils import timezone

from accounts.models import User
from applications.models import Interview
from applications.selectors.reminders import UPCOMING_WINDOW, reminders_for_user
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

    upcoming_days: ClassVar[int] = UPCOMING_WINDOW.days
    action_item_days: ClassVar[int] = ACTION_ITEMS_DUE_SOON_DAYS

    @property
    def count(self) -> int:
        return (
            len(self.upcoming_interviews)
            + len(self.debriefs_missing)
            + len(self.thank_yous_due)
            + len(self.unfinished_reflections)
            + len(self.action_items_due)
        )

    @property
    def is_empty(self) -> bool:
        return self.count == 0

    def outline(self) -> str:
        """One line of counts, for the command's --dry-run: "2 interviews coming, 1 debrief"."""
        parts = [
            (len(self.upcoming_interviews), "interview coming", "interviews coming"),
            (len(self.debriefs_missing), "debrief to write", "debriefs to write"),
            (len(self.thank_yous_due), "thank-you note to send", "thank-you notes to send"),
            (len(self.unfinished_reflections), "reflection to finish", "reflections to finish"),
            (len(self.action_items_due), "action item due", "action items due"),
        ]
        return ", ".join(
            f"{count} {singular if count == 1 else plural}"
            for count, singular, plural in parts
            if count
        )


def reminder_digest(user: User, on: datetime.date | None = None) -> ReminderDigest:
    """What needs the user's attention on the day `on` (today by default), as that day would see
    it at the current time of day: interviews coming, debriefs and thank-you notes due,
    reflections to finish, action items due or overdue. Empty when nothing does.

    The lists come from `reminders_for_user` and the reflection selectors, so the email and the
    home page always agree. Eight queries at most, however much there is.
    """
    today = timezone.localdate()
    on = on or today
    # The selectors count from now; another day (the command's --date) shifts both windows.
    shift = on - today
    tracking = reminders_for_user(user, now=timezone.now() + shift, limit=DIGEST_LIMIT)
    return ReminderDigest(
        on=on,
        upcoming_interviews=tracking.upcoming_interviews,
        debriefs_missing=tracking.debriefs_missing,
        thank_yous_due=tracking.thank_yous_due,
        unfinished_reflections=reflections_unfinished(user, limit=DIGEST_LIMIT),
        action_items_due=action_items_due_soon(
            user, days=ACTION_ITEMS_DUE_SOON_DAYS + shift.days, limit=DIGEST_LIMIT
        ),
    )
