"""Reading real files: encodings, separators, quoting, blank lines, XLSX, and the bad ones."""

import codecs
import datetime
import io
import re
import time
import zipfile

import openpyxl
import pytest

from portability.spreadsheet.reading import (
    MAX_BYTES,
    MAX_COLUMNS,
    MAX_UNPACKED_BYTES,
    SpreadsheetError,
    sheet_read,
)


def xlsx(rows: list[list[object]]) -> bytes:
    """An XLSX file built with openpyxl; the other spreadsheet tests use it too."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_plain_utf8_csv():
    sheet = sheet_read(b"Company,Role\nAcme,Engineer\n")
    assert sheet.headers == ("Company", "Role")
    assert [(row.number, row.cells) for row in sheet.rows] == [(2, ("Acme", "Engineer"))]


def test_utf8_with_byte_order_mark():
    sheet = sheet_read(codecs.BOM_UTF8 + "Company,Role\nZürich AG,Développeuse\n".encode())
    assert sheet.headers == ("Company", "Role")  # no "\ufeffCompany"
    assert sheet.rows[0].cells == ("Zürich AG", "Développeuse")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin1_and_windows_1252_accents_come_out_right(encoding):
    content = "Company;Role\nSociété Générale;Ingénieur réseau\nCafé Müller;Señor dev\n".encode(
        encoding
    )
    sheet = sheet_read(content)
    assert [row.cells for row in sheet.rows] == [
        ("Société Générale", "Ingénieur réseau"),
        ("Café Müller", "Señor dev"),
    ]


def test_windows_1252_only_characters():
    sheet = sheet_read("Company,Notes\nAcme,“Great” team – €60k\n".encode("cp1252"))
    assert sheet.rows[0].cells == ("Acme", "“Great” team – €60k")


def test_utf16_with_byte_order_mark():
    sheet = sheet_read("Company\tRole\nAcme\tÉtudes\n".encode("utf-16"))
    assert sheet.rows[0].cells == ("Acme", "Études")


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("Company;Role;Notes\nAcme;Engineer;a, b\n", ";"),
        ("Company\tRole\tNotes\nAcme\tEngineer\ta, b\n", "tab"),
        ('Company,Role,Notes\nAcme,Engineer,"a, b"\n', ","),
        ("Company|Role|Notes\nAcme|Engineer|a, b\n", "|"),
    ],
    ids=["semicolon", "tab", "comma", "pipe"],
)
def test_separators(text, separator):
    sheet = sheet_read(text.encode())
    assert sheet.headers == ("Company", "Role", "Notes")
    assert sheet.rows[0].cells == ("Acme", "Engineer", "a, b")


def test_quoted_commas_and_newlines_stay_in_their_cell():
    text = 'Company,Role,Notes\n"Acme, Inc.",Engineer,"line one\nline two, still notes"\nBeta,QA,\n'
    sheet = sheet_read(text.encode())
    assert sheet.rows[0].cells == ("Acme, Inc.", "Engineer", "line one\nline two, still notes")
    assert sheet.rows[1].cells == ("Beta", "QA", "")


def test_a_quoted_separator_in_the_header_does_not_fool_the_sniffing():
    sheet = sheet_read(b'"Company; legal name",Role\nAcme,Engineer\n')
    assert sheet.headers == ("Company; legal name", "Role")


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    text = "\n\nCompany,Role\n\nAcme,Engineer\n,\n   \nBeta,QA\n\n"
    sheet = sheet_read(text.encode())
    assert sheet.headers == ("Company", "Role")
    assert [(row.number, row.cells[0]) for row in sheet.rows] == [(5, "Acme"), (8, "Beta")]


def test_windows_line_endings_and_short_rows():
    sheet = sheet_read(b"Company,Role,Notes\r\nAcme,Engineer\r\n")
    assert sheet.rows[0].cells == ("Acme", "Engineer", "")


def test_empty_and_repeated_header_names_are_told_apart():
    sheet = sheet_read(b"Company,,Company,Notes,Notes\nA,B,C,D,E\n")
    assert sheet.headers == ("Company", "Column 2", "Company (2)", "Notes", "Notes (2)")


def test_xlsx_built_with_openpyxl():
    content = xlsx(
        [
            ["Company", "Job Title", "Date Applied", "Salary"],
            ["Zürich AG", "Ingénieur", datetime.datetime(2024, 3, 5), 120000],
            [None, None, None, None],
            ["Beta", "QA", datetime.date(2024, 4, 1), 95000.5],
        ]
    )
    sheet = sheet_read(content, "applications.xlsx")
    assert sheet.headers == ("Company", "Job Title", "Date Applied", "Salary")
    assert [(row.number, row.cells) for row in sheet.rows] == [
        (2, ("Zürich AG", "Ingénieur", "2024-03-05", "120000")),
        (4, ("Beta", "QA", "2024-04-01", "95000.5")),
    ]


# The files that are not spreadsheets get a message each, never an exception of their own.


@pytest.mark.parametrize(
    "content", [b"", b"   \n\r\n\t", "\ufeff".encode(), b"\n,,,\n,,\n"], ids=repr
)
def test_empty_file(content):
    with pytest.raises(SpreadsheetError, match="The file is empty"):
        sheet_read(content)


def test_header_without_rows():
    with pytest.raises(SpreadsheetError, match="header row but no rows"):
        sheet_read(b"Company,Role\n\n")


def test_too_big():
    with pytest.raises(SpreadsheetError, match="larger than 5 MB"):
        sheet_read(b"Company,Role\n" + b"Acme,Engineer\n" * (MAX_BYTES // 14 + 1))


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<\x00\x01>>",
        b"PK\x03\x04 this zip is broken",
        b"\x00\x01\x02\x03\x04",
    ],
    ids=["png", "pdf", "broken-zip", "binary"],
)
def test_not_a_spreadsheet(content):
    with pytest.raises(SpreadsheetError, match="not a spreadsheet Rebound can read"):
        sheet_read(content)


def test_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(SpreadsheetError, match="not a spreadsheet"):
        sheet_read(buffer.getvalue(), "letter.docx")


def test_old_excel_format():
    with pytest.raises(SpreadsheetError, match=r"old Excel \(.xls\) file"):
        sheet_read(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)


def test_too_many_rows():
    with pytest.raises(SpreadsheetError, match="up to 5,000"):
        sheet_read(b"Company,Role\n" + b"A,B\n" * 5001)


# Files built to be expensive: each is refused quickly, with a message, before it costs much.


def test_many_repeated_headers_are_named_in_linear_time():
    from portability.spreadsheet.reading import _unique_headers

    started = time.perf_counter()
    headers = _unique_headers(["Notes"] * 20_000)
    # The old list search took seconds for 1,000 names and grew with their cube.
    assert time.perf_counter() - started < 2
    assert headers[:3] == ("Notes", "Notes (2)", "Notes (3)")
    assert len(set(headers)) == 20_000


def test_a_repeated_header_does_not_take_a_number_already_used():
    from portability.spreadsheet.reading import _unique_headers

    assert _unique_headers(["a", "a (2)", "a", "a", "a (2)"]) == (
        "a",
        "a (2)",
        "a (3)",
        "a (4)",
        "a (2) (2)",
    )


def test_a_header_wider_than_the_limit_is_refused():
    content = ",".join(["Notes"] * (MAX_COLUMNS + 1)).encode() + b"\nAcme\n"
    with pytest.raises(SpreadsheetError, match=f"201 columns; Rebound reads up to {MAX_COLUMNS}"):
        sheet_read(content)
    # At the limit it is read.
    assert len(sheet_read(",".join(["Notes"] * MAX_COLUMNS).encode() + b"\nAcme\n").headers) == 200


def _rewrite_sheet(content: bytes, change) -> bytes:
    """The XLSX with its first sheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            target.writestr(info.filename, data)
    return buffer.getvalue()


