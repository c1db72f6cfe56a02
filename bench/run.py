"""Benchmark Rebound's heavy pages on seeded data: in-process, then through gunicorn under load.

    .venv/bin/python bench/run.py [--requests N] [--scale S] [--skip-gunicorn]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rebound .venv/bin/python bench/run.py

SQLite runs on a fresh file in bench/results/data-sqlite/; PostgreSQL on a database named
rebound_bench (created when missing) next to the one in DATABASE_URL. Results are printed
and written to bench/results/<engine>-<timestamp>.md. docs/benchmarks.md explains the method.
"""

import argparse
import datetime
import http.client
import importlib
import logging
import os
import platform
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
BENCH_DATABASE = "rebound_bench"
SECRET_KEY = "bench-only-secret-key-not-for-production-" + "x" * 30
SETTINGS_MODULE = "bench.settings"
WARM_UP = 3
CONCURRENCY = 2
WORKERS = 2
HTTP_TIMEOUT = 30
GUNICORN_START_TIMEOUT = 60
GUNICORN_STOP_TIMEOUT = 30
LOAD_DEADLINE = 300  # seconds: no single load step may run longer than this
PAGE_TARGET_MS = 150  # p95 on SQLite: the dashboard, all of it
PART_TARGET_MS = 50  # p95 on SQLite: each panel, the list, an application page


class BenchmarkAborted(Exception):
    """A page that had answered 200 stopped doing so: the numbers would mean nothing."""


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    target_ms: float | None
    htmx: bool = False  # panels are loaded by htmx, which sends HX-Request

    @property
    def headers(self) -> dict[str, str]:
        return {"HX-Request": "true"} if self.htmx else {}


@dataclass
class Timing:
    label: str
    p50: float
    p95: float
    target_ms: float | None
    requests_per_second: float | None = None
    queries: int | None = None
    note: str = ""


def timing_from_samples(
    label: str, samples_ms: list[float], target_ms: float | None, **extra: Any
) -> Timing:
    p95 = statistics.quantiles(samples_ms, n=20, method="inclusive")[18]
    return Timing(label, statistics.median(samples_ms), p95, target_ms, **extra)


@dataclass
class Failure:
    label: str
    path: str
    reason: str


@dataclass
class RunResult:
    title: str
    timings: list[Timing] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# Setting up ----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--requests", type=int, default=40, help="timed requests per page (default 40)"
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every seeded count (default 1)"
    )
    parser.add_argument("--skip-gunicorn", action="store_true", help="only the test client")
    parser.add_argument(
        "--load-seconds", type=int, default=4, help="wrk's duration per page and pass (default 4)"
    )
    parser.add_argument(
        "--load-requests",
        type=int,
        default=200,
        help="requests per page and pass of the Python load generator, used without wrk "
        "(default 200)",
    )
    parser.add_argument(
        "--load-passes",
        type=int,
        default=3,
        help="passes over all pages under load; medians are reported (default 3)",
    )
    parser.add_argument(
        "--no-wrk", action="store_true", help="use the Python load generator even if wrk exists"
    )
    args = parser.parse_args()
    if (
        args.requests < 2
        or args.load_requests < 2
        or min(args.scale, args.load_seconds, args.load_passes) <= 0
    ):
        parser.error("--requests and --load-requests need at least 2; the rest must be positive")
    return args


def engine_from_environment() -> str:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        return "sqlite"
    if urlsplit(database_url).scheme in ("postgres", "postgresql", "pgsql"):
        return "postgresql"
    sys.exit("DATABASE_URL must be a PostgreSQL URL; leave it unset to benchmark SQLite.")


