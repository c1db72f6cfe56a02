"""Bytes to rows: a CSV in whatever encoding and separator real exports use, or an XLSX.

Everything that can go wrong with the file itself is a `SpreadsheetError` whose message is
written for the person who uploaded it; what goes wrong in one row is the importer's business.
"""

import codecs
import csv
import datetime
import io
from dataclasses import dataclass

import openpyxl

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000
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


def sheet_read(content: bytes, filename: str = "") -> Sheet:
    """The header row and the data rows of a CSV or XLSX file, blank rows left out."""
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
    if content.startswith(XLSX_MAGIC):
        records = _xlsx_records(content)
    else:
        records = _csv_records(_decode(content))
    return _sheet_from_records(records)


def _sheet_from_records(records: list[list[str]]) -> Sheet:
    numbered = [
        (number, [cell.strip() for cell in record])
        for number, record in enumerate(records, start=1)
    ]
    numbered = [(number, cells) for number, cells in numbered if any(cells)]
    if not numbered:
        raise SpreadsheetError("The file is empty.")
    _, header_cells = numbered[0]
    while header_cells and not header_cells[-1]:
        header_cells.pop()
    headers = _unique_headers(header_cells)
    rows = tuple(
        SheetRow(number, tuple((cells + [""] * len(headers))[: len(headers)]))
        for number, cells in numbered[1:]
    )
    rows = tuple(row for row in rows if any(row.cells))
    if not rows:
        raise SpreadsheetError(
            "The file has a header row but no rows under it: there is nothing to import."
        )
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError(
            f"The file has {len(rows):,} rows; Rebound imports up to {MAX_ROWS:,} at a time: "
            "split it into smaller files."
        )
    return Sheet(headers=headers, rows=rows)


def _unique_headers(cells: list[str]) -> tuple[str, ...]:
    """Header names as shown to the user: an empty one is named by its place, a repeated one
    numbered, so each column can be told apart."""
    headers: list[str] = []
    for index, cell in enumerate(cells, start=1):
        name = " ".join(cell.split()) or f"Column {index}"
        candidate, copy = name, 2
        while candidate in headers:
            candidate, copy = f"{name} ({copy})", copy + 1
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
    if any(_is_binary(character) for character in text[:10_000]):
        raise SpreadsheetError(_NOT_A_SPREADSHEET)
    return text


_NOT_A_SPREADSHEET = (
    "This file is not a spreadsheet Rebound can read: upload a CSV file or an Excel .xlsx file."
)


def _is_binary(character: str) -> bool:
    return (ord(character) < 32 and character not in "\t\n\r\f\v") or character == "\x7f"


def _csv_records(text: str) -> list[list[str]]:
    delimiter = _delimiter(text)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
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
    """The first worksheet's cells as text; dates as ISO dates, whole numbers without ".0"."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a file that is not a workbook
        raise SpreadsheetError(_NOT_A_SPREADSHEET) from error
    try:
        worksheet = workbook.worksheets[0] if workbook.worksheets else None
        if worksheet is None:
            raise SpreadsheetError("The file is empty.")
        records: list[list[str]] = []
        filled = 0
        for values in worksheet.iter_rows(values_only=True):
            record = [_cell_text(value) for value in values]
            records.append(record)
            filled += any(cell.strip() for cell in record)
            if filled > MAX_ROWS + 1:
                break  # enough to say it is too long, without reading the rest
        return records
    finally:
        workbook.close()


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
