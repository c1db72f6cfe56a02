"""Import a spreadsheet in a real browser: upload, map, preview, import, see the list."""

import pytest
from playwright.sync_api import expect

from applications.models import Application, Status
from tests.browser.conftest import ARTIFACTS, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Windows-1252 with semicolons, as Excel writes a CSV in much of Europe.
CSV = (
    "Organisation;Intitulé;Date;Status;Ville\r\n"
    "Société Générale;Analyste données;25/03/2024;❌ Rejected;Paris\r\n"
    "Café Müller;Barista lead;03/04/2024;On hold;Köln\r\n"
)


def test_upload_map_preview_import_then_see_them_in_the_list(page, tmp_path):
    path = tmp_path / "mes candidatures.csv"
    path.write_bytes(CSV.replace("❌ ", "").encode("cp1252"))
    log_in(page, "fatima")

    page.goto("/accounts/settings/")
    page.get_by_role("link", name="Import a spreadsheet").click()
    page.get_by_label("Spreadsheet").set_input_files(str(path))
    page.get_by_role("button", name="Upload and continue").click()

    # Map: the first rows are shown with their accents; three columns need a choice.
    expect(
        page.get_by_role("heading", name="Map the columns of mes candidatures.csv")
    ).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Société Générale")
    expect(page.get_by_label("Organisation")).to_have_value("company")
    page.get_by_label("Intitulé").select_option(label="Role")
    page.get_by_label("Ville").select_option(label="Location")
    expect(page.get_by_label("Day first (31/12/2024)")).to_be_checked()  # 25/03 shows it
    page.get_by_role("button", name="Preview the import").click()

    # Preview: one status is not known, so its row is an error until it is mapped.
    expect(page.locator("#row-errors")).to_contain_text("Row 3: the status “On hold”")
    page.get_by_label("On hold").select_option(label="Screening")
    page.get_by_role("button", name="Update the preview").click()
    expect(page.locator("#row-errors")).to_have_count(0)
    expect(page.locator("#planned-applications")).to_contain_text("Café Müller")
    page.get_by_role("button", name="Import 2 applications").click()

    # The list, with the message and both applications.
    expect(page.get_by_role("status").filter(has_text="Imported")).to_contain_text(
        "Imported 2 applications"
    )
    expect(page.get_by_role("link", name="Analyste données", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Barista lead", exact=True)).to_be_visible()
    assert page.url.endswith("/applications/")
    cafe = Application.objects.get(company__name="Café Müller")
    assert (cafe.status, cafe.location, cafe.date_applied.isoformat()) == (
        Status.SCREENING,
        "Köln",
        "2024-04-03",
    )
    assert Application.objects.get(company__name="Société Générale").status == Status.REJECTED
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "spreadsheet-import.png"), full_page=True)
