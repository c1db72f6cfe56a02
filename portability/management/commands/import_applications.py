"""Import a CSV or XLSX of applications into a user's account, as the import pages do."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from applications.models import Status
from portability.spreadsheet.mapping import (
    REQUIRED_FIELDS,
    ColumnMapping,
    DateOrder,
    Field,
    date_order_evidence,
    mapping_guess,
    status_key,
)
from portability.spreadsheet.reading import MAX_BYTES, SpreadsheetError, sheet_read
from portability.spreadsheet.services import ImportOptions, spreadsheet_import


class Command(BaseCommand):
    help = (
        "Import applications from a CSV or XLSX file into USERNAME's account. Columns are "
        "guessed from their names; --map and --status set what Rebound cannot guess. "
        "Nothing is imported if a row fails, unless --skip-bad-rows."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; write nothing."
        )
        parser.add_argument(
            "--skip-bad-rows", action="store_true", help="Import the rows without errors."
        )
        parser.add_argument(
            "--date-order",
            choices=[order.value for order in DateOrder],
            help="How to read dates like 03/04/2024: dmy (day first) or mdy (month first).",
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            help=f"Import COLUMN as FIELD (one of {', '.join(Field.values)}), "
            "or FIELD empty to leave the column out. Repeatable.",
        )
        parser.add_argument(
            "--status",
            action="append",
            default=[],
            metavar="VALUE=STATUS",
            help=f"Read the status text VALUE as STATUS (one of {', '.join(Status.values)}). "
            "Repeatable.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        path: Path = options["file"]
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(
                    f"{path} is larger than {MAX_BYTES // (1024 * 1024)} MB: split it."
                )
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        try:
            sheet = sheet_read(content, path.name)
        except SpreadsheetError as error:
            raise CommandError(str(error)) from error

        mapping = self._mapping(sheet.headers, options["map"])
        statuses = self._statuses(options["status"])
        date_order = DateOrder(options["date_order"]) if options["date_order"] else None
        if date_order is None and Field.DATE_APPLIED in mapping:
            date_order = date_order_evidence(sheet.column_values(mapping[Field.DATE_APPLIED]))
            if date_order is not None:
                self.stdout.write(
                    f"Dates read {date_order.label.lower()}, as some can only be read that way "
                    "(--date-order to change)."
                )
        import_options = ImportOptions(
            date_order=date_order,
            statuses=statuses,
            skip_bad_rows=options["skip_bad_rows"],
            dry_run=options["dry_run"],
        )
        result = spreadsheet_import(user=user, sheet=sheet, mapping=mapping, options=import_options)
        plan = result.plan

        for value in plan.unmatched_statuses:
            self.stdout.write(
                f"Status “{value.text}” ({value.rows} row{'s' if value.rows != 1 else ''}) is "
                f'not one Rebound knows: map it with --status "{value.text}=STATUS" '
                f"(one of {', '.join(Status.values)})."
            )
        for note in plan.duplicates:
            self.stdout.write(f"Row {note.row}: skipped, {note.reason}.")
        for note in plan.errors:
            self.stdout.write(f"Row {note.row}: {note.reason}.")

        verb = "Would import" if options["dry_run"] else "Imported"
        if plan.blocks(import_options) or (plan.errors and not result.imported):
            raise CommandError(
                f"Nothing imported: {len(plan.errors)} row(s) with errors. Fix them, or pass "
                "--skip-bad-rows to import the rest."
            )
        for planned in plan.applications:
            date = planned.date_applied.isoformat() if planned.date_applied else "no date"
            self.stdout.write(
                f"  row {planned.row}: {planned.role_title} at {planned.company}, {date}, "
                f"{planned.status.label}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {result.imported} application(s) for {user.username}; "
                f"{len(plan.duplicates)} duplicate(s) skipped, "
                f"{len(plan.errors)} row(s) with errors left out."
            )
        )

    def _mapping(self, headers: tuple[str, ...], pairs: list[str]) -> ColumnMapping:
        mapping = mapping_guess(headers)
        by_name = {header.casefold(): index for index, header in enumerate(headers)}
        for pair in pairs:
            column, separator, field_name = pair.rpartition("=")
            if not separator or not column.strip():
                raise CommandError(f'--map "{pair}": write it as "Column=field".')
            index = by_name.get(column.strip().casefold())
            if index is None:
                raise CommandError(
                    f"--map: no column named “{column.strip()}”; the columns are: "
                    + ", ".join(f"“{header}”" for header in headers)
                )
            mapping = {field: i for field, i in mapping.items() if i != index}
            field_name = field_name.strip()
            if field_name in ("", "ignore"):
                continue
            if field_name not in Field.values:
                raise CommandError(
                    f"--map: “{field_name}” is not a field; use one of {', '.join(Field.values)}."
                )
            mapping[Field(field_name)] = index

        for field, index in sorted(mapping.items(), key=lambda item: item[1]):
            self.stdout.write(f"Column “{headers[index]}” → {field.value}")
        unmapped = [header for index, header in enumerate(headers) if index not in mapping.values()]
        for header in unmapped:
            self.stdout.write(
                f'Column “{header}” is not imported: map it with --map "{header}=FIELD" '
                f"(one of {', '.join(Field.values)})."
            )
        missing = [field for field in REQUIRED_FIELDS if field not in mapping]
        if missing:
            raise CommandError(
                "No column for "
                + " or ".join(field.value for field in missing)
                + ": map one with "
                + " ".join(f'--map "Column={field.value}"' for field in missing)
                + "."
            )
        return mapping

    def _statuses(self, pairs: list[str]) -> dict[str, Status | None]:
        statuses: dict[str, Status | None] = {}
        for pair in pairs:
            value, separator, status = pair.rpartition("=")
            status = status.strip()
            if not separator:
                raise CommandError(f'--status "{pair}": write it as "Value=status".')
            if status not in Status.values:
                raise CommandError(
                    f"--status: “{status}” is not a status; use one of {', '.join(Status.values)}."
                )
            statuses[status_key(value)] = Status(status)
        return statuses
