"""Bytes to rows: a CSV in whatever encoding and separator real exports use, or an XLSX.

Everything that can go wrong with the file itself is a `SpreadsheetError` whose message is
written for the person who uploaded it; what goes wrong in one row is the importer's business.
"""

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import openpyxl
from openpyxl.utils import get_column_letter

MAX_BYTES = 5 * 1024 * 1024
# The command imports up to MAX_ROWS; the pages up to WEB_MAX_ROWS, what an import measurably
# writes in about ten seconds when every row is a rejection, the slowest kind of row (each
# opens its reflection), well within the server's 30 s timeout
# (tests/portability/measure_spreadsheet_import.py).
MAX_ROWS = 5_000
WEB_MAX_ROWS = 1_000
MAX_COLUMNS = 200
# An XLSX is a zip: what it unpacks to is checked before openpyxl opens it (a "zip bomb" of a
# few kilobytes can unpack to gigabytes). A full 5,000-row sheet unpacks to a few megabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# The rows an XLSX may span, blank ones included: a lone cell far down would otherwise make
# openpyxl hand over every empty row above it.
MAX_SHEET_ROWS = 2 * MAX_ROWS
CANDIDATE_DELIMITERS = ",;\t|"
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"


class SpreadsheetError(Exception):
    """The file cannot be read as a spreadsheet; the message says why, for the user."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # as a spreadsheet program numbers it: the header is usually row 1
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]

    def column_values(self, index: int) -> list[str]:
        return [row.cells[index] for row in self.rows]


def sheet_read(content: bytes, filename: str = "", *, max_rows: int = MAX_ROWS) -> Sheet:
    """The header row and the data rows of a CSV or XLSX file, blank rows left out; more than
    `max_rows` data rows is refused."""
    if len(content) > MAX_BYTES:
        raise SpreadsheetError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it into smaller files."
        )
    if not content.strip():
        raise SpreadsheetError("The file is empty.")
    if content.startswith(OLD_EXCEL_MAGIC):
        raise SpreadsheetError(
            "This is an old Excel (.xls) file: save it as .xlsx or CSV and upload that."
        )
    records: Iterable[list[str]] = (
        _xlsx_records(content) if content.startswith(XLSX_MAGIC) else _csv_records(_decode(content))
    )
    return _sheet_from_records(records, max_rows)


def _sheet_from_records(records: Iterable[list[str]], max_rows: int) -> Sheet:
    """The header and the data rows, reading no further than one row past `max_rows`."""
    headers: tuple[str, ...] | None = None
    rows: list[SheetRow] = []
    for number, record in enumerate(records, start=1):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        _refuse_nul(number, cells)
        if headers is None:
            while cells and not cells[-1]:
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                raise SpreadsheetError(_too_wide(len(cells)))
            headers = _unique_headers(cells)
            continue
        row = SheetRow(number, tuple((cells + [""] * len(headers))[: len(headers)]))
        if not any(row.cells):
            continue
        if len(rows) == max_rows:
            raise SpreadsheetError(
                f"The file has more than {max_rows:,} rows; Rebound imports up to "
                f"{max_rows:,} at a time: split it into smaller files."
            )
        rows.append(row)
    if headers is None:
        raise SpreadsheetError("The file is empty.")
    if not rows:
        raise SpreadsheetError(
            "The file has a header row but no rows under it: there is nothing to import."
        )
    return Sheet(headers=headers, rows=tuple(rows))


def _too_wide(columns: int) -> str:
    return (
        f"The file has {columns:,} columns; Rebound reads up to {MAX_COLUMNS} "
        "(an application needs a dozen at most): delete the columns you do not need "
        "and upload it again."
    )


def _refuse_nul(number: int, cells: list[str]) -> None:
    """A NUL character is not text: no database column can hold it (PostgreSQL refuses it)."""
    if any("\x00" in cell for cell in cells):
        raise SpreadsheetError(
            f"Row {number:,} holds a NUL character (code 0), which is not text: this looks like "
            "a damaged or binary file. Remove the character, or save the file again as CSV "
            "or .xlsx, and upload it again."
        )


def _unique_headers(cells: list[str]) -> tuple[str, ...]:
    """Header names as shown to the user: an empty one is named by its place, a repeated one
    numbered, so each column can be told apart. Linear in the number of columns: the names
    taken are a set, and each name remembers the next number to try."""
    headers: list[str] = []
    taken: set[str] = set()
    next_copy: dict[str, int] = {}
    for index, cell in enumerate(cells, start=1):
        name = " ".join(cell.split()) or f"Column {index}"
        candidate = name
        if candidate in taken:
            copy = next_copy.get(name, 2)
            candidate = f"{name} ({copy})"
            while candidate in taken:
                copy += 1
                candidate = f"{name} ({copy})"
            next_copy[name] = copy + 1
        taken.add(candidate)
        headers.append(candidate)
    return tuple(headers)


# CSV ---------------------------------------------------------------------------------------


def _decode(content: bytes) -> str:
    """UTF-8 (with or without its byte-order mark) or UTF-16 when marked; otherwise
    Windows-1252, the superset of Latin-1 that Excel writes on Windows."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SpreadsheetError(_NOT_A_SPREADSHEET) from error
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; Latin-1 reads those as control characters.
            try:
                text = content.decode("cp1252")
            except UnicodeDecodeError:
                text = content.decode("latin-1")
    if _BINARY.search(text, 0, 10_000):
        raise SpreadsheetError(_NOT_A_SPREADSHEET)
    return text


