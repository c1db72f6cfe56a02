"""Under load: gunicorn with 4 workers, many concurrent clients, mixed reads and writes.

    .venv/bin/python bench/load.py                       # SQLite, a fresh database file
    .venv/bin/python bench/load.py --engine postgresql   # PostgreSQL, a fresh database
    make load  /  make load LOAD_ARGS="--engine both --seconds 60"

Starts gunicorn as in production (config/gunicorn.py, 4 sync workers, DEBUG off) on a free
loopback port, on a fresh database (SQLite: bench/results/load-sqlite/; PostgreSQL: a database
named rebound_load beside DATABASE_URL's, created and dropped), seeds a few users, logs every
client in through the login form (CSRF included) and drives the site for a bounded time and
number of requests: the dashboard and its panels, the home page, the list and application pages,
quick adds, status moves, rejections recorded through the status form, reflection sections saved.

It reports requests, throughput, p50/p95/p99 latency per kind of request and errors, then, with
the server stopped, checks in the database that every write the server acknowledged is there.
Exit status 0 when there were no 5xx, no unexpected answers, no "database is locked" in the
server's log and no lost writes; 1 otherwise; 2 when the run could not start.
docs/benchmarks.md records the figures.
"""

import argparse
import datetime
import html.parser
import http.client
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from bench import run as harness  # noqa: E402  (the benchmark's gunicorn helpers)

RESULTS_DIR = harness.RESULTS_DIR
LOAD_DATABASE = "rebound_load"
WORKERS = 4
PASSWORD = "rebound-load-password"
HTTP_TIMEOUT = 30
SECTION_ACTION = re.compile(r"^/reflections/(\d+)/sections/([\w-]+)/$")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFLECTION_URL = re.compile(r"/reflections/(\d+)/")
APPLICATION_URL = re.compile(r"/applications/(\d+)/")
MOVABLE = ["applied", "screening", "interviewing", "offer", "wishlist", "withdrawn"]
# What a client does next, with weights: reads first, as people use it.
OPERATIONS = {
    "dashboard": 12,
    "panel": 20,
    "home": 6,
    "list": 10,
    "detail": 10,
    "quick_add": 12,
    "move_status": 16,
    "reject": 5,
    "save_section": 9,
}


# The client --------------------------------------------------------------------------------


class FormParser(html.parser.HTMLParser):
    """Every <form> on a page: action, method and its fields with their current values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower()}
            self._form.update(fields=[], textareas=[], radios=defaultdict(list), selects={})
            self.forms.append(self._form)
        if self._form is None or not a.get("name"):
            return
        name = a["name"]
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "radio":
                self._form["radios"][name].append(a.get("value", "on"))
            elif kind == "checkbox":
                if "checked" in a:
                    self._form["fields"].append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self._form["fields"].append((name, a.get("value", "")))
        elif tag == "textarea":
            self._form["textareas"].append(name)
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and self._select not in self._form["selects"]:
            self._form["selects"][self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


@dataclass
class Ledger:
    """The writes the server acknowledged to one client, checked against the database later."""

    created: dict[int, str] = field(default_factory=dict)  # application pk -> role title
    status: dict[int, str] = field(default_factory=dict)  # application pk -> last status set
    moves: Counter[int] = field(default_factory=Counter)  # application pk -> acknowledged moves
    reflections: dict[int, int] = field(default_factory=dict)  # reflection pk -> application
    sections: dict[tuple[int, str], str] = field(default_factory=dict)  # -> marker text


@dataclass
class Sample:
    label: str
    status: int  # 0: no answer (an exception)
    ms: float
    ok: bool
    detail: str = ""


class Budget:
    """The run's bounds, shared by every client: a deadline and a number of requests."""

    def __init__(self, seconds: float, requests: int) -> None:
        self.deadline = time.monotonic() + seconds
        self.left = requests
        self.lock = threading.Lock()

    def take(self) -> bool:
        with self.lock:
            if self.left <= 0 or time.monotonic() >= self.deadline:
                return False
            self.left -= 1
            return True