def test_a_sparse_xlsx_far_to_the_right_is_refused_quickly():
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.append(["Company", "Role"])
    worksheet["XFD2000"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    started = time.perf_counter()
    with pytest.raises(SpreadsheetError, match="16,384 columns; Rebound reads up to 200"):
        sheet_read(buffer.getvalue(), "sparse.xlsx")
    assert time.perf_counter() - started < 2


def test_a_sparse_xlsx_without_its_dimension_is_read_only_as_far_as_the_limits():
    """Without the <dimension> element openpyxl cannot know the size up front: the columns
    are cut at the limit and every row read counts, blank or not."""
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.append(["Company", "Role"])
    worksheet.append(["Acme", "Engineer"])
    worksheet["XFD1000000"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = _rewrite_sheet(buffer.getvalue(), lambda xml: re.sub(rb"<dimension[^>]*/>", b"", xml))
    started = time.perf_counter()
    with pytest.raises(SpreadsheetError, match=r"more than 10,000 rows, counting blank ones"):
        sheet_read(content, "sparse.xlsx")
    assert time.perf_counter() - started < 5


def test_an_xlsx_spanning_too_many_rows_is_refused_from_its_dimension():
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.append(["Company", "Role"])
    worksheet["A20000"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(SpreadsheetError, match="spans 20,000 rows, counting blank ones"):
        sheet_read(buffer.getvalue(), "long.xlsx")


def test_an_xlsx_that_unpacks_to_too_much_is_refused_before_it_is_opened():
    content = xlsx([["Company", "Role"], ["Acme", "Engineer"]])
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (MAX_UNPACKED_BYTES + 1))
    assert len(buffer.getvalue()) < MAX_BYTES  # small packed
    with pytest.raises(SpreadsheetError, match="unpacks to 50 MB, more than the 50 MB"):
        sheet_read(buffer.getvalue(), "bomb.xlsx")


def test_a_nul_character_anywhere_in_a_csv_is_refused():
    content = b"Company,Role\n" + b"Acme,Engineer\n" * 1_000 + b"Beta,QA\x00\n"
    assert len(content) > 10_000  # past the part checked for binary content
    with pytest.raises(SpreadsheetError, match="Row 1,002 holds a NUL character"):
        sheet_read(content)


def test_a_damaged_sheet_inside_a_good_workbook_is_refused():
    content = xlsx([["Company", "Role"], ["Acme", "Engineer"]])
    content = _rewrite_sheet(content, lambda xml: xml.replace(b">Engineer<", b">Eng&#0;ineer<"))
    # XML has no NUL: the sheet is not well-formed, which openpyxl finds only while reading it.
    with pytest.raises(SpreadsheetError, match="not a spreadsheet Rebound can read"):
        sheet_read(content, "nul.xlsx")


def test_a_formula_without_its_saved_result_is_refused_not_read_as_empty():
    """openpyxl writes formulas without calculating them, as scripts and some exports do."""
    content = xlsx([["Company", "Role"], ["Acme", '=CONCAT("Eng", "ineer")']])
    with pytest.raises(
        SpreadsheetError, match=r"The cell B2 holds a formula .* without its result"
    ):
        sheet_read(content, "formulas.xlsx")


def test_a_formula_with_its_saved_result_is_read_as_the_result():
    content = xlsx([["Company", "Role"], ["Acme", "=1+1"]])
    # What Excel does on saving: store the result next to the formula.
    content = _rewrite_sheet(content, lambda xml: xml.replace(b"<f>1+1</f>", b"<f>1+1</f><v>2</v>"))
    assert sheet_read(content, "formulas.xlsx").rows[0].cells == ("Acme", "2")
