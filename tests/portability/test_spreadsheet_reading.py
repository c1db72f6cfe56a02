"""Reading real files: encodings, separators, quoting, blank lines, XLSX, and the bad ones."""

import codecs
import datetime
import io

import openpyxl
import pytest

from portability.spreadsheet.reading import MAX_BYTES, SpreadsheetError, sheet_read


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
    import zipfile

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
