"""The PostgreSQL connection settings, checked on a live connection when the suite runs there."""

import pytest
from django.conf import settings


def test_postgresql_connections_run_without_jit(db):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the suite runs on SQLite")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
