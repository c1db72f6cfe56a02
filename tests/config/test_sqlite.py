"""The SQLite settings hold up when several processes write to one database file.

pytest-django's SQLite test database lives in memory, which proves nothing about WAL or
locking, so these tests use a database file and separate processes.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

BASE_DIR = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("sqlite_writer.py")
PROCESSES = 4
WRITES_EACH = 60


def open_configured_connection(path: Path) -> DatabaseWrapper:
    from config.settings import SQLITE_OPTIONS

    settings_dict = {
        **settings.DATABASES["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": SQLITE_OPTIONS,
    }
    wrapper = DatabaseWrapper(settings_dict, alias="pragma-check")
    wrapper.ensure_connection()
    return wrapper


def pragma(wrapper: DatabaseWrapper, name: str):
    with wrapper.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_live_connection_has_wal_busy_timeout_and_foreign_keys(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():
        wrapper = open_configured_connection(tmp_path / "pragmas.sqlite3")
        try:
            assert pragma(wrapper, "journal_mode") == "wal"
            assert pragma(wrapper, "busy_timeout") == 20000
            assert pragma(wrapper, "foreign_keys") == 1
            assert pragma(wrapper, "synchronous") == 1  # NORMAL
            assert wrapper.transaction_mode == "IMMEDIATE"
        finally:
            wrapper.close()


def test_default_database_uses_the_tuned_options():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the suite runs on PostgreSQL")
    from config.settings import SQLITE_OPTIONS

    assert settings.DATABASES["default"]["OPTIONS"] == SQLITE_OPTIONS


def run_concurrent_writers(tmp_path: Path, mode: str) -> tuple[int, int, int]:
    database = tmp_path / f"{mode}.sqlite3"
    with sqlite3.connect(database) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)")
    env = {**os.environ, "PYTHONPATH": str(BASE_DIR), "REBOUND_DATA_DIR": str(tmp_path)}
    env.setdefault("DJANGO_SECRET_KEY", "x" * 50)
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(database), mode, str(WRITES_EACH)],
            cwd=BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    locked = 0
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        locked += int(out.strip())
    with sqlite3.connect(database) as check:
        rows, distinct_values = check.execute(
            "SELECT COUNT(*), COUNT(DISTINCT value) FROM counter"
        ).fetchone()
    return locked, rows, distinct_values


def test_concurrent_writers_never_hit_a_locked_database(tmp_path):
    locked, rows, distinct_values = run_concurrent_writers(tmp_path, "configured")
    assert locked == 0
    assert rows == PROCESSES * WRITES_EACH
    # Each read-then-write saw the previous one: no two transactions read the same value.
    assert distinct_values == rows


def test_negative_control_deferred_transactions_do_hit_locks(tmp_path):
    locked, rows, _ = run_concurrent_writers(tmp_path, "deferred")
    assert locked > 0
    assert rows == PROCESSES * WRITES_EACH - locked