class Client:
    def __init__(self, number: int, port: int, username: str, company_pool: list[str]) -> None:
        self.number = number
        self.port = port
        self.username = username
        self.company_pool = company_pool
        self.random = random.Random(number)
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self.samples: list[Sample] = []
        self.ledger = Ledger()
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT)
        self.writes = 0

    # HTTP

    def request(
        self,
        label: str,
        method: str,
        path: str,
        expect: tuple[int, ...],
        fields: list[tuple[str, str]] | None = None,
        htmx: bool = False,
    ) -> tuple[int, dict[str, str], str]:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if htmx:
            headers["HX-Request"] = "true"
        body = None
        if fields is not None:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode(errors="replace")
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            ms = (time.perf_counter() - started) * 1000
            self.samples.append(Sample(label, 0, ms, False, f"{type(error).__name__}: {error}"))
            return 0, {}, ""
        ms = (time.perf_counter() - started) * 1000
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        ok = response.status in expect
        where = response.getheader("Location", "")
        detail = "" if ok else f"{method} {path} -> {response.status} {where} {text[:200]!r}"
        self.samples.append(Sample(label, response.status, ms, ok, detail))
        if match := CSRF_INPUT.search(text):
            self.csrf = match.group(1)
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text

    def get(self, label: str, path: str, htmx: bool = False) -> tuple[int, str]:
        status, _, text = self.request(label, "GET", path, (200,), htmx=htmx)
        return status, text

    def post(
        self, label: str, path: str, fields: list[tuple[str, str]], expect: tuple[int, ...] = (302,)
    ) -> tuple[int, str]:
        fields = [("csrfmiddlewaretoken", self.csrf), *fields]
        status, headers, _ = self.request(label, "POST", path, expect, fields)
        return status, headers.get("location", "")

    # Operations

    def login(self) -> bool:
        self.get("GET login page", "/accounts/login/")
        status, location = self.post(
            "POST login",
            "/accounts/login/",
            [("username", self.username), ("password", PASSWORD)],
        )
        return status == 302 and "/accounts/login" not in location

    def own_open_applications(self) -> list[int]:
        return [pk for pk, status in self.ledger.status.items() if status != "rejected"]

    def quick_add(self) -> None:
        status, _ = self.get("GET quick add form", "/applications/new/")
        if status != 200:
            return
        self.writes += 1
        role = f"Load role {self.number}-{self.writes}"
        status, location = self.post(
            "POST quick add",
            "/applications/new/",
            [
                ("company", self.random.choice(self.company_pool)),
                ("role_title", role),
                ("posting_url", f"https://jobs.example.com/{self.number}/{self.writes}"),
                ("date_applied", datetime.date.today().isoformat()),
            ],
        )
        if status == 302 and (match := APPLICATION_URL.search(location)):
            pk = int(match.group(1))
            self.ledger.created[pk] = role
            self.ledger.status[pk] = "applied"

    def move_status(self) -> None:
        candidates = self.own_open_applications()
        if not candidates:
            return self.quick_add()
        pk = self.random.choice(candidates)
        new = self.random.choice([s for s in MOVABLE if s != self.ledger.status[pk]])
        status, _ = self.post(
            "POST status move", f"/applications/{pk}/status/", [("status", new), ("view", "list")]
        )
        if status == 302:
            self.ledger.status[pk] = new
            self.ledger.moves[pk] += 1

    def reject(self) -> None:
        candidates = self.own_open_applications()
        if not candidates:
            return self.quick_add()
        pk = self.random.choice(candidates)
        status, location = self.post(
            "POST rejection (status form)", f"/applications/{pk}/status/", [("status", "rejected")]
        )
        if status == 302 and (match := REFLECTION_URL.search(location)):
            self.ledger.status[pk] = "rejected"
            self.ledger.moves[pk] += 1
            self.ledger.reflections[int(match.group(1))] = pk

    def save_section(self) -> None:
        if not self.ledger.reflections:
            return self.reject()
        reflection = self.random.choice(list(self.ledger.reflections))
        status, page = self.get("GET reflection page", f"/reflections/{reflection}/")
        if status != 200:
            return
        parser = FormParser()
        parser.feed(page)
        forms = [f for f in parser.forms if SECTION_ACTION.match(f["action"]) and f["textareas"]]
        if not forms:
            self.samples.append(Sample("POST reflection section", 0, 0, False, "no section form"))
            return
        form = self.random.choice(forms)
        section = SECTION_ACTION.match(form["action"]).group(2)  # type: ignore[union-attr]
        self.writes += 1
        marker = f"load marker {self.number}-{self.writes}"
        fields = [(k, v) for k, v in form["fields"] if k != "csrfmiddlewaretoken"]
        fields += [(name, f"{marker} ({name})") for name in form["textareas"]]
        fields += [(name, self.random.choice(values)) for name, values in form["radios"].items()]
        fields += list(form["selects"].items())
        status, _ = self.post("POST reflection section", form["action"], fields)
        if status == 302:
            self.ledger.sections[(reflection, section)] = marker

    def read(self, operation: str, panels: list[str]) -> None:
        if operation == "dashboard":
            self.get("GET dashboard", "/dashboard/")
        elif operation == "panel":
            name = self.random.choice(panels)
            self.get("GET dashboard panel", f"/dashboard/panels/{name}/", htmx=True)
        elif operation == "home":
            self.get("GET home", "/")
        elif operation == "list":
            self.get("GET applications list", "/applications/")
        elif self.ledger.created:
            pk = self.random.choice(list(self.ledger.created))
            self.get("GET application page", f"/applications/{pk}/")
        else:
            self.get("GET applications list", "/applications/")

    def run(self, budget: Budget, panels: list[str]) -> None:
        names, weights = zip(*OPERATIONS.items(), strict=True)
        writes = {
            "quick_add": self.quick_add,
            "move_status": self.move_status,
            "reject": self.reject,
            "save_section": self.save_section,
        }
        while budget.take():
            operation = self.random.choices(names, weights)[0]
            if operation in writes:
                writes[operation]()
            else:
                self.read(operation, panels)
        self.connection.close()


