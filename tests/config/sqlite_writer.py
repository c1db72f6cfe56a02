"""A separate process that does read-then-write transactions on a SQLite file.

Run by test_sqlite.py several times at once, as gunicorn workers would be. Prints how many
transactions failed with "database is locked".
"""

import sys
import time

import django
from django.conf import settings
from django.db import OperationalError, connection, transaction

from config.settings import SQLITE_OPTIONS

path, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "configured":
    options = SQLITE_OPTIONS
else:  # the negative control: Django's default deferred transactions, barely any wait
    options = {"timeout": 0.001, "init_command": "PRAGMA journal_mode=WAL;"}

settings.configure(
    DATABASES={
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": path, "OPTIONS": options}
    },
    INSTALLED_APPS=[],
)
django.setup()

locked = 0
for _ in range(count):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(MAX(value), 0) FROM counter")
            (current,) = cursor.fetchone()
            time.sleep(0.001)  # widen the gap between the read and the write
            cursor.execute("INSERT INTO counter (value) VALUES (%s)", [current + 1])
    except OperationalError as error:
        if "locked" not in str(error) and "busy" not in str(error):
            raise
        locked += 1
print(locked)