_NOT_A_SPREADSHEET = (
    "This file is not a spreadsheet Rebound can read: upload a CSV file or an Excel .xlsx file."
)


# Control characters no text file holds (tab, newlines, form feed and vertical tab allowed).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _csv_records(text: str) -> Iterable[list[str]]:
    delimiter = _delimiter(text)
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise SpreadsheetError(f"The file could not be read as CSV: {error}.") from error


def _delimiter(text: str) -> str:
    """The separator the header line uses most (outside quotes); csv.Sniffer when the header
    has none of them; a comma when neither can tell (a file of one column)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {
        delimiter: _count_outside_quotes(header, delimiter) for delimiter in CANDIDATE_DELIMITERS
    }
    best = max(counts, key=lambda delimiter: counts[delimiter])
    if counts[best]:
        return best
    try:
        return csv.Sniffer().sniff(text[:20_000], delimiters=CANDIDATE_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for character in line:
        if character == '"':
            quoted = not quoted
        elif character == delimiter and not quoted:
            count += 1
    return count


# XLSX --------------------------------------------------------------------------------------


def _xlsx_records(content: bytes) -> list[list[str]]:
    """The first worksheet's cells as text; dates as ISO dates, whole numbers without ".0".

    Its size is checked before anything is unpacked (the zip's declared sizes), then as it is
    read: at most MAX_COLUMNS + 1 columns (one more, so a wider header is refused in words)
    and MAX_SHEET_ROWS rows, blank ones included.
    """
    _check_unpacked_size(content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a file that is not a workbook
        raise SpreadsheetError(_NOT_A_SPREADSHEET) from error
    try:
        worksheet = workbook.worksheets[0] if workbook.worksheets else None
        if worksheet is None:
            raise SpreadsheetError("The file is empty.")
        if (worksheet.max_row or 0) > MAX_SHEET_ROWS:
            raise SpreadsheetError(_too_long(worksheet.max_row))
        if (worksheet.max_column or 0) > MAX_COLUMNS:
            raise SpreadsheetError(_too_wide(worksheet.max_column))
        records: list[list[str]] = []
        try:
            for values in worksheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
                if len(records) == MAX_SHEET_ROWS:
                    raise SpreadsheetError(_too_long(None))
                records.append([_cell_text(value) for value in values])
        except SpreadsheetError:
            raise
        except Exception as error:  # a damaged sheet inside a valid zip
            raise SpreadsheetError(_NOT_A_SPREADSHEET) from error
        sheet_xml_path = worksheet._worksheet_path
    finally:
        workbook.close()
    _refuse_formulas_without_values(content, sheet_xml_path, records)
    return records


def _refuse_formulas_without_values(content: bytes, path: str, records: list[list[str]]) -> None:
    """A formula's result is read from the value the program that saved the file stored with
    it. Programs that write files without calculating them (scripts, some exports) store none:
    such a cell would silently import as empty, so the file is refused with where it is.
    The formulas are read (a second pass) only when the sheet has any."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheet_xml = archive.read(path.lstrip("/"))
    except KeyError:
        return
    if not re.search(rb"<(?:\w+:)?f[ >/]", sheet_xml):
        return
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        rows = workbook.worksheets[0].iter_rows(
            max_col=MAX_COLUMNS + 1, max_row=len(records), values_only=True
        )
        for row_number, (values, record) in enumerate(zip(rows, records, strict=False), 1):
            for column, (value, text) in enumerate(zip(values, record, strict=False), 1):
                formula = getattr(value, "text", value)
                if isinstance(formula, str) and formula.startswith("=") and not text:
                    raise SpreadsheetError(
                        f"The cell {get_column_letter(column)}{row_number} holds a formula "
                        f"({formula[:40]}) without its result: the program that wrote the "
                        "file did not calculate it. Open the file in Excel or LibreOffice, "
                        "save it, and upload it again (or save it as CSV)."
                    )
    finally:
        workbook.close()


def _too_long(rows: int | None) -> str:
    size = f"{rows:,} rows" if rows else f"more than {MAX_SHEET_ROWS:,} rows"
    return (
        f"The sheet spans {size}, counting blank ones; Rebound reads up to "
        f"{MAX_SHEET_ROWS:,}: delete the rows below your data (or split the file) and "
        "upload it again."
    )


def _check_unpacked_size(content: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SpreadsheetError(_NOT_A_SPREADSHEET) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            f"The workbook unpacks to {unpacked / (1024 * 1024):,.0f} MB, more than the "
            f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB Rebound reads: save the sheet you "
            "want to import as CSV and upload that."
        )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
