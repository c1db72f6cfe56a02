"""`manage.py backup`: a consistent, checked copy of a live SQLite database; a clear refusal on
PostgreSQL."""

import io
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from portability.management.commands import backup
from portability.management.commands.backup import BackupError, sqlite_backup

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the backup command copies SQLite databases only"
)


def make_live_database(path: Path) -> sqlite3.Connection:
    """A WAL database with committed rows still in its -wal file, left open like a server's."""
    live = sqlite3.connect(path)
    live.execute("PRAGMA journal_mode=WAL")
    live.execute("PRAGMA wal_autocheckpoint=0")  # keep the commits in the -wal file
    live.execute("CREATE TABLE application (id INTEGER PRIMARY KEY, role TEXT)")
    live.executemany(
        "INSERT INTO application (role) VALUES (?)", [(f"Role {n}",) for n in range(500)]
    )
    live.commit()
    return live


def rows(path: Path) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(path)) as copy:
        return copy.execute("SELECT id, role FROM application ORDER BY id").fetchall()


def test_backup_of_a_live_wal_database_has_every_committed_row(tmp_path):
    source = tmp_path / "db.sqlite3"
    live = make_live_database(source)
    assert Path(f"{source}-wal").stat().st_size > 0  # the rows are in the WAL, not the file
    target = tmp_path / "backup.sqlite3"
    size = sqlite_backup(source, target)
    live.close()

    assert size == target.stat().st_size
    with closing(sqlite3.connect(target)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert rows(target) == rows(source)
    assert len(rows(target)) == 500
    assert not Path(f"{target}-wal").exists()
    assert not list(tmp_path.glob(".*partial"))


def test_backup_refuses_to_overwrite_a_file(tmp_path):
    source = tmp_path / "db.sqlite3"
    make_live_database(source).close()
    target = tmp_path / "backup.sqlite3"
    target.write_text("keep me")
    with pytest.raises(BackupError, match="already exists"):
        sqlite_backup(source, target)
    assert target.read_text() == "keep me"


def test_backup_of_a_missing_database_creates_nothing(tmp_path):
    with pytest.raises(BackupError, match="no SQLite database"):
        sqlite_backup(tmp_path / "missing.sqlite3", tmp_path / "backup.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_backup_that_fails_its_integrity_check_leaves_no_file(tmp_path, monkeypatch):
    source = tmp_path / "db.sqlite3"
    make_live_database(source).close()
    monkeypatch.setattr(backup, "integrity_problems", lambda copy: ["row 3 missing from index"])
    target = tmp_path / "backup.sqlite3"
    with pytest.raises(BackupError, match="integrity check: row 3 missing from index"):
        sqlite_backup(source, target)
    assert not target.exists()
    assert not list(tmp_path.glob(".*partial"))


def test_integrity_problems_finds_none_in_a_sound_database(tmp_path):
    make_live_database(tmp_path / "db.sqlite3").close()
    with closing(sqlite3.connect(tmp_path / "db.sqlite3")) as database:
        assert backup.integrity_problems(database) == []


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_the_command_backs_up_the_database_in_use(tmp_path, alice):
    target = tmp_path / "rebound.sqlite3"
    out = io.StringIO()
    call_command("backup", str(target), stdout=out)
    assert "integrity check: ok" in out.getvalue()
    with closing(sqlite3.connect(target)) as copy:
        assert copy.execute("SELECT username FROM accounts_user").fetchall() == [("alice",)]


@on_sqlite
@pytest.mark.django_db
def test_the_command_explains_a_refusal(tmp_path):
    target = tmp_path / "rebound.sqlite3"
    target.write_text("")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(target))


@pytest.mark.django_db
def test_on_postgresql_it_refuses_and_points_to_pg_dump(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    monkeypatch.setattr(connection, "display_name", "PostgreSQL")
    with pytest.raises(CommandError, match="not SQLite: back it up with pg_dump") as refusal:
        call_command("backup", str(tmp_path / "rebound.sqlite3"))
    assert "pg_restore" in str(refusal.value)
    assert not (tmp_path / "rebound.sqlite3").exists()
