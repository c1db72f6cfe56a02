"""The archive's pages and commands: downloads from the account settings, the import form, and
export_data / import_data on the command line."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from applications.models import Application, Company
from portability.archive import forms
from portability.archive.services import archive_export
from tests.factories import CompanyFactory, UserFactory
from tests.portability.test_archive import counts_of, full_account, without_identity

pytestmark = pytest.mark.django_db

EXPORT_JSON = reverse("export_json")
EXPORT_ZIP = reverse("export_zip")
IMPORT = reverse("archive_import")


def upload(content: bytes, name: str = "rebound.json") -> dict:
    return {"file": SimpleUploadedFile(name, content, content_type="application/json")}


@pytest.mark.parametrize("url", [EXPORT_JSON, EXPORT_ZIP, IMPORT])
def test_login_is_required(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_settings_page_links_to_the_downloads_and_the_import(alice_client):
    page = alice_client.get(reverse("account_settings")).content.decode()
    assert EXPORT_JSON in page and EXPORT_ZIP in page and IMPORT in page


def test_the_json_download_is_an_attachment_of_the_users_data(alice_client, alice, bob):
    full_account(alice)
    CompanyFactory(user=bob, name="Bob's employer")

    response = alice_client.get(EXPORT_JSON)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="rebound-')
    document = json.loads(response.content)
    assert document["account"] == {"username": "alice"}
    assert without_identity(document) == without_identity(archive_export(alice))
    assert "Bob's employer" not in response.content.decode()


def test_the_zip_download_is_an_attachment_of_csv_files(alice_client, alice):
    full_account(alice)

    response = alice_client.get(EXPORT_ZIP)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('.zip"')
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "applications.csv" in archive.namelist()


@pytest.mark.parametrize("url", [EXPORT_JSON, EXPORT_ZIP])
def test_downloads_reject_post(alice_client, url):
    assert alice_client.post(url).status_code == 405


def test_the_import_page_shows_the_form(alice_client):
    response = alice_client.get(IMPORT)
    assert response.status_code == 200
    assert b'enctype="multipart/form-data"' in response.content
    assert b'type="file"' in response.content


def test_uploading_an_export_imports_it_and_says_what_it_did(alice_client, alice, bob):
    full_account(bob)
    content = json.dumps(archive_export(bob)).encode()

    response = alice_client.post(IMPORT, upload(content), follow=True)

    assert response.redirect_chain == [(IMPORT, 302)]
    assert "Imported 2 companies, 2 contacts, 5 applications" in response.content.decode()
    assert counts_of(alice) == counts_of(bob)

    again = alice_client.post(IMPORT, upload(content), follow=True)
    assert "Nothing new to import" in again.content.decode()
    assert counts_of(alice) == counts_of(bob)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json at all", "Nothing was imported. The file is not JSON"),
        (b'{"format": "rebound", "version": 7}', "This file is version 7 of the Rebound format"),
        (b'{"format": "rebound", "version": 1}', "The file has no &quot;companies&quot; list."),
    ],
)
def test_a_bad_upload_is_refused_with_its_reason(alice_client, alice, content, message):
    CompanyFactory(user=alice, name="Existing")

    response = alice_client.post(IMPORT, upload(content))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert list(Company.objects.filter(user=alice).values_list("name", flat=True)) == ["Existing"]


def test_a_refusal_says_nothing_was_imported_once(alice_client):
    response = alice_client.post(IMPORT, upload(b'{"format": "rebound", "version": 7}'))
    assert response.content.decode().count("Nothing was imported") == 1


def test_json_nested_too_deep_is_a_message_not_a_server_error(alice_client):
    response = alice_client.post(IMPORT, upload(b"[" * 100_000 + b"]" * 100_000))
    assert response.status_code == 400
    assert "not a Rebound export" in response.content.decode()


def test_an_upload_over_the_size_limit_is_refused(alice_client, alice, monkeypatch):
    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES", 10)
    response = alice_client.post(IMPORT, upload(b'{"format": "rebound"}'))
    assert response.status_code == 400
    page = response.content.decode()
    assert "larger than 20 MB, the most this page imports" in page
    assert "more than a Rebound export can be" not in page
    assert not Application.objects.filter(user=alice).exists()


def test_the_import_form_needs_a_file(alice_client):
    response = alice_client.post(IMPORT, {})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


# The commands -------------------------------------------------------------------------------


def test_export_data_writes_the_json_archive(alice, tmp_path):
    full_account(alice)
    output = tmp_path / "alice.json"
    out = io.StringIO()

    call_command("export_data", "alice", "--output", str(output), stdout=out)

    assert without_identity(json.loads(output.read_text())) == without_identity(
        archive_export(alice)
    )
    summary = out.getvalue()
    assert summary.count("\n") == 1
    assert summary.startswith(f"Exported alice's data to {output} (json): 2 companies")


def test_export_data_writes_utf8_whatever_the_locale(alice, tmp_path):
    CompanyFactory(user=alice, name="Société Générale")
    output = tmp_path / "alice.json"
    call_command("export_data", "alice", "--output", str(output), stdout=io.StringIO())
    # Written as bytes, so the locale's encoding (Latin-1 on some servers) plays no part.
    assert "Société Générale" in output.read_bytes().decode("utf-8")


def test_export_data_reads_the_account_once_for_the_zip(alice, tmp_path, monkeypatch):
    from portability.archive import exporting, services

    calls = []
    real = exporting.archive_export

    def counted(user):
        calls.append(user)
        return real(user)

    monkeypatch.setattr(services, "archive_export", counted)
    monkeypatch.setattr(exporting, "archive_export", counted)
    output = tmp_path / "alice.zip"
    call_command(
        "export_data", "alice", "--output", str(output), "--format", "zip", stdout=io.StringIO()
    )
    assert len(calls) == 1


def test_export_data_cannot_write_is_a_command_error(alice, tmp_path):
    output = tmp_path / "missing-folder" / "alice.json"
    with pytest.raises(CommandError, match=f"Cannot write {output}: No such file or directory"):
        call_command("export_data", "alice", "--output", str(output), stdout=io.StringIO())


def test_export_data_writes_the_csv_zip(alice, tmp_path):
    full_account(alice)
    output = tmp_path / "alice.zip"
    out = io.StringIO()

    call_command("export_data", "alice", "--output", str(output), "--format", "zip", stdout=out)

    with zipfile.ZipFile(output) as archive:
        assert "follow_ups.csv" in archive.namelist()
    assert "(zip)" in out.getvalue()


def test_export_data_needs_a_known_user(db, tmp_path):
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("export_data", "nobody", "--output", str(tmp_path / "x.json"))


def test_import_data_imports_once(alice, tmp_path):
    full_account(alice)
    path = tmp_path / "alice.json"
    path.write_text(json.dumps(archive_export(alice)))
    copy_user = UserFactory(username="copy")
    out = io.StringIO()

    call_command("import_data", "copy", str(path), stdout=out)
    call_command("import_data", "copy", str(path), stdout=out)

    first, second = out.getvalue().splitlines()
    assert first.startswith("copy: Imported 2 companies")
    assert second.startswith("copy: Nothing new to import")
    assert counts_of(copy_user) == counts_of(alice)


def test_import_data_refuses_a_bad_file_and_changes_nothing(alice, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "rebound", "version": 2}')
    with pytest.raises(CommandError, match="Nothing was imported. This file is version 2"):
        call_command("import_data", "alice", str(path))
    assert not Company.objects.filter(user=alice).exists()


def test_import_data_says_when_it_cannot_read_the_file(alice, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_data", "alice", str(tmp_path / "missing.json"))


def test_the_commands_have_help():
    from portability.management.commands import export_data, import_data

    assert "--format zip" in export_data.Command.help
    assert "one transaction" in import_data.Command.help
