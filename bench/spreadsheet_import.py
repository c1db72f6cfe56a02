"""How long a spreadsheet import takes, and how many queries it runs: a measurement, not a test.

    .venv/bin/python bench/spreadsheet_import.py [ROWS ...] [--all-rejected]

Builds a throwaway test database (SQLite by default, or DATABASE_URL's), imports a generated
CSV of ROWS applications (default 300 and 5,000) into a new account through the same service
the page and the command use, and prints the queries and the seconds. The rows mix statuses
as a real tracker's do: a quarter rejections, some other endings and offers, and companies and
contacts that repeat (--all-rejected: every row a rejection, the slowest kind of row).
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

STATUSES = (
    ["Applied"] * 8
    + ["Rejected"] * 5
    + ["No response"] * 3
    + ["Interviewing"] * 2
    + ["Phone screen", "Offer", "Withdrawn", "Wishlist"]
)


def csv_text(rows: int, statuses: list[str]) -> str:
    lines = ["Company,Role,Date Applied,Status,Location,Salary,Source,Contact,Notes"]
    for n in range(rows):
        lines.append(
            f"Company {n % max(1, rows // 3)},Engineer {n},2024-{n % 12 + 1:02d}-{n % 28 + 1:02d},"
            f"{statuses[n % len(statuses)]},Berlin,€60k-€70k,LinkedIn,"
            f"{'Sam ' + str(n % 20) if n % 4 == 0 else ''},note {n}"
        )
    return "\n".join(lines) + "\n"


def measure(rows: int, statuses: list[str]) -> tuple[int, float]:
    from accounts.models import User
    from portability.spreadsheet.mapping import mapping_guess
    from portability.spreadsheet.reading import sheet_read
    from portability.spreadsheet.services import ImportOptions, spreadsheet_import

    user = User.objects.create_user(username=f"measure{rows}-{time.monotonic_ns()}")
    sheet = sheet_read(csv_text(rows, statuses).encode(), max_rows=rows)
    queries = 0

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        result = spreadsheet_import(
            user=user, sheet=sheet, mapping=mapping_guess(sheet.headers), options=ImportOptions()
        )
    seconds = time.perf_counter() - started
    assert result.imported == rows, (result.imported, result.plan.errors[:3])
    return queries, seconds


def main() -> None:
    args = sys.argv[1:]
    statuses = ["Rejected"] if "--all-rejected" in args else STATUSES
    sizes = [int(arg) for arg in args if arg.isdigit()] or [300, 5_000]
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        print(f"database: {connection.vendor}, statuses: {', '.join(sorted(set(statuses)))}")
        for rows in sizes:
            queries, seconds = measure(rows, statuses)
            print(
                f"{rows:>6,} rows: {queries:>7,} queries ({queries / rows:.1f} a row), "
                f"{seconds:6.2f} s"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