def create_postgres_database(database_url: str) -> str:
    """Make sure rebound_bench exists beside DATABASE_URL's database; returns its URL."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    admin_url = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if not found:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DATABASE)))
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def configure_django(engine: str) -> Path:
    """Point Django at the benchmark's own data folder (and database), then set it up."""
    data_dir = RESULTS_DIR / f"data-{engine}"
    assert data_dir.resolve().is_relative_to(RESULTS_DIR.resolve())  # never the project's data/
    data_dir.mkdir(parents=True, exist_ok=True)
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):  # a fresh database file every run
            (data_dir / f"rebound.sqlite3{suffix}").unlink(missing_ok=True)
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = create_postgres_database(os.environ["DATABASE_URL"])
    os.environ["REBOUND_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    os.environ["DJANGO_SECRET_KEY"] = SECRET_KEY
    os.environ["DJANGO_HTTPS"] = "0"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    for name in ("DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_BEHIND_PROXY"):
        os.environ.pop(name, None)
    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
    return data_dir


def prepare_database(engine: str, scale: float) -> list[str]:
    """Migrate, collect static files, seed; returns what it did, for the report."""
    from django.core.management import call_command
    from django.db import connection

    from bench.seed import seed

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    setup_seconds = time.perf_counter() - started
    summary = seed(scale)
    print(summary.line(), flush=True)
    with connection.cursor() as cursor:
        if engine == "sqlite":
            # A live database has long since checkpointed its write-ahead log.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            # Autovacuum would analyze the new rows within minutes; do it now, deterministically.
            cursor.execute("VACUUM ANALYZE")
    return [
        f"Seed (scale {scale:g}): {summary.line()}",
        f"Migrate and collectstatic: {setup_seconds:.1f} s",
    ]


def bench_pages(user: Any) -> tuple[list[Page], dict[str, Any]]:
    """The pages to time, the baseline first; and facts about the chosen application."""
    from django.db.models import Count, Exists, OuterRef
    from django.urls import reverse

    from applications.models import Application
    from reflections.models import Reflection
    from reflections.panels import PANELS

    candidates = (
        Application.objects.filter(user=user)
        .annotate(
            interviews_count=Count("interviews", distinct=True),
            feedback_count=Count("feedback", distinct=True),
            reflected=Exists(Reflection.objects.filter(application=OuterRef("pk"))),
        )
        .order_by("-reflected", "-interviews_count", "-feedback_count", "pk")
    )
    # Several interviews and feedback; the heaviest such page, with a reflection if possible.
    application = (
        candidates.filter(feedback_count__gte=2, interviews_count__gte=3).first()
        or candidates.filter(feedback_count__gte=1, interviews_count__gte=1).first()
    )
    if application is None:
        raise BenchmarkAborted("the seed made no application with interviews and feedback")
    pages = [
        Page("baseline: account settings", reverse("account_settings"), None),
        Page("dashboard page (placeholders only)", reverse("dashboard"), PAGE_TARGET_MS),
    ]
    pages += [
        Page(f"panel: {name}", reverse("dashboard_panel", args=[name]), PART_TARGET_MS, htmx=True)
        for name in PANELS
    ]
    pages += [
        Page("applications list", reverse("application_list"), PART_TARGET_MS),
        Page("application page", application.get_absolute_url(), PART_TARGET_MS),
    ]
    facts = {
        "path": application.get_absolute_url(),
        "interviews": application.interviews_count,
        "feedback": application.feedback_count,
        "reflection": application.reflected,
    }
    return pages, facts


def is_panel(page: Page) -> bool:
    return page.label.startswith("panel: ")


def composite_label(panels: list[Page], all_panels: int) -> str:
    label = f"dashboard with all panels (page + {len(panels)} panels, summed)"
    if len(panels) < all_panels:
        label = f"dashboard with all panels: INCOMPLETE, {len(panels)} of {all_panels} panels"
    return label


def composite_note(panels: list[Page], all_panels: int) -> str:
    missing = all_panels - len(panels)
    return f"n/a: {missing} panel(s) failing" if missing else ""


# The test client -------------------------------------------------------------------------------


def describe_exception(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        path = Path(last.filename)
        shown = path.relative_to(PROJECT_DIR) if path.is_relative_to(PROJECT_DIR) else path
        where = f" at {shown}:{last.lineno}"
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}{': ' + message if message else ''}{where}"


def client_get_ms(client: Any, page: Page) -> float:
    started = time.perf_counter()
    try:
        response = client.get(page.path, headers=page.headers)
    except Exception as error:  # the test client re-raises the view's exception
        reason = describe_exception(error)
        raise BenchmarkAborted(f"{page.path} failed during the run: {reason}") from error
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise BenchmarkAborted(f"{page.path} answered {response.status_code} during the run")
    return elapsed


def probe_in_process(client: Any, page: Page) -> tuple[str | None, int | None]:
    """Warm the page up; returns why it failed (or None) and its number of SQL queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    try:
        for _ in range(WARM_UP - 1):
            response = client.get(page.path, headers=page.headers)
            if response.status_code != 200:
                return f"HTTP {response.status_code}", None
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.path, headers=page.headers)
        if response.status_code != 200:
            return f"HTTP {response.status_code}", None
        return None, len(queries.captured_queries)
    except Exception as error:  # the test client re-raises the view's exception
        return f"HTTP 500, {describe_exception(error)}", None


def measure_test_client(user: Any, pages: list[Page], requests: int) -> RunResult:
    """Every working page timed in round-robin rounds, so all see the same machine load."""
    from django.test import Client

    result = RunResult("Test client (in-process, no HTTP)")
    client = Client()
    client.force_login(user)
    request_logger = logging.getLogger("django.request")
    level = request_logger.level
    request_logger.setLevel(logging.CRITICAL)  # failures are reported below, one line each
    try:
        working, queries = [], {}
        for page in pages:
            reason, query_count = probe_in_process(client, page)
            if reason is None:
                working.append(page)
                queries[page.label] = query_count
            else:
                result.failures.append(Failure(page.label, page.path, reason))
    finally:
        request_logger.setLevel(level)
    if not working or working[0] is not pages[0]:
        raise BenchmarkAborted(f"the baseline page {pages[0].path} does not answer 200")
    dashboard = next((page for page in working if page.path == pages[1].path), None)
    all_panels = [page for page in pages if is_panel(page)]
    panels = [page for page in working if is_panel(page)]
    samples: dict[str, list[float]] = {page.label: [] for page in working}
    composite: list[float] = []
    for _ in range(requests):
        for page in working:
            samples[page.label].append(client_get_ms(client, page))
        if dashboard is not None:
            composite.append(sum(client_get_ms(client, page) for page in [dashboard, *panels]))
    for page in working:
        result.timings.append(
            timing_from_samples(
                page.label, samples[page.label], page.target_ms, queries=queries[page.label]
            )
        )
    if dashboard is not None:
        result.timings.append(
            timing_from_samples(
                composite_label(panels, len(all_panels)),
                composite,
                PAGE_TARGET_MS,
                queries=sum(queries[page.label] for page in [dashboard, *panels]),
                note=composite_note(panels, len(all_panels)),
            )
        )
    result.notes.append(
        f"{WARM_UP} warm-up requests per page, then {requests} rounds; each round requests every "
        "working page once (and the dashboard with its panels once more, summed). "
        "Queries: SQL queries of one request."
    )
    return result


# gunicorn --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session_cookie(user: Any) -> str:
    """A logged-in session for the user, written to the benchmark's database."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = importlib.import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def http_get(port: int, path: str, headers: dict[str, str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_healthy(port: int, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + GUNICORN_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkAborted(f"gunicorn exited with {process.returncode}:\n{tail(log_path)}")
        try:
            if http_get(port, "/healthz", {}) == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchmarkAborted(
        f"gunicorn was not healthy after {GUNICORN_START_TIMEOUT} s:\n{tail(log_path)}"
    )


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def stop_gunicorn(process: subprocess.Popen) -> None:
    """SIGTERM to the master (it stops its workers), then SIGKILL to its group if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=GUNICORN_STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the group gunicorn leads: its own workers
        process.wait(timeout=GUNICORN_STOP_TIMEOUT)


@contextmanager
def running_gunicorn(log_path: Path) -> Iterator[int]:
    """gunicorn as in production (config/gunicorn.py), on a free loopback port; always stopped."""
    port = free_port()
    environment = dict(os.environ)
    for name in ("DJANGO_DEBUG", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "PORT"):
        environment.pop(name, None)
    environment.update(
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(WORKERS),
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_HTTPS="0",
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        PYTHONDONTWRITEBYTECODE="1",
        # gunicorn 27 opens a control socket in $HOME by default, shared by every gunicorn on
        # the machine; the benchmark's server needs none.
        GUNICORN_CMD_ARGS="--no-control-socket",
    )
    gunicorn = Path(sys.prefix) / "bin" / "gunicorn"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(gunicorn), "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=PROJECT_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_until_healthy(port, process, log_path)
            yield port
        finally:
            stop_gunicorn(process)


WRK_SCRIPT = """
-- Collects non-200 answers per thread and prints one parseable line at the end.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non_200 = 0 end
function response(status, headers, body)
  if status ~= 200 then non_200 = non_200 + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non_200") end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d non_200=%d socket_errors=%d p50_us=%d p95_us=%d\\n",
    summary.requests, summary.duration, bad, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95)))
