"""Import a Rebound JSON archive into a user's account, all of it or nothing."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from portability.archive import services


class Command(BaseCommand):
    help = (
        "Import FILE, a Rebound JSON export, into USERNAME's account in one transaction. "
        "Rows already in the account are not added again, so a second import changes nothing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['username']!r}.")
        path: Path = options["file"]
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        try:
            summary = services.archive_import(user, services.archive_parse(raw))
        except services.ArchiveError as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        self.stdout.write(f"{user.get_username()}: {summary.message()}")
