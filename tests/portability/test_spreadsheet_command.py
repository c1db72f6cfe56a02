"""manage.py import_applications: the same import from the command line."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line
from django.db import connections

from applications.models import Application, Status
from tests.portability.test_spreadsheet_reading import xlsx

pytestmark = pytest.mark.django_db


def write(tmp_path, content, name="applications.csv"):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def import_applications(*args):
    out = io.StringIO()
    call_command("import_applications", *map(str, args), stdout=out)
    return out.getvalue()


def test_it_imports_and_says_what_it_did(alice, tmp_path):
    path = write(
        tmp_path, "Employer,Position,Applied On,Stage\nAcme,Engineer,2024-03-05,Offer 🎉\n"
    )
    output = import_applications("alice", path)
    assert "Column “Employer” → company" in output
    assert "row 2: Engineer at Acme, 2024-03-05, Offer" in output
    assert "Imported 1 application(s) for alice" in output
    assert Application.objects.get(user=alice).status == Status.OFFER


def test_an_xlsx(alice, tmp_path):
    path = write(
        tmp_path,
        xlsx([["Company", "Job Title", "Date"], ["Acme", "Engineer", datetime.date(2024, 3, 5)]]),
        "applications.xlsx",
    )
    import_applications("alice", path)
    assert Application.objects.get(user=alice).date_applied == datetime.date(2024, 3, 5)


def test_dry_run_writes_nothing(alice, tmp_path):
    path = write(tmp_path, "Company,Role\nAcme,Engineer\n")
    output = import_applications("alice", path, "--dry-run")
    assert "Would import 1 application(s)" in output
    assert not Application.objects.exists()


def test_unmatched_columns_and_statuses_are_listed_with_how_to_map_them(alice, tmp_path):
    path = write(tmp_path, "Company,Role,Where,Mood\nAcme,Engineer,Berlin,Keen\n")
    output = import_applications("alice", path)
    assert 'Column “Where” is not imported: map it with --map "Where=FIELD"' in output
    assert 'Column “Mood” is not imported: map it with --map "Mood=FIELD"' in output
    assert Application.objects.get(user=alice).location == ""

    path = write(tmp_path, "Company,Role,Status\nAcme,Engineer,In limbo\n")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_applications", "alice", str(path), stdout=out)
    assert (
        'Status “In limbo” (1 row) is not one Rebound knows: map it with --status "In limbo=STATUS"'
        in out.getvalue()
    )
    assert "Row 2: the status “In limbo” is not one Rebound knows" in out.getvalue()


def test_a_negated_status_is_listed_as_unmatched(alice, tmp_path):
    path = write(tmp_path, "Company,Role,Status\nAcme,Engineer,Not rejected\n")
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_applications", "alice", str(path), stdout=out)
    assert "Status “Not rejected” (1 row) is not one Rebound knows" in out.getvalue()
    assert not Application.objects.exists()


def test_map_and_status_options(alice, tmp_path):
    path = write(tmp_path, "Company,Role,Where,Progress?\nAcme,Engineer,Berlin,In limbo\n")
    import_applications(
        "alice",
        path,
        "--map",
        "Where=location",
        "--map",
        "progress?=status",
        "--status",
        "in limbo=screening",
    )
    application = Application.objects.get(user=alice)
    assert application.location == "Berlin"
    assert application.status == Status.SCREENING


def test_map_a_column_out(alice, tmp_path):
    path = write(tmp_path, "Company,Role,Notes\nAcme,Engineer,secret\n")
    import_applications("alice", path, "--map", "Notes=")
    assert Application.objects.get(user=alice).notes == ""


def test_date_order(alice, tmp_path):
    path = write(tmp_path, "Company,Role,Date\nAcme,Engineer,03/04/2024\n")
    with pytest.raises(CommandError, match="Nothing imported"):
        import_applications("alice", path)
    import_applications("alice", path, "--date-order", "mdy")
    assert Application.objects.get(user=alice).date_applied == datetime.date(2024, 3, 4)


def test_the_date_order_is_read_from_dates_that_show_it(alice, tmp_path):
    path = write(tmp_path, "Company,Role,Date\nAcme,Engineer,03/04/2024\nBeta,QA,25/12/2024\n")
    output = import_applications("alice", path)
    assert "Dates read day first" in output
    assert Application.objects.get(company__name="Acme").date_applied == datetime.date(2024, 4, 3)


def test_skip_bad_rows(alice, tmp_path):
    path = write(tmp_path, "Company,Role,Date\nAcme,Engineer,2024-03-05\nBeta,QA,someday\n")
    with pytest.raises(CommandError, match="--skip-bad-rows"):
        import_applications("alice", path)
    assert not Application.objects.exists()
    output = import_applications("alice", path, "--skip-bad-rows")
    assert "Row 3: the date “someday” is not a date Rebound can read." in output
    assert "Imported 1 application(s)" in output
    assert Application.objects.count() == 1


def test_skip_bad_rows_when_every_row_is_bad_still_fails(alice, tmp_path):
    path = write(tmp_path, "Company,Role,Date\nBeta,QA,someday\n")
    with pytest.raises(CommandError, match="Nothing imported"):
        import_applications("alice", path, "--skip-bad-rows")


def test_duplicates_are_reported(alice, tmp_path):
    path = write(tmp_path, "Company,Role\nAcme,Engineer\nAcme,Engineer\n")
    output = import_applications("alice", path)
    assert "Row 3: skipped, the same as row 2." in output
    assert "1 duplicate(s) skipped" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "FILE"], "No user named 'nobody'"),
        (["alice", "MISSING"], "Cannot read"),
        (["alice", "FILE", "--map", "Nope=company"], "no column named “Nope”"),
        (["alice", "FILE", "--map", "Role=title"], "“title” is not a field"),
        (["alice", "FILE", "--map", "Role"], 'write it as "Column=field"'),
        (["alice", "FILE", "--status", "Maybe=pending"], "“pending” is not a status"),
        (["alice", "FILE", "--map", "Role=notes"], "No column for role_title: map one with"),
    ],
)
def test_bad_arguments(alice, tmp_path, args, message):
    path = write(tmp_path, "Company,Role\nAcme,Engineer\n")
    args = [
        str(path) if arg == "FILE" else str(tmp_path / "missing.csv") if arg == "MISSING" else arg
        for arg in args
    ]
    with pytest.raises(CommandError, match=message):
        import_applications(*args)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a spreadsheet"),
    ],
)
def test_bad_files(alice, tmp_path, content, message):
    with pytest.raises(CommandError, match=message):
        import_applications("alice", write(tmp_path, content))


def test_date_order_choices_are_checked(alice, tmp_path):
    path = write(tmp_path, "Company,Role\nAcme,Engineer\n")
    with pytest.raises(CommandError, match="invalid choice: 'ymd'"):
        import_applications("alice", path, "--date-order", "ymd")


def test_it_exits_non_zero_from_the_command_line(alice, tmp_path, capsys, monkeypatch):
    """Run as `manage.py import_applications`, a failed import is exit status 1 with the
    reason on stderr."""
    path = write(tmp_path, "Company,Role,Date\nAcme,Engineer,someday\n")
    # run_from_argv closes the connections when done; the test's transaction still needs its own.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "import_applications", "alice", str(path)])
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert "Row 2: the date “someday” is not a date Rebound can read." in captured.out
    assert "Nothing imported: 1 row(s) with errors" in captured.err
    assert not Application.objects.exists()
