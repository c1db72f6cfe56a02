"""The import parsers, fed anything, answer or refuse with their own error: never another
exception. Spreadsheet bytes end in a Sheet or a SpreadsheetError; cell texts in a value or
None (or DateUnreadable for dates); an archive in checked rows or an ArchiveError, and a
checked archive imports without a database error."""

import datetime
import io
import json
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from applications.models import Application, Status
from portability.archive.exporting import archive_export
from portability.archive.reading import ArchiveError, archive_check, archive_parse
from portability.archive.services import archive_import
from portability.spreadsheet.mapping import (
    LARGEST_SALARY,
    DateOrder,
    DateUnreadable,
    date_order_evidence,
    date_parse,
    mapping_guess,
    salary_parse,
    source_match,
    squashed,
    status_key,
    status_match,
    words,
)
from portability.spreadsheet.reading import Sheet, SpreadsheetError, sheet_read
from tests.factories import (
    ActionItemFactory,
    ApplicationFactory,
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
    OutcomeFactory,
    QuestionFactory,
    ReflectionFactory,
    UserFactory,
)
from tests.generated.strategies import NASTY, characters, rolled_back, text, upload_contents

# Spreadsheet bytes -----------------------------------------------------------------------


def _sheet_or_error(content: bytes, filename: str) -> None:
    try:
        sheet = sheet_read(content, filename)
    except SpreadsheetError as error:
        assert str(error)
        return
    assert isinstance(sheet, Sheet) and sheet.headers
    assert all(len(row.cells) == len(sheet.headers) for row in sheet.rows)


@given(content=upload_contents(), filename=st.sampled_from(["a.csv", "a.xlsx", "a.txt", ""]))
def test_any_bytes_are_a_sheet_or_a_spreadsheet_error(content, filename):
    _sheet_or_error(content, filename)


cell_values = st.one_of(
    st.none(),
    text,
    st.integers(-(2**60), 2**60),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(datetime.datetime(1900, 3, 1), datetime.datetime(9999, 1, 1)),
    st.sampled_from(["=1/0", "=A1", "=SUM(A1:A3)", "#N/A"]),
)


def _xlsx(rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(
            [value[:32_000] if isinstance(value, str) else value for value in row]
        )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _legal_in_xlsx(value: object) -> bool:
    # openpyxl refuses control characters when writing; a file cannot hold them.
    return not (isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in value))


@given(
    rows=st.lists(st.lists(cell_values.filter(_legal_in_xlsx), max_size=5), max_size=6),
    cut=st.integers(0, 64),
)
def test_any_workbook_whole_or_cut_short_is_a_sheet_or_a_spreadsheet_error(rows, cut):
    content = _xlsx(rows)
    _sheet_or_error(content, "jobs.xlsx")
    _sheet_or_error(content[: len(content) - cut], "jobs.xlsx")


# Cell texts ------------------------------------------------------------------------------


def _date_parse_or_unreadable(value: str, order=None, today=None) -> None:
    try:
        parsed = date_parse(value, order, today)
    except DateUnreadable as error:
        assert str(error)
        return
    assert isinstance(parsed, datetime.date)


def _salary_within_limits(value: str) -> None:
    salary = salary_parse(value)
    for amount in (salary.minimum, salary.maximum):
        assert amount is None or 0 < amount <= LARGEST_SALARY
    if salary.minimum is not None and salary.maximum is not None:
        assert salary.minimum <= salary.maximum
    assert len(salary.currency) in (0, 3)


def _nasty() -> list:
    """Every hostile string, each its own case."""
    return [
        pytest.param(value, id=repr(value[:12]) + (f"…{len(value)}" if len(value) > 12 else ""))
        for value in NASTY
    ]


@pytest.mark.parametrize("value", _nasty())
def test_every_hostile_date_text_is_a_date_or_date_unreadable(value):
    _date_parse_or_unreadable(value)


@pytest.mark.parametrize("value", _nasty())
def test_every_hostile_salary_text_gives_a_salary_within_the_limits(value):
    _salary_within_limits(value)


@pytest.mark.parametrize("value", _nasty())
def test_every_hostile_text_is_a_status_a_source_or_none(value):
    assert status_match(value) in (None, *Status)
    assert source_match(value) in (None, *Application.Source)
    assert mapping_guess([value, value]) == mapping_guess([value])


date_texts = st.one_of(
    text,
    st.from_regex(
        r"\s*\d{1,6}[-/. ]\d{1,3}([-/. ]\d{1,5})?([T ]\d{1,2}:\d{2}(:\d{2})?)?\s*", fullmatch=True
    ),
    st.tuples(
        st.sampled_from(["Mar", "march", "Sept", "dec", "Tue,", "of", "th"]),
        st.lists(st.one_of(st.from_regex(r"\d{1,6}", fullmatch=True), text), max_size=3),
    ).map(lambda parts: " ".join([parts[0], *parts[1]])),
)


