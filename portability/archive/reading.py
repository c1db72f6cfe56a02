"""Reading an archive before importing it: the whole file is checked (its format and version,
its shape, every value against its model field, every reference against the file's keys)
before anything is written, and the first problem is reported in words, with where it is."""

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from applications.models import FeedbackTheme
from portability.archive.schema import (
    ANSWERS,
    FEEDBACK,
    FORMAT,
    INTERVIEWS,
    KINDS,
    REFLECTIONS,
    SECTION_SAVES,
    TIMES_ASKED,
    VERSION,
    Kind,
)
from reflections import checklist


class ArchiveError(Exception):
    """The file cannot be imported; the message says why, for the person importing it."""


@dataclass
class CheckedRow:
    """One row of the file, its values cleaned by their model fields, its references still the
    file's keys (import turns them into the importing user's rows)."""

    key: str
    values: dict[str, Any]
    refs: dict[str, str | None]
    children: dict[str, list["CheckedRow"]] = field(default_factory=dict)
    keys_list: list[str] = field(default_factory=list)  # interviewers (contact keys) or themes


CheckedArchive = dict[str, list[CheckedRow]]


def archive_parse(raw: bytes) -> dict[str, Any]:
    """The file's bytes as a JSON object, or an ArchiveError saying it is not one."""
    try:
        document = json.loads(raw)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError both are
        raise ArchiveError(f"The file is not JSON: {error}.") from None
    except RecursionError:  # lists in lists a few thousand deep: no export is shaped so
        raise ArchiveError(_NOT_AN_EXPORT + " Its lists or objects are nested too deep.") from None
    if not isinstance(document, dict):
        raise ArchiveError(_NOT_AN_EXPORT)
    return document


_NOT_AN_EXPORT = (
    f'The file is JSON but not a Rebound export: it should be an object with "format": "{FORMAT}".'
)


def archive_check(document: dict[str, Any]) -> CheckedArchive:
    """The whole document checked and cleaned, or an ArchiveError on its first problem."""
    _check_format(document)
    rows: dict[str, list[dict[str, Any]]] = {}
    for kind in KINDS:
        raw_rows = document.get(kind.name)
        if not isinstance(raw_rows, list):
            raise ArchiveError(f'The file has no "{kind.name}" list.')
        rows[kind.name] = [_object(row, f"{kind.name}[{n}]") for n, row in enumerate(raw_rows)]
    keys = {kind.name: _keys(kind, rows[kind.name]) for kind in KINDS}
    return {
        kind.name: [
            _check_row(kind, row, f"{kind.name}[{n}]", keys)
            for n, row in enumerate(rows[kind.name])
        ]
        for kind in KINDS
    }


def _check_format(document: dict[str, Any]) -> None:
    if document.get("format") != FORMAT:
        found = document.get("format")
        raise ArchiveError(
            f'This is not a Rebound export: its "format" is {json.dumps(found)}, not "{FORMAT}".'
            if found is not None
            else f'This is not a Rebound export: it has no "format": "{FORMAT}".'
        )
    version = document.get("version")
    if version != VERSION or isinstance(version, bool):
        raise ArchiveError(
            f"This file is version {json.dumps(version)} of the Rebound format, and this "
            f"Rebound reads version {VERSION} only."
        )


