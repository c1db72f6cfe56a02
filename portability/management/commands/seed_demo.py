"""`manage.py seed_demo`: create (or replace) the demo account with several months of data."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import DEMO_PASSWORD, DEMO_USERNAME
from portability.demo import (
    DemoUsernameTaken,
    demo_seed,
    demo_user,
)


class Command(BaseCommand):
    help = (
        f"Create the demo account {DEMO_USERNAME!r} (password {DEMO_PASSWORD!r}) with five "
        "months of made-up job search, replacing it if it exists. Never run automatically."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--login-hint",
            action="store_true",
            help="Write nothing: print how to log in as the demo user, or how to create it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["login_hint"]:
            if demo_user() is None:
                self.stdout.write(
                    "No demo account yet: `make demo` (or `python manage.py seed_demo`) "
                    "creates one."
                )
            else:
                self.stdout.write(
                    f"Demo account: log in as {DEMO_USERNAME!r} with password {DEMO_PASSWORD!r}."
                )
            return
        try:
            summary = demo_seed()
        except DemoUsernameTaken as error:
            raise CommandError(str(error)) from error
        self.stdout.write(summary.line())
