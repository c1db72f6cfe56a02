"""The import pages: upload → map → preview → import, each user's upload their own."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Status
from portability.models import SpreadsheetUpload
from portability.spreadsheet.reading import MAX_BYTES
from reflections.models import Reflection
from tests.portability.test_spreadsheet_reading import xlsx

pytestmark = pytest.mark.django_db

CSV = (
    "Employer,Job Title,Applied On,Stage,Why\n"
    "Acme,Engineer,25/03/2024,❌ Rejected,keen\n"
    "Beta,Analyst,03/04/2024,Maybe,meh\n"
    "Gamma,Designer,01/02/2024,Submitted,ok\n"
)
MAPPING = {
    "column_0": "company",
    "column_1": "role_title",
    "column_2": "date_applied",
    "column_3": "status",
    "column_4": "",
    "date_order": "dmy",
}


def upload(client, content, name="applications.csv"):
    file = SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)
    return client.post(reverse("spreadsheet_upload"), {"file": file})


def an_upload(user, content=CSV):
    return SpreadsheetUpload.objects.create(user=user, filename="a.csv", content=content.encode())


def test_upload_page(alice_client):
    response = alice_client.get(reverse("spreadsheet_upload"))
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content


def test_upload_keeps_the_file_and_goes_to_the_mapping(alice_client, alice):
    response = upload(alice_client, CSV)
    stored = SpreadsheetUpload.objects.get(user=alice)
    assert response.status_code == 302
    assert response.url == reverse("spreadsheet_map", args=[stored.pk])
    assert bytes(stored.content) == CSV.encode()
    assert stored.filename == "applications.csv"


def test_a_new_upload_deletes_those_older_than_a_day(alice_client, alice, bob):
    old, recent = an_upload(bob), an_upload(bob)
    SpreadsheetUpload.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    upload(alice_client, CSV)
    assert not SpreadsheetUpload.objects.filter(pk=old.pk).exists()
    assert SpreadsheetUpload.objects.filter(pk=recent.pk).exists()


def test_a_user_keeps_only_their_latest_few_uploads(alice_client, alice, bob):
    from portability.spreadsheet.services import UPLOADS_KEPT_PER_USER

    bobs = an_upload(bob)
    for _ in range(UPLOADS_KEPT_PER_USER + 2):
        upload(alice_client, CSV)
    assert SpreadsheetUpload.objects.filter(user=alice).count() == UPLOADS_KEPT_PER_USER
    latest = SpreadsheetUpload.objects.filter(user=alice).order_by("-pk").first()
    assert alice_client.get(reverse("spreadsheet_map", args=[latest.pk])).status_code == 200
    assert SpreadsheetUpload.objects.filter(pk=bobs.pk).exists()  # another user's stay


def test_the_pages_import_up_to_their_own_row_limit(alice_client):
    from portability.spreadsheet.reading import WEB_MAX_ROWS

    content = "Company,Role\n" + "Acme,Engineer\n" * (WEB_MAX_ROWS + 1)
    response = upload(alice_client, content)
    assert response.status_code == 200
    assert f"The file has more than {WEB_MAX_ROWS:,} rows" in response.content.decode()
    assert not SpreadsheetUpload.objects.exists()
    assert (
        upload(alice_client, "Company,Role\n" + "Acme,Engineer\n" * WEB_MAX_ROWS).status_code == 302
    )


def test_a_nul_character_past_the_start_is_a_message_not_a_server_error(alice_client):
    """PostgreSQL refuses NUL in text: run on it too (DATABASE_URL)."""
    content = b"Company,Role\n" + b"Acme,Engineer\n" * 1_000 + b"Be\x00ta,QA\n"
    response = upload(alice_client, content)
    assert response.status_code == 200
    assert "Row 1,002 holds a NUL character" in response.content.decode()
    assert not SpreadsheetUpload.objects.exists()
    assert not Application.objects.exists()


def test_an_invalid_status_choice_is_an_error_and_imports_nothing(alice_client, alice):
    stored = an_upload(alice)
    choices = {
        **MAPPING,
        "statuses": "1",
        "status_0": "rejected",
        "status_1": "hired-maybe",
        "status_2": "applied",
        "skip_bad_rows": "on",
    }
    response = alice_client.post(reverse("spreadsheet_import", args=[stored.pk]), choices)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was imported: choose again what each status becomes" in page
    assert "Select a valid choice. hired-maybe is not one of the available choices." in page
    assert not Application.objects.exists()

    preview = alice_client.get(reverse("spreadsheet_preview", args=[stored.pk]), choices)
    assert preview.status_code == 400
    assert "is-invalid" in preview.content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This file is not a spreadsheet Rebound can read"),
        (b"Company,Role\n", "The file has a header row but no rows under it"),
        (b"a" * (MAX_BYTES + 1), "The file is larger than 5 MB"),
    ],
    ids=["empty", "not-a-spreadsheet", "header-only", "too-big"],
)
def test_bad_files_get_a_clear_message(alice_client, content, message):
    response = upload(alice_client, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SpreadsheetUpload.objects.exists()


def test_no_file(alice_client):
    response = alice_client.post(reverse("spreadsheet_upload"), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_map_page_shows_the_first_rows_and_the_guesses(alice_client, alice):
    stored = an_upload(alice)
    response = alice_client.get(reverse("spreadsheet_map", args=[stored.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gamma" in page and "Designer" in page  # the first rows
    assert '<option value="company" selected>' in page  # Employer → company
    assert '<option value="role_title" selected>' in page
    assert '<option value="date_applied" selected>' in page
    assert '<option value="status" selected>' in page
    # 25/03/2024 shows the dates are day first: the choice starts there.
    assert response.context["form"].initial["date_order"] == "dmy"


def test_an_xlsx_upload_maps_too(alice_client, alice):
    content = xlsx(
        [["Company", "Role", "Date Applied"], ["Acme", "Engineer", datetime.date(2024, 3, 5)]]
    )
    upload(alice_client, content, "applications.xlsx")
    stored = SpreadsheetUpload.objects.get(user=alice)
    response = alice_client.get(reverse("spreadsheet_map", args=[stored.pk]))
    assert "2024-03-05" in response.content.decode()


def test_preview_shows_what_will_be_created_errors_and_the_status_table(alice_client, alice):
    stored = an_upload(alice)
    response = alice_client.get(reverse("spreadsheet_preview", args=[stored.pk]), MAPPING)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Row 3: the status “Maybe” is not one Rebound knows" in page
    plan = response.context["plan"]
    assert [planned.company for planned in plan.applications] == ["Acme", "Gamma"]
    assert [(value.text, value.status) for value in plan.statuses] == [
        ("❌ Rejected", Status.REJECTED),
        ("Maybe", None),
        ("Submitted", Status.APPLIED),
    ]
    assert "Import 2 applications" in page
    assert not Application.objects.exists()


def test_preview_with_a_bad_mapping_goes_back_to_the_map_page(alice_client, alice):
    stored = an_upload(alice)
    response = alice_client.get(
        reverse("spreadsheet_preview", args=[stored.pk]),
        {**MAPPING, "column_1": "company"},
    )
    page = response.content.decode()
    assert "Company is already chosen for “Employer”." in page
    assert "Choose the column that holds the role." in page


def test_the_status_choices_update_the_preview(alice_client, alice):
    stored = an_upload(alice)
    response = alice_client.get(
        reverse("spreadsheet_preview", args=[stored.pk]),
        {
            **MAPPING,
            "statuses": "1",
            "status_0": "rejected",
            "status_1": "screening",
            "status_2": "applied",
        },
    )
    plan = response.context["plan"]
    assert plan.errors == []
    assert [value.status for value in plan.statuses] == [
        Status.REJECTED,
        Status.SCREENING,
        Status.APPLIED,
    ]
    assert 'name="status_1" value="screening"' in response.content.decode()  # carried to import


def test_import_with_errors_imports_nothing_and_says_so(alice_client, alice):
    stored = an_upload(alice)
    response = alice_client.post(reverse("spreadsheet_import", args=[stored.pk]), MAPPING)
    assert response.status_code == 200
    assert "Nothing was imported: 1 row has errors." in response.content.decode()
    assert not Application.objects.exists()
    assert SpreadsheetUpload.objects.filter(pk=stored.pk).exists()


def test_import_skipping_bad_rows(alice_client, alice):
    stored = an_upload(alice)
    response = alice_client.post(
        reverse("spreadsheet_import", args=[stored.pk]), {**MAPPING, "skip_bad_rows": "on"}
    )
    assert response.status_code == 302
    assert response.url == reverse("application_list")
    assert set(Application.objects.values_list("company__name", flat=True)) == {"Acme", "Gamma"}
    assert not SpreadsheetUpload.objects.filter(pk=stored.pk).exists()


def test_import_end_to_end_lands_on_the_list_with_a_message(alice_client, alice):
    response = upload(alice_client, CSV)
    map_url = response.url
    pk = int(map_url.rstrip("/").split("/")[-1])
    assert alice_client.get(map_url).status_code == 200
    choices = {
        **MAPPING,
        "statuses": "1",
        "status_0": "rejected",
        "status_1": "screening",
        "status_2": "applied",
    }
    assert alice_client.get(reverse("spreadsheet_preview", args=[pk]), choices).status_code == 200
    response = alice_client.post(reverse("spreadsheet_import", args=[pk]), choices, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(reverse("application_list"), 302)]
    assert "Imported 3 applications, opened a draft reflection for 1 rejection." in page
    for role in ("Engineer", "Analyst", "Designer"):
        assert role in page
    beta = Application.objects.get(user=alice, company__name="Beta")
    assert beta.status == Status.SCREENING
    assert beta.date_applied == datetime.date(2024, 4, 3)
    assert Reflection.objects.filter(application__company__name="Acme").exists()


def test_import_reports_duplicates(alice_client, alice):
    stored = an_upload(alice, "Company,Role\nAcme,Engineer\nAcme,Engineer\n")
    response = alice_client.post(
        reverse("spreadsheet_import", args=[stored.pk]),
        {"column_0": "company", "column_1": "role_title"},
        follow=True,
    )
    assert "Imported 1 application, skipped 1 duplicate." in response.content.decode()


def test_import_needs_post(alice_client, alice):
    stored = an_upload(alice)
    assert alice_client.get(reverse("spreadsheet_import", args=[stored.pk])).status_code == 405


@pytest.mark.parametrize("name", ["spreadsheet_map", "spreadsheet_preview", "spreadsheet_import"])
def test_another_users_upload_is_404(alice_client, bob, name):
    stored = an_upload(bob)
    url = reverse(name, args=[stored.pk])
    assert alice_client.get(url, MAPPING).status_code in (404, 405)
    assert alice_client.post(url, MAPPING).status_code in (404, 405)
    assert {alice_client.get(url).status_code, alice_client.post(url).status_code} & {404}
    assert not Application.objects.exists()


def test_it_needs_a_login(client):
    response = client.get(reverse("spreadsheet_upload"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