@given(
    value=date_texts,
    order=st.sampled_from([None, DateOrder.DMY, DateOrder.MDY]),
    today=st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)),
)
def test_any_date_text_is_a_date_or_date_unreadable(value, order, today):
    _date_parse_or_unreadable(value, order, today)


@given(values=st.lists(date_texts, max_size=8))
def test_any_date_column_gives_an_order_or_none(values):
    assert date_order_evidence(values) in (None, DateOrder.DMY, DateOrder.MDY)


salary_texts = st.one_of(
    text,
    st.lists(
        st.one_of(
            st.from_regex(r"\d{1,400}([.,]\d{1,4})*[kKmM]?", fullmatch=True),
            st.sampled_from(["$", "€", "£", "USD", "-", "to", "up to", "from", "+", "/hr", " "]),
        ),
        max_size=6,
    ).map("".join),
)


@given(value=salary_texts)
def test_any_salary_text_gives_a_salary_within_the_limits(value):
    _salary_within_limits(value)


@given(value=text)
def test_any_status_or_source_text_is_matched_or_none(value):
    assert status_match(value) in (None, *Status)
    assert source_match(value) in (None, *Application.Source)
    assert isinstance(status_key(value), str)
    assert isinstance(words(value), str) and isinstance(squashed(value), str)


@given(headers=st.lists(text, max_size=12))
def test_any_header_row_maps_each_field_to_one_of_its_columns(headers):
    mapping = mapping_guess(headers)
    assert all(0 <= index < len(headers) for index in mapping.values())


# Archives --------------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(characters, max_size=30)
    | st.sampled_from(["2024-03-05", "2024-03-05T10:00:00+00:00", "2024-03-05T10:00:00"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(characters, max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)


def _check_or_error(document: object) -> None:
    try:
        checked = archive_check(document)
    except ArchiveError as error:
        assert str(error)
        return
    assert isinstance(checked, dict)


@given(
    raw=st.one_of(
        st.binary(max_size=500),
        json_values.map(lambda value: json.dumps(value).encode()),
        st.integers(1, 200_000).map(lambda depth: b"[" * depth + b"]" * depth),
    )
)
def test_any_bytes_are_an_archive_document_or_an_archive_error(raw):
    try:
        document = archive_parse(raw)
    except ArchiveError as error:
        assert str(error)
        return
    _check_or_error(document)


@pytest.fixture
def exported(db) -> dict[str, Any]:
    """A real export with a row of every kind: the starting point the mutations break."""
    owner = UserFactory(username="exporter")
    application = ApplicationFactory(user=owner, referrer=ContactFactory(user=owner))
    interview = InterviewFactory(application=application)
    OutcomeFactory(application=ApplicationFactory(user=owner))
    FeedbackFactory(application=application, interview=interview, themes=["skills"])
    reflection = ReflectionFactory(application=ApplicationFactory(user=owner))
    ActionItemFactory(user=owner, reflection=reflection)
    QuestionFactory(user=owner)
    return json.loads(json.dumps(archive_export(owner)))


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*path, index))
    return found


def _replaced(document: object, path: tuple, new: object, delete: bool) -> object:
    if not path:
        return new
    copy = json.loads(json.dumps(document))
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return copy


@pytest.mark.django_db
@given(data=st.data())
def test_a_real_export_with_any_values_changed_is_checked_or_refused(exported, data):
    document: Any = exported
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        path = data.draw(st.sampled_from(_paths(document)), label="path")
        delete = bool(path) and data.draw(st.booleans(), label="delete")
        document = _replaced(document, path, data.draw(json_values, label="value"), delete)
    if not isinstance(document, dict):
        return
    try:
        archive_check(document)
    except ArchiveError:
        return
    # It passed the check: importing it writes it, or refuses it in words, never a 500.
    with rolled_back():
        try:
            archive_import(UserFactory(username="importer"), document)
        except ArchiveError as error:
            assert str(error)


# Known bugs, pinned -------------------------------------------------------------------------


def test_a_superscript_digit_in_a_date_is_unreadable_not_an_error():
    """Found by the generated test: "²" is a digit to str.isdigit() but not to int()."""
    _date_parse_or_unreadable("Mar ²")


def test_a_salary_of_400_digits_is_ignored_not_an_error():
    """Found by the generated test: 400 digits are float infinity, and round() raised."""
    _salary_within_limits("9" * 400)


def test_a_deeply_nested_file_is_an_archive_error():
    """Found by the generated test: json.loads raised RecursionError (a 500 on import)."""
    with pytest.raises(ArchiveError):
        archive_parse(b"[" * 100_000 + b"]" * 100_000)