def _object(raw: object, path: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ArchiveError(f"{path} should be an object, not {json.dumps(raw)[:60]}.")
    return raw


def _keys(kind: Kind, rows: list[dict[str, Any]]) -> set[str]:
    keys: set[str] = set()
    for n, row in enumerate(rows):
        key = row.get("key")
        if not isinstance(key, str) or not key:
            raise ArchiveError(f'{kind.name}[{n}] has no "key" (a text naming it in the file).')
        if key in keys:
            raise ArchiveError(f'{kind.name}[{n}]: the key "{key}" is used twice.')
        keys.add(key)
    return keys


def _check_row(kind: Kind, row: dict[str, Any], path: str, keys: dict[str, set[str]]) -> CheckedRow:
    values = {
        name: _clean(kind, name, row, path)
        for name in kind.fields
        if name in row or name not in kind.optional_fields
    }
    refs = {ref: _ref(kind, ref, target, row, path, keys) for ref, target in kind.refs.items()}
    checked = CheckedRow(key=str(row.get("key", "")), values=values, refs=refs)
    for child in kind.children:
        raw_children = row.get(child.name, []) if child.optional else _field(row, child.name, path)
        if not isinstance(raw_children, list):
            raise ArchiveError(f"{path}.{child.name} should be a list.")
        checked.children[child.name] = [
            _check_row(
                child, _object(raw, f"{path}.{child.name}[{n}]"), f"{path}.{child.name}[{n}]", keys
            )
            for n, raw in enumerate(raw_children)
        ]
    if kind is INTERVIEWS:
        checked.keys_list = _strings(row, "interviewers", path, keys["contacts"], "contacts")
    if kind is FEEDBACK:
        checked.keys_list = _strings(row, "themes", path, set(FeedbackTheme.values), "themes")
    if kind is REFLECTIONS:
        _check_checklist(checked, path)
    if kind is TIMES_ASKED and refs["interview"] is None and refs["reflection"] is None:
        raise ArchiveError(f"{path} names neither an interview nor a reflection.")
    _check_rules(kind, values, path)
    return checked


def _field(row: dict[str, Any], name: str, path: str) -> Any:
    if name not in row:
        raise ArchiveError(f'{path} is missing "{name}".')
    return row[name]


def _clean(kind: Kind, name: str, row: dict[str, Any], path: str) -> Any:
    """One value checked and converted by its model field (type, choices, length, range)."""
    raw = _field(row, name, path)
    model_field = kind.model_field(name)
    where = f"{path}.{name}"
    if isinstance(raw, str) and "\x00" in raw:
        raise ArchiveError(
            f"{where} holds a NUL character (\\u0000), which is not text and cannot be stored."
        )
    if raw is not None:
        expected = _expected_type(model_field)
        if not isinstance(raw, expected[0]) or (expected[0] is int and isinstance(raw, bool)):
            raise ArchiveError(f"{where} should be {expected[1]}, not {json.dumps(raw)[:60]}.")
    try:
        value = model_field.clean(raw, None)
    except ValidationError as error:
        raise ArchiveError(f"{where}: {' '.join(error.messages)}") from None
    naive = isinstance(model_field, models.DateTimeField) and value and timezone.is_naive(value)
    if naive:
        raise ArchiveError(f"{where}: {raw!r} needs its time zone offset, like +00:00.")
    return value


def _expected_type(model_field: models.Field[Any, Any]) -> tuple[type, str]:
    if isinstance(model_field, models.DateTimeField):
        return str, "a date and time (YYYY-MM-DDTHH:MM:SS+00:00)"
    if isinstance(model_field, models.DateField):
        return str, "a date (YYYY-MM-DD)"
    if isinstance(model_field, models.BooleanField):
        return bool, "true or false"
    if isinstance(model_field, models.IntegerField):
        return int, "a whole number"
    return str, "a text"


def _ref(
    kind: Kind, ref: str, target: str, row: dict[str, Any], path: str, keys: dict[str, set[str]]
) -> str | None:
    value = _field(row, ref, path)
    if value is None and kind.model_field(ref).null:
        return None
    if not isinstance(value, str) or value not in keys[target]:
        raise ArchiveError(
            f"{path}.{ref}: there is no row in {target} with the key {json.dumps(value)}."
        )
    return value


def _strings(
    row: dict[str, Any], name: str, path: str, allowed: set[str], allowed_name: str
) -> list[str]:
    values = _field(row, name, path)
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ArchiveError(f"{path}.{name} should be a list of texts.")
    for value in values:
        if value not in allowed:
            raise ArchiveError(
                f"{path}.{name}: {json.dumps(value)} is not one of the {allowed_name}."
            )
    return list(dict.fromkeys(values))


def _check_checklist(reflection: CheckedRow, path: str) -> None:
    """Answers belong to items of the reflection's checklist version, or its page breaks."""
    version = reflection.values["checklist_version"]
    if version not in checklist.CHECKLISTS:
        raise ArchiveError(f"{path}.checklist_version: there is no checklist version {version}.")
    items = checklist.items_by_key(version)
    sections = {section.key for section in checklist.sections(version)}
    for n, answer in enumerate(reflection.children[ANSWERS.name]):
        item_key = answer.values["item_key"]
        if item_key not in items:
            raise ArchiveError(
                f"{path}.answers[{n}].item_key: {json.dumps(item_key)} is not an item of "
                f"checklist version {version}."
            )
        if answer.values["section_key"] not in sections:
            raise ArchiveError(f"{path}.answers[{n}].section_key: no such section.")
    for n, save in enumerate(reflection.children[SECTION_SAVES.name]):
        if save.values["section_key"] not in sections:
            raise ArchiveError(f"{path}.section_saves[{n}].section_key: no such section.")


def _check_rules(kind: Kind, values: dict[str, Any], path: str) -> None:
    """The database's rules across fields, so a file breaking one is refused in words."""
    if kind.name == "applications":
        low, high = values["salary_min"], values["salary_max"]
        if low is not None and high is not None and low > high:
            raise ArchiveError(f"{path}: salary_min is above salary_max.")
    if kind is FEEDBACK:
        requested, received = values["requested_on"], values["received_on"]
        if requested is None and received is None:
            raise ArchiveError(f"{path}: feedback needs requested_on or received_on.")
        if requested is not None and received is not None and requested > received:
            raise ArchiveError(f"{path}: requested_on is after received_on.")
