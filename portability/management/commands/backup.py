"""`manage.py backup PATH`: a consistent copy of the SQLite database, safe while the server runs.

The copy goes through SQLite's online backup API, which reads a consistent snapshot including
commits still in the write-ahead log (a plain `cp` of a WAL database can miss them or copy a
torn file), then checks the copy with `PRAGMA integrity_check` before putting it in place.
"""

import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

PAGES_PER_STEP = 1024  # copy in steps, so writers are not held up for the whole copy


class BackupError(Exception):
    pass


def integrity_problems(database: sqlite3.Connection) -> list[str]:
    """What `PRAGMA integrity_check` finds wrong with a database; empty when it is sound."""
    result = database.execute("PRAGMA integrity_check").fetchall()
    return [] if result == [("ok",)] else [str(row[0]) for row in result]


def sqlite_backup(source: Path, target: Path) -> int:
    """Copy the SQLite database `source` to `target` (which must not exist) and check the copy;
    returns the copy's size in bytes."""
    if not source.is_file():
        raise BackupError(f"There is no SQLite database at {source}.")
    if target.exists():
        raise BackupError(f"{target} already exists: pick a new file name.")
    if not target.parent.is_dir():
        raise BackupError(f"The folder {target.parent} does not exist.")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        # Not opened read-only: a reader of a WAL database may need to create its -shm file.
        with (
            closing(sqlite3.connect(source)) as src,
            closing(sqlite3.connect(partial)) as copy,
        ):
            src.backup(copy, pages=PAGES_PER_STEP)
            # One self-contained file: the copy keeps no -wal beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
            problems = integrity_problems(copy)
        if problems:
            raise BackupError(f"The copy failed its integrity check: {'; '.join(problems[:5])}")
        os.replace(partial, target)
    except sqlite3.Error as error:
        raise BackupError(f"The backup failed: {error}") from error
    finally:
        partial.unlink(missing_ok=True)
    return target.stat().st_size


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the SQLite database to PATH while the server runs, "
        "and check it. On PostgreSQL, use pg_dump instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="the file to write; must not exist yet")
        parser.add_argument("--database", default="default", help="the database alias")

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            raise CommandError(
                f"This database is {connection.display_name}, not SQLite: back it up with "
                "pg_dump, for example `pg_dump --format=custom --file=rebound.dump "
                '"$DATABASE_URL"`, and restore with pg_restore (see the README).'
            )
        source = Path(str(connection.settings_dict["NAME"]))
        target: Path = options["path"]
        try:
            size = sqlite_backup(source, target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {source} to {target} ({size / 1_000_000:.1f} MB); integrity check: ok."
        )
