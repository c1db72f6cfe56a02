"""Everything a user owns as one JSON-ready document, and the same as a zip of CSV files.

Rows point at each other by keys of the file's own ("companies-3"), numbered in the order of
their creation, never by database ids. Reads run one query per table whatever the amount of
data (values(), grouped in Python).
"""

import csv
import datetime
import io
import zipfile
from collections import defaultdict
from typing import Any

from django.db import models
from django.utils import timezone

from accounts.models import User
from applications.models import FeedbackThemeMark, Interview
from portability.archive.schema import FEEDBACK, FORMAT, INTERVIEWS, KINDS, VERSION, Kind

Row = dict[str, Any]

# Characters that make a spreadsheet read a cell as a formula (PITFALLS: CSV export), and their
# full-width forms, which some spreadsheets fold into the plain ones. Spreadsheets skip leading
# whitespace before looking (" =1+1", "\n=1+1", a no-break space), so the check does too.
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62")
CONTROL_STARTS = ("\t", "\r")
# The kinds whose rows carry a list besides their fields.
LIST_COLUMNS = {INTERVIEWS.name: ("interviewers",), FEEDBACK.name: ("themes",)}


def encode_value(value: object) -> object:
    """A field's value as JSON holds it: dates as ISO 8601, times in UTC with their offset."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _key(kind: Kind, position: int) -> str:
    return f"{kind.name}-{position}"


def _read(kind: Kind, user: User) -> list[Row]:
    """The user's rows of one kind, as values(), in a stable order (one query)."""
    columns = ["pk", *kind.fields, *(f"{ref}_id" for ref in kind.refs)]
    if kind.parent:
        columns.append(f"{kind.parent}_id")
    rows: models.QuerySet[Any, Row] = (
        kind.model._default_manager.filter(**{kind.owner: user})
        .order_by(*kind.order)
        .values(*columns)
    )
    return list(rows)


def _encode(kind: Kind, row: Row, keys: dict[str, dict[int, str]]) -> Row:
    encoded: Row = {}
    for name in kind.fields:
        encoded[name] = encode_value(row[name])
    for ref, target in kind.refs.items():
        ref_id = row[f"{ref}_id"]
        encoded[ref] = keys[target].get(ref_id) if ref_id is not None else None
    return encoded


def archive_export(user: User) -> dict[str, Any]:
    """The user's whole account as a document of the archive format, version 1."""
    rows = {kind.name: _read(kind, user) for kind in KINDS}
    keys: dict[str, dict[int, str]] = {
        kind.name: {row["pk"]: _key(kind, n) for n, row in enumerate(rows[kind.name], start=1)}
        for kind in KINDS
    }
    children: dict[str, dict[int, list[Row]]] = {}
    for kind in KINDS:
        for child in kind.children:
            grouped: dict[int, list[Row]] = defaultdict(list)
            for row in _read(child, user):
                grouped[row[f"{child.parent}_id"]].append(_encode(child, row, keys))
            children[child.name] = grouped
    interviewers = _interviewers(user, keys["contacts"])
    themes = _themes(user)

    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": encode_value(timezone.now()),
        "account": {"username": user.get_username()},
    }
    for kind in KINDS:
        encoded_rows = []
        for row in rows[kind.name]:
            encoded = {"key": keys[kind.name][row["pk"]], **_encode(kind, row, keys)}
            for child in kind.children:
                encoded[child.name] = children[child.name].get(row["pk"], [])
            if kind is INTERVIEWS:
                encoded["interviewers"] = interviewers.get(row["pk"], [])
            if kind is FEEDBACK:
                encoded["themes"] = themes.get(row["pk"], [])
            encoded_rows.append(encoded)
        document[kind.name] = encoded_rows
    for question in document["questions"]:
        question["times_asked"].sort(
            key=lambda asked: (asked["interview"] or "", asked["reflection"] or "")
        )
    return document


def _interviewers(user: User, contact_keys: dict[int, str]) -> dict[int, list[str]]:
    """Each interview's interviewers as contact keys, sorted so the file is stable."""
    through = Interview.interviewers.through
    pairs = through.objects.filter(interview__application__user=user).values_list(
        "interview_id", "contact_id"
    )
    found: dict[int, list[str]] = defaultdict(list)
    for interview_id, contact_id in pairs:
        if contact_id in contact_keys:
            found[interview_id].append(contact_keys[contact_id])
    return {interview_id: sorted(keys) for interview_id, keys in found.items()}


def _themes(user: User) -> dict[int, list[str]]:
    marks = FeedbackThemeMark.objects.filter(feedback__application__user=user).values_list(
        "feedback_id", "theme"
    )
    found: dict[int, list[str]] = defaultdict(list)
    for feedback_id, theme in marks:
        found[feedback_id].append(theme)
    return {feedback_id: sorted(themes) for feedback_id, themes in found.items()}


# The zip of CSV files -----------------------------------------------------------------------

CSV_ENCODING = "utf-8-sig"


def neutralise(cell: object) -> object:
    """A cell a spreadsheet would run as a formula, made plain text with a leading quote."""
    if isinstance(cell, str) and (
        cell.startswith(CONTROL_STARTS) or cell.lstrip().startswith(FORMULA_STARTS)
    ):
        return "'" + cell
    return cell


def _csv(header: list[str], rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(_cell(row.get(name))) for name in header])
    return buffer.getvalue()


def _cell(value: object) -> object:
    """Lists (interviewers, themes) in one cell, comma-separated; null as an empty cell."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else value


def archive_export_zip(user: User, document: dict[str, Any] | None = None) -> bytes:
    """The same data as the JSON export (`document`, if already made), one CSV per kind, for
    spreadsheets. Nested rows (status history, answers, ...) get a file of their own, each row
    with its parent's key. Each CSV is UTF-8 with a byte-order mark: without it Excel on
    Windows reads the file as its local code page and garbles every accent."""
    if document is None:
        document = archive_export(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind in KINDS:
            rows: list[Row] = document[kind.name]
            header = ["key", *kind.refs, *kind.fields, *LIST_COLUMNS.get(kind.name, ())]
            archive.writestr(f"{kind.name}.csv", _csv(header, rows).encode(CSV_ENCODING))
            for child in kind.children:
                child_rows = [
                    {child.parent: row["key"], **child_row}
                    for row in rows
                    for child_row in row[child.name]
                ]
                child_header = [child.parent, *child.refs, *child.fields]
                archive.writestr(
                    f"{kind.name}_{child.name}.csv",
                    _csv(child_header, child_rows).encode(CSV_ENCODING),
                )
    return buffer.getvalue()