end
"""


def load_with_wrk(port: int, page: Page, cookie: str, seconds: int, script: Path) -> Timing:
    command = ["wrk", "-t1", f"-c{CONCURRENCY}", f"-d{seconds}s", f"--timeout={HTTP_TIMEOUT}s"]
    command += ["-s", str(script), "-H", f"Cookie: {cookie}"]
    for name, value in page.headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{page.path}")
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 60, check=False
    )
    line = next((text for text in finished.stdout.splitlines() if text.startswith("BENCH ")), None)
    if finished.returncode != 0 or line is None:
        raise BenchmarkAborted(f"wrk failed on {page.path}:\n{finished.stdout}{finished.stderr}")
    values = dict(pair.split("=") for pair in line.split()[1:])
    if int(values["non_200"]) or int(values["socket_errors"]):
        raise BenchmarkAborted(f"{page.path} under wrk: {line}")
    requests = int(values["requests"])
    return Timing(
        page.label,
        int(values["p50_us"]) / 1000,
        int(values["p95_us"]) / 1000,
        page.target_ms,
        requests_per_second=requests / (int(values["duration_us"]) / 1e6),
    )


def run_concurrently(
    port: int, total: int, make_request: Callable[[http.client.HTTPConnection], float]
) -> tuple[list[float], float]:
    """`total` timed calls shared by CONCURRENCY threads, each with its own connection."""
    lock = threading.Lock()
    issued = 0
    samples: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + LOAD_DEADLINE

    def worker() -> None:
        nonlocal issued
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
        try:
            while time.monotonic() < deadline and not errors:
                with lock:
                    if issued >= total:
                        return
                    issued += 1
                try:
                    elapsed = make_request(connection)
                except (OSError, http.client.HTTPException, BenchmarkAborted) as error:
                    errors.append(str(error))
                    return
                with lock:
                    samples.append(elapsed)
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=LOAD_DEADLINE + HTTP_TIMEOUT)
    wall = time.perf_counter() - started
    if errors:
        raise BenchmarkAborted(errors[0])
    if len(samples) < total:
        raise BenchmarkAborted(f"only {len(samples)} of {total} requests within {LOAD_DEADLINE} s")
    return samples, wall


def timed_http_get(connection: http.client.HTTPConnection, page: Page, cookie: str) -> float:
    started = time.perf_counter()
    connection.request("GET", page.path, headers={"Cookie": cookie, **page.headers})
    response = connection.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise BenchmarkAborted(f"{page.path} answered {response.status} during the run")
    return elapsed


def load_with_python(port: int, page: Page, cookie: str, total: int) -> Timing:
    samples, wall = run_concurrently(
        port, total, lambda connection: timed_http_get(connection, page, cookie)
    )
    return timing_from_samples(
        page.label, samples, page.target_ms, requests_per_second=total / wall
    )


def median_of_passes(page: Page, passes: list[Timing]) -> Timing:
    return Timing(
        page.label,
        statistics.median(timing.p50 for timing in passes),
        statistics.median(timing.p95 for timing in passes),
        page.target_ms,
        requests_per_second=statistics.median(timing.requests_per_second for timing in passes),
    )


def measure_gunicorn(
    pages: list[Page], cookie: str, args: argparse.Namespace, log_path: Path
) -> RunResult:
    result = RunResult(f"gunicorn ({WORKERS} sync workers, loopback) under load")
    wrk = shutil.which("wrk") if not args.no_wrk else None
    script = RESULTS_DIR / "wrk-report.lua"
    script.write_text(WRK_SCRIPT)
    with running_gunicorn(log_path) as port:
        working = []
        for page in pages:  # the probe doubles as warm-up: a few requests per worker
            statuses = [
                http_get(port, page.path, {"Cookie": cookie, **page.headers})
                for _ in range(WARM_UP * WORKERS)
            ]
            if all(status == 200 for status in statuses):
                working.append(page)
            else:
                failed = sorted(set(statuses) - {200})
                result.failures.append(
                    Failure(page.label, page.path, f"HTTP {failed} (see {log_path.name})")
                )
        if not working or working[0] is not pages[0]:
            raise BenchmarkAborted(f"the baseline page {pages[0].path} does not answer 200")

        def load(page: Page) -> Timing:
            if wrk:
                return load_with_wrk(port, page, cookie, args.load_seconds, script)
            return load_with_python(port, page, cookie, args.load_requests)

        passes: dict[str, list[Timing]] = {page.label: [] for page in working}
        for number in range(1, args.load_passes + 1):
            print(f"  load, pass {number} of {args.load_passes}", flush=True)
            for page in working:
                passes[page.label].append(load(page))
        for page in working:
            result.timings.append(median_of_passes(page, passes[page.label]))
        baseline_p50s = ", ".join(f"{timing.p50:.1f}" for timing in passes[pages[0].label])

        dashboard = next((page for page in working if page.path == pages[1].path), None)
        all_panels = [page for page in pages if is_panel(page)]
        panels = [page for page in working if is_panel(page)]
        if dashboard is not None:
            print("  load: dashboard with all panels", flush=True)

            def page_load(connection: http.client.HTTPConnection) -> float:
                return sum(timed_http_get(connection, p, cookie) for p in [dashboard, *panels])

            samples, wall = run_concurrently(port, args.requests, page_load)
            result.timings.append(
                timing_from_samples(
                    composite_label(panels, len(all_panels)),
                    samples,
                    PAGE_TARGET_MS,
                    requests_per_second=args.requests / wall,
                    note=composite_note(panels, len(all_panels)),
                )
            )
    if wrk:
        tool = (
            f"wrk -t1 -c{CONCURRENCY} -d{args.load_seconds}s per page and pass "
            "(p50/p95 from wrk's latency histogram)"
        )
    else:
        tool = (
            f"Python load generator (http.client): {args.load_requests} requests per page and "
            f"pass, {CONCURRENCY} at a time "
            f"({'--no-wrk' if args.no_wrk else 'wrk not installed'})"
        )
    result.notes += [
        f"Load: {tool}. {args.load_passes} passes, each loading every working page in turn; "
        "p50, p95 and req/s are the medians over the passes. "
        f"Baseline p50 in each pass: {baseline_p50s} ms (the spread is the machine's noise).",
        f"The dashboard with all panels: {args.requests} page loads by the Python "
        f"generator, {CONCURRENCY} at a time, each loading the page then every panel in turn; "
        "its req/s column counts page loads.",
        f"Warm-up: {WARM_UP * WORKERS} requests per page before the load. "
        f"gunicorn's log: {log_path.relative_to(PROJECT_DIR)}.",
    ]
    return result


# The report ------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def command_output(command: list[str]) -> str:
    try:
        finished = subprocess.run(
            command, capture_output=True, text=True, timeout=10, check=False, cwd=PROJECT_DIR
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return (finished.stdout + finished.stderr).strip()


def machine_info(engine: str) -> list[str]:
    import django
    from django.db import connection

    database = connection.settings_dict["NAME"]
    if engine == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = f"PostgreSQL {cursor.fetchone()[0]}"
        database_line = f"PostgreSQL database {database} ({server}, psycopg {version('psycopg')})"
    else:
        database_line = (
            f"SQLite {sqlite3.sqlite_version}, {Path(database).relative_to(PROJECT_DIR)}"
        )
    wrk_version = command_output(["wrk", "--version"]).splitlines()
    commit = command_output(["git", "rev-parse", "--short", "HEAD"]) or "unknown"
    dirty = (
        " (with uncommitted changes)" if command_output(["git", "status", "--porcelain"]) else ""
    )
    return [
        f"Date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC; commit {commit}{dirty}",
        f"CPU: {cpu_model()}; nproc {len(os.sched_getaffinity(0))}; memory {memory_total()}",
        f"Python {platform.python_version()}, Django {django.get_version()}, "
        f"gunicorn {version('gunicorn')}, "
        f"wrk: {wrk_version[0] if wrk_version else 'not installed'}",
        f"Database engine: {engine}; {database_line}",
    ]


def ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.1f}×" if baseline else "n/a"


def verdict(timing: Timing) -> str:
    if timing.note:
        return timing.note
    if timing.target_ms is None:
        return ""
    return "yes" if timing.p95 < timing.target_ms else "**no**"


def markdown_table(result: RunResult, with_rate: bool) -> list[str]:
    baseline = result.timings[0]
    header = ["page", "p50 ms", "p95 ms", "p50/baseline", "p95/baseline", "target", "meets target?"]
    if with_rate:
        header.insert(1, "req/s")
    else:
        header.insert(3, "queries")
    lines = [f"### {result.title}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for timing in result.timings:
        row = [
            timing.label,
            f"{timing.p50:.1f}",
            f"{timing.p95:.1f}",
            ratio(timing.p50, baseline.p50),
            ratio(timing.p95, baseline.p95),
            f"p95 < {timing.target_ms:g} ms" if timing.target_ms else "",
            verdict(timing),
        ]
        if with_rate:
            row.insert(1, f"{timing.requests_per_second:.1f}")
        else:
            row.insert(3, str(timing.queries) if timing.queries is not None else "")
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines += [f"- {note}" for note in result.notes]
    if result.failures:
        lines += ["", f"**Not measured: {len(result.failures)} URL(s) failing**", ""]
        lines += [
            f"- {failure.label} `{failure.path}`: {failure.reason}" for failure in result.failures
        ]
    lines.append("")
    return lines


def report(
    engine: str, args: argparse.Namespace, info: list[str], setup: list[str], runs: list[RunResult]
) -> str:
    lines = [f"# Rebound benchmark: {engine}", ""]
    failing = sorted({failure.path for run in runs for failure in run.failures})
    if failing:
        lines += [f"**{len(failing)} URL(s) failing, not measured:** {', '.join(failing)}", ""]
    lines += [f"- {line}" for line in info + setup]
    lines += [
        f"- Timed requests per page (test client): {args.requests}; warm-up: {WARM_UP}",
        f"- Targets are p95 on SQLite: the dashboard < {PAGE_TARGET_MS} ms; each panel, "
        f"the list and an application page < {PART_TARGET_MS} ms.",
        "- Panels are requested as htmx requests them (HX-Request: true).",
        "",
    ]
    for run in runs:
        lines += markdown_table(run, with_rate=run.timings[0].requests_per_second is not None)
    return "\n".join(lines)


# Main -------------------------------------------------------------------------------------------


def stop_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # unwinds through the finally blocks: gunicorn is stopped


def main() -> int:
    args = parse_args()
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    engine = engine_from_environment()
    configure_django(engine)
    from django.db import connections

    from accounts.models import User
    from bench.seed import BENCH_USERNAME

    load_before = os.getloadavg()
    setup = prepare_database(engine, args.scale)
    user = User.objects.get(username=BENCH_USERNAME)
    pages, facts = bench_pages(user)
    setup.append(
        f"Application page: {facts['path']} ({facts['interviews']} interviews, "
        f"{facts['feedback']} feedback, reflection: {'yes' if facts['reflection'] else 'no'})"
    )
    info = machine_info(engine)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    runs = []
    try:
        print("Measuring through the test client...", flush=True)
        runs.append(measure_test_client(user, pages, args.requests))
        if not args.skip_gunicorn:
            cookie = session_cookie(user)
            connections.close_all()
            print("Measuring through gunicorn...", flush=True)
            log_path = RESULTS_DIR / f"gunicorn-{engine}-{stamp}.log"
            runs.append(measure_gunicorn(pages, cookie, args, log_path))
    except BenchmarkAborted as error:
        print(f"\nBENCHMARK ABORTED: {error}", file=sys.stderr)
        return 2
    load_after = os.getloadavg()
    info.append(
        "Load average (1/5/15 min) before: "
        + "/".join(f"{value:.2f}" for value in load_before)
        + "; after: "
        + "/".join(f"{value:.2f}" for value in load_after)
    )
    text = report(engine, args, info, setup, runs)
    output = RESULTS_DIR / f"{engine}-{stamp}.md"
    output.write_text(text + "\n")
    print("\n" + text)
    print(f"Written to {output.relative_to(PROJECT_DIR)}")
    failing = sorted({failure.path for run in runs for failure in run.failures})
    if failing:
        print(f"\nFAILING URLS ({len(failing)}): " + ", ".join(failing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