# Setting up ----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default=None)
    parser.add_argument("--seconds", type=float, default=30, help="load duration (default 30)")
    parser.add_argument(
        "--max-requests", type=int, default=20_000, help="operations at most (default 20000)"
    )
    parser.add_argument("--clients", type=int, default=24, help="concurrent clients (default 24)")
    parser.add_argument("--users", type=int, default=6, help="users they share (default 6)")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server to create rebound_load on (default: DATABASE_URL, else local)",
    )
    args = parser.parse_args()
    if not (0 < args.seconds <= 600 and 0 < args.max_requests <= 200_000):
        parser.error("--seconds must be in (0, 600] and --max-requests in (0, 200000]")
    if args.clients < 1 or args.users < 1:
        parser.error("--clients and --users must be positive")
    if args.engine is None:
        args.engine = "postgresql" if os.environ.get("DATABASE_URL") else "sqlite"
    return args


def admin_url(database_url: str) -> str:
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))


def recreate_postgres_database(database_url: str, drop_only: bool = False) -> str:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url(database_url), autocommit=True, connect_timeout=10) as admin:
        name = sql.Identifier(LOAD_DATABASE)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        if not drop_only:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return urlunsplit(urlsplit(database_url)._replace(path=f"/{LOAD_DATABASE}"))


