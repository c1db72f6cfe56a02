"""`manage.py send_reminders`: email each user who asked for reminders a summary of what needs
their attention. The operator runs it once a day (cron or a systemd timer, see the README);
running it again the same day sends nothing twice.

Daily users are due every day, weekly users on Mondays (what the settings page promises): a
Monday the command did not run is skipped, not made up on Tuesday. A user whose summary is
empty gets nothing that day.
"""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import DEMO_EMAIL, DEMO_USERNAME, User
from workflows.reminder_digest import ReminderDigest, reminder_digest

logger = logging.getLogger(__name__)

WEEKLY_ON = 0  # Monday, as date.weekday() counts
NO_BASE_URL = (
    "REBOUND_BASE_URL is not set, so the reminder emails cannot link to the site. Set it to the "
    "address people open Rebound at, for example https://rebound.example.com."
)


def users_due_reminders(on: datetime.date) -> QuerySet[User]:
    """Active users with an address who asked for reminders on this day and have not had one.

    Never the demo account (anyone can log in and turn reminders on), nor any address under
    .invalid, a name reserved never to exist (RFC 2606): mail to it fails every day.
    """
    frequencies = [User.ReminderFrequency.DAILY]
    if on.weekday() == WEEKLY_ON:
        frequencies.append(User.ReminderFrequency.WEEKLY)
    return (
        User.objects.filter(is_active=True, reminder_frequency__in=frequencies)
        .exclude(email="")
        .exclude(username=DEMO_USERNAME, email=DEMO_EMAIL)
        .exclude(email__iendswith=".invalid")
        .exclude(reminders_sent_on=on)
        .order_by("pk")
    )


def reminder_claim(user: User, on: datetime.date) -> bool:
    """Mark the day as sent for this user before sending, in one UPDATE: of two runs at once,
    only the first gets True."""
    return (
        User.objects.filter(pk=user.pk).exclude(reminders_sent_on=on).update(reminders_sent_on=on)
        == 1
    )


def reminder_release(user: User, on: datetime.date) -> None:
    """Undo a claim whose email was not sent, so the next run tries again."""
    User.objects.filter(pk=user.pk, reminders_sent_on=on).update(
        reminders_sent_on=user.reminders_sent_on
    )


def reminder_email(user: User, digest: ReminderDigest, base_url: str) -> EmailMessage:
    count = digest.count
    things = "1 thing needs" if count == 1 else f"{count} things need"
    subject = f"Rebound: {things} your attention"
    body = render_to_string(
        "workflows/reminder_email.txt", {"user": user, "digest": digest, "base_url": base_url}
    )
    # Auto-Submitted keeps out-of-office replies from answering a robot (RFC 3834).
    return EmailMessage(
        subject, body, to=[user.email], headers={"Auto-Submitted": "auto-generated"}
    )


class Command(BaseCommand):
    help = (
        "Email each user who turned reminders on a summary of what needs their attention "
        "(daily users every day, weekly users on Mondays). Run it once a day; a second run the "
        "same day sends nothing twice. Needs REBOUND_BASE_URL for the links."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print who would get what; send nothing and mark nothing as sent",
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="act as if today were this day (YYYY-MM-DD), for testing",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        on: datetime.date = options["date"] or timezone.localdate()
        dry_run: bool = options["dry_run"]
        base_url: str = settings.BASE_URL
        sent = skipped = failed = 0
        for user in users_due_reminders(on):
            digest = reminder_digest(user, on)
            if digest.is_empty:
                skipped += 1
                continue
            if not base_url:
                raise CommandError(NO_BASE_URL)
            if dry_run:
                self.stdout.write(f"Would send to {user.get_username()}: {digest.outline()}.")
                sent += 1
                continue
            if not reminder_claim(user, on):
                skipped += 1  # another run got there first
                continue
            try:
                reminder_email(user, digest, base_url).send()
            except Exception:
                # Whatever went wrong, the day is given back and the others still get theirs.
                reminder_release(user, on)
                logger.exception("The reminder email to %s could not be sent", user.get_username())
                failed += 1
            else:
                sent += 1
        verb = "would send" if dry_run else "sent"
        self.stdout.write(f"Reminders for {on}: {verb} {sent}, skipped {skipped}, failed {failed}.")
        if failed:
            raise CommandError(
                f"{failed} reminder email{'s' if failed != 1 else ''} could not be sent (see the "
                "log above); the next run tries again."
            )
