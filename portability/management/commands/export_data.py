"""Write everything a user owns to a file: the JSON archive, or the zip of CSV files."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from portability.archive import services
from portability.archive.schema import KINDS


class Command(BaseCommand):
    help = (
        "Export everything USERNAME owns to FILE: the Rebound JSON archive (importable with "
        "import_data), or with --format zip one CSV per kind for spreadsheets."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--output", required=True, type=Path, metavar="FILE")
        parser.add_argument("--format", choices=["json", "zip"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"There is no user {options['username']!r}.")
        output: Path = options["output"]
        document = services.archive_export(user)
        if options["format"] == "zip":
            content = services.archive_export_zip(user, document)
        else:
            content = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        counts = ", ".join(f"{len(document[kind.name])} {kind.name}" for kind in KINDS)
        self.stdout.write(
            f"Exported {user.get_username()}'s data to {output} ({options['format']}): {counts}."
        )