def environment_for(engine: str, postgres_url: str) -> dict[str, str]:
    """The server's (and this process's) settings: production, a fresh database."""
    data_dir = RESULTS_DIR / f"load-{engine}"
    data_dir.mkdir(parents=True, exist_ok=True)
    environment = {
        "REBOUND_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": harness.SETTINGS_MODULE,
        "DJANGO_SECRET_KEY": harness.SECRET_KEY,
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            (data_dir / f"rebound.sqlite3{suffix}").unlink(missing_ok=True)
    else:
        environment["DATABASE_URL"] = recreate_postgres_database(postgres_url)
    return environment


def prepare(users: int) -> list[str]:
    """Set Django up on the fresh database: migrate, collect static files, make the users."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    user_model = get_user_model()
    names = [f"load{n}" for n in range(users)]
    for name in names:
        user_model.objects.create_user(name, f"{name}@example.com", PASSWORD)
    connections.close_all()
    return names


def start_gunicorn(log_path: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = harness.free_port()
    environment = dict(os.environ)
    for name in ("DJANGO_DEBUG", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "PORT"):
        environment.pop(name, None)
    environment.update(
        GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(WORKERS), PYTHONDONTWRITEBYTECODE="1"
    )
    gunicorn = Path(sys.prefix) / "bin" / "gunicorn"
    log = log_path.open("w")
    process = subprocess.Popen(
        [str(gunicorn), "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=PROJECT_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    try:
        harness.wait_until_healthy(port, process, log_path)
    except BaseException:
        harness.stop_gunicorn(process)
        raise
    return process, port


# Checking the writes ---------------------------------------------------------------------------


def verify(ledgers: list[Ledger]) -> dict[str, Any]:
    """Every write the server acknowledged, looked up in the database (server stopped)."""
    from django.db import connections
    from django.db.models import Count

    from applications.models import Application, StatusChange
    from reflections.models import Reflection, ReflectionAnswer, SectionSave

    connections.close_all()  # a fresh connection sees everything committed
    created: dict[int, str] = {}
    status: dict[int, str] = {}
    moves: Counter[int] = Counter()
    reflections: dict[int, int] = {}
    sections: dict[tuple[int, str], str] = {}
    for ledger in ledgers:
        created.update(ledger.created)
        status.update(ledger.status)
        moves.update(ledger.moves)
        reflections.update(ledger.reflections)
        sections.update(ledger.sections)
    found = {a.pk: a for a in Application.objects.filter(pk__in=list(created))}
    changes = dict(
        StatusChange.objects.filter(application__in=list(created))
        .values("application")
        .annotate(n=Count("pk"))
        .values_list("application", "n")
    )
    missing = []
    for pk, role in created.items():
        application = found.get(pk)
        if application is None or application.role_title != role:
            missing.append(f"application {pk} ({role}) not found")
        elif application.status != status[pk]:
            missing.append(
                f"application {pk}: status {application.status}, acknowledged {status[pk]}"
            )
        elif changes.get(pk, 0) < moves[pk]:
            missing.append(
                f"application {pk}: {changes.get(pk, 0)} status changes, {moves[pk]} acknowledged"
            )
    stored = dict(
        Reflection.objects.filter(pk__in=list(reflections)).values_list("pk", "application_id")
    )
    for pk, application_pk in reflections.items():
        if stored.get(pk) != application_pk:
            missing.append(f"reflection {pk} of application {application_pk} not found")
    for (reflection, section), marker in sections.items():
        saved = SectionSave.objects.filter(reflection_id=reflection, section_key=section).exists()
        answered = ReflectionAnswer.objects.filter(
            reflection_id=reflection, section_key=section, text__startswith=marker + " ("
        ).exists()
        if not (saved and answered):
            missing.append(f"reflection {reflection} section {section}: {marker!r} not found")
    connections.close_all()
    return {
        "checked": {
            "applications created (row, title, final status)": len(created),
            "status moves (each in the status history)": sum(moves.values()),
            "rejections with their draft reflection": len(reflections),
            "reflection sections saved (latest text of each)": len(sections),
        },
        "missing": missing,
    }


# Reporting -------------------------------------------------------------------------------------


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        value = values[0] if values else 0.0
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def report(
    engine: str,
    samples: list[Sample],
    logins: list[Sample],
    elapsed: float,
    server_log: str,
    checked: dict[str, Any],
    clients: int,
    users: int,
) -> tuple[list[str], bool]:
    by_label: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_label[sample.label].append(sample)
    server_errors = sum(1 for s in samples + logins if s.status >= 500)
    unexpected = [s for s in samples + logins if not s.ok]
    locked = server_log.count("database is locked")
    tracebacks = server_log.count("Traceback (most recent call last)")
    p50, p95, p99 = percentiles([s.ms for s in samples])
    lines = [
        f"## {engine}: {WORKERS} gunicorn workers, {clients} clients, {users} users",
        "",
        *[f"- {line}" for line in harness.machine_info(engine)],
        f"- Requests: {len(samples)} in {elapsed:.1f} s = {len(samples) / elapsed:.0f} req/s "
        f"(plus {len(logins)} for logging in, not timed here); "
        f"p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms",
        f"- Load average of the machine (1 min) at the end: {os.getloadavg()[0]:.1f} "
        "(other work shares these cores)",
        f"- Errors: {server_errors} answers 5xx, {len(unexpected)} unexpected answers in all, "
        f'{locked} "database is locked" and {tracebacks} tracebacks in the server log',
        "",
        "| request | count | p50 ms | p95 ms | p99 ms | unexpected |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label in sorted(by_label):
        group = by_label[label]
        q50, q95, q99 = percentiles([s.ms for s in group])
        bad = sum(1 for s in group if not s.ok)
        lines.append(f"| {label} | {len(group)} | {q50:.0f} | {q95:.0f} | {q99:.0f} | {bad} |")
    lines += ["", "Acknowledged writes checked in the database after the run:", ""]
    lines += [f"- {name}: {count}" for name, count in checked["checked"].items()]
    lines.append(f"- missing: {len(checked['missing'])}")
    lines += [f"  - {problem}" for problem in checked["missing"][:20]]
    if unexpected:
        lines += ["", "First unexpected answers:", ""]
        lines += [f"- {s.label}: {s.detail or s.status}" for s in unexpected[:10]]
    passed = not (server_errors or unexpected or locked or tracebacks or checked["missing"])
    lines += ["", f"Result: {'PASS' if passed else 'FAIL'}", ""]
    return lines, passed


def run_engine(engine: str, args: argparse.Namespace) -> tuple[list[str], bool]:
    environment = environment_for(engine, args.postgres_url)
    os.environ.update(environment)
    for name in ("DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_BEHIND_PROXY"):
        os.environ.pop(name, None)
    if engine == "sqlite":
        os.environ.pop("DATABASE_URL", None)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    log_path = RESULTS_DIR / f"load-gunicorn-{engine}-{stamp}.log"
    try:
        print(f"[{engine}] migrating and seeding {args.users} users...", flush=True)
        usernames = prepare(args.users)
        from reflections.panels import PANELS

        panels = list(PANELS)
        process, port = start_gunicorn(log_path)
        try:
            clients = []
            for number in range(args.clients):
                user = usernames[number % len(usernames)]
                # A few company names per user, shared by that user's clients: quick adds
                # race to create the same new company.
                pool = [f"Company {user} {n}" for n in range(4)]
                clients.append(Client(number, port, user, pool))
            print(f"[{engine}] logging in {len(clients)} clients...", flush=True)
            # Password hashing is meant to be slow (about a second of CPU here): as many logins
            # at once as there are workers, or the last ones time out in gunicorn's queue.
            gate = threading.BoundedSemaphore(WORKERS)
            logged_in: set[int] = set()

            def log_in(client: Client) -> None:
                with gate:
                    if client.login():
                        logged_in.add(client.number)

            login_threads = [threading.Thread(target=log_in, args=(c,)) for c in clients]
            for thread in login_threads:
                thread.start()
            for thread in login_threads:
                thread.join()
            logins = [s for c in clients for s in c.samples]
            for client in clients:
                client.samples = []
            if len(logged_in) < len(clients):  # reported as unexpected answers: the run fails
                print(f"[{engine}] {len(clients) - len(logged_in)} clients could not log in")
                clients_running = [c for c in clients if c.number in logged_in]
            else:
                clients_running = clients
            print(
                f"[{engine}] load: {args.seconds:g} s or {args.max_requests} operations...",
                flush=True,
            )
            budget = Budget(args.seconds, args.max_requests)
            started = time.perf_counter()
            threads = [
                threading.Thread(target=c.run, args=(budget, panels), daemon=True)
                for c in clients_running
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=args.seconds + HTTP_TIMEOUT * 2)
            elapsed = time.perf_counter() - started
            if any(thread.is_alive() for thread in threads):
                raise harness.BenchmarkAborted("a client did not finish within its bounds")
        finally:
            harness.stop_gunicorn(process)
        samples = [s for c in clients for s in c.samples]
        checked = verify([c.ledger for c in clients])
        lines, passed = report(
            engine,
            samples,
            logins,
            elapsed,
            log_path.read_text(errors="replace"),
            checked,
            args.clients,
            args.users,
        )
        lines.append(f"gunicorn's log: {log_path.relative_to(PROJECT_DIR)}")
        return lines, passed
    finally:
        if engine == "postgresql":
            from django.db import connections

            connections.close_all()
            recreate_postgres_database(args.postgres_url, drop_only=True)


def run_each_engine(args: argparse.Namespace) -> int:
    """--engine both: each engine in its own process, as Django is set up once per process."""
    worst = 0
    for engine in ("sqlite", "postgresql"):
        command = [sys.executable, str(Path(__file__).resolve()), "--engine", engine]
        for option in ("seconds", "max_requests", "clients", "users", "postgres_url"):
            command += [f"--{option.replace('_', '-')}", str(getattr(args, option))]
        worst = max(worst, subprocess.run(command, cwd=PROJECT_DIR, check=False).returncode)
    return worst


def main() -> int:
    args = parse_args()
    if args.engine == "both":
        return run_each_engine(args)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    try:
        lines, passed = run_engine(args.engine, args)
    except (harness.BenchmarkAborted, subprocess.CalledProcessError) as error:
        print(f"[{args.engine}] aborted: {error}", file=sys.stderr)
        return 2
    print("\n".join(lines), flush=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS_DIR / f"load-{args.engine}-{stamp}.md"
    out.write_text("# Under load\n\n" + "\n".join(lines) + "\n")
    print(f"Report: {out.relative_to(PROJECT_DIR)}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
