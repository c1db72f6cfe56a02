"""Lighthouse on Rebound's main pages, signed in, for a realistic account of 150 applications.

    .venv/bin/python bench/lighthouse.py [--scale S] [--runs N]    (or `make lighthouse`)

Installs the npm package `lighthouse` (pinned) into .venv/.node/ on first use, seeds a fresh
SQLite database in bench/results/data-lighthouse/ with bench/seed.py, starts gunicorn as in
production, logs in through the login form for a session cookie, and runs Lighthouse (mobile
emulation, its default) on each page with that cookie in --extra-headers. Prints accessibility,
best practices and performance per page, and what kept a score below 100; the table and the
JSON reports go to bench/results/. Exit status 1 when a page misses the targets
(accessibility 100, best practices 100, performance 90). docs/benchmarks.md explains it.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from bench.run import (  # noqa: E402
    RESULTS_DIR,
    SECRET_KEY,
    SETTINGS_MODULE,
    running_gunicorn,
)

LIGHTHOUSE_VERSION = "12.8.2"  # 13 needs Node 22; Debian's Node is 20
NODE_PREFIX = PROJECT_DIR / ".venv" / ".node"
LIGHTHOUSE = NODE_PREFIX / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
DATA_DIR = RESULTS_DIR / "data-lighthouse"
REPORTS_DIR = RESULTS_DIR / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "performance")
TARGETS = {"accessibility": 100, "best-practices": 100, "performance": 90}
# 150 applications: bench/seed.py's heavy user has 5,000 at scale 1.
DEFAULT_SCALE = 0.03
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


@dataclass
class PageScores:
    label: str
    path: str
    scores: dict[str, int]
    metrics: dict[str, str]
    shortfalls: list[str]

    def misses(self) -> list[str]:
        return [
            f"{category} {self.scores[category]} < {target}"
            for category, target in TARGETS.items()
            if self.scores[category] < target
        ]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=DEFAULT_SCALE,
        help=f"bench/seed.py's scale (default {DEFAULT_SCALE}: 150 applications)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="Lighthouse runs per page; the median performance run is reported (default 1)",
    )
    return parser.parse_args()


def install_lighthouse() -> None:
    """npm install the pinned Lighthouse into .venv/.node/ unless that version is there."""
    installed = NODE_PREFIX / "node_modules" / "lighthouse" / "package.json"
    if installed.is_file() and json.loads(installed.read_text())["version"] == LIGHTHOUSE_VERSION:
        return
    if shutil.which("npm") is None:
        sys.exit("npm is not installed: apt-get install -y nodejs npm, then retry.")
    print(f"Installing lighthouse {LIGHTHOUSE_VERSION} into {NODE_PREFIX}...", flush=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(NODE_PREFIX),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
    )


def chrome_path() -> str:
    for candidate in (os.environ.get("CHROME_PATH"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    sys.exit("No Chromium at /usr/bin/chromium (apt-get install -y chromium) or $CHROME_PATH.")


def prepare_database(scale: float) -> None:
    """A fresh SQLite database of its own (never data/ nor the benchmark's), migrated, with
    static files collected and the seed's accounts in it."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        (DATA_DIR / f"rebound.sqlite3{suffix}").unlink(missing_ok=True)
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(
        REBOUND_DATA_DIR=str(DATA_DIR),
        DJANGO_SETTINGS_MODULE=SETTINGS_MODULE,
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_HTTPS="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    for name in ("DJANGO_DEBUG", "DJANGO_SECURE_SSL_REDIRECT", "DJANGO_BEHIND_PROXY"):
        os.environ.pop(name, None)
    import django
    from django.core.management import call_command

    django.setup()
    from bench.seed import seed

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    print(seed(scale).line(), flush=True)


def main_pages() -> list[tuple[str, str]]:
    """The pages to score: (label, path), for the seed's user."""
    from django.db.models import Count
    from django.urls import reverse

    from accounts.models import User
    from bench.seed import BENCH_USERNAME
    from reflections.models import Reflection

    user = User.objects.get(username=BENCH_USERNAME)
    # An application page with history (interviews and a reflection), and its reflection.
    reflection = (
        Reflection.objects.filter(user=user, trigger=Reflection.Trigger.REJECTION)
        .annotate(interviews=Count("application__interviews"))
        .order_by("-interviews", "pk")
        .first()
    )
    if reflection is None:
        sys.exit("The seed made no reflection: raise --scale.")
    return [
        ("home", reverse("home")),
        ("applications list", reverse("application_list")),
        ("board", reverse("application_board")),
        ("application page", reverse("application_detail", args=[reflection.application_id])),
        ("reflection", reverse("reflection_detail", args=[reflection.pk])),
        ("dashboard", reverse("dashboard")),
        ("question bank", reverse("question_list")),
    ]


def log_in(port: int) -> str:
    """Log in through the login form as a browser would; the Cookie header for later requests."""
    from bench.seed import BENCH_PASSWORD, BENCH_USERNAME

    cookies: SimpleCookie = SimpleCookie()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    page = response.read().decode()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None:
        sys.exit("The login page has no CSRF token.")
    body = urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "username": BENCH_USERNAME,
            "password": BENCH_PASSWORD,
            "next": "/",
        }
    )
    cookie_header = "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())
    connection.request(
        "POST",
        "/accounts/login/",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header},
    )
    response = connection.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    connection.close()
    if response.status != 302 or not any("sessionid" in name for name in cookies):
        sys.exit(f"Logging in failed: {response.status} (no session cookie).")
    return "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())


# Lighthouse now and then fails to record a trace ("NO_NAVSTART") on a busy machine; a run is
# tried again this many times before the benchmark gives up.
ATTEMPTS = 3


def run_lighthouse(url: str, cookie: str, report_path: Path) -> dict:
    environment = dict(os.environ, CHROME_PATH=chrome_path())
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--extra-headers={json.dumps({'Cookie': cookie})}",
    ]
    for attempt in range(1, ATTEMPTS + 1):
        if subprocess.run(command, env=environment).returncode == 0:
            break
        if attempt == ATTEMPTS:
            sys.exit(f"Lighthouse failed {ATTEMPTS} times on {url}.")
        print(f"  Lighthouse failed on attempt {attempt}; trying again.", flush=True)
    return json.loads(report_path.read_text())


def scores_from(label: str, path: str, report: dict) -> PageScores:
    if report.get("finalDisplayedUrl", "").endswith("/accounts/login/?next=" + path):
        sys.exit(f"{label}: Lighthouse was sent to the login page; the cookie did not work.")
    categories = report["categories"]
    audits = report["audits"]
    # What kept accessibility or best practices below 100, with the elements it names; the
    # performance audits are its metrics, in the table.
    shortfalls = []
    for category in ("accessibility", "best-practices"):
        for ref in categories[category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items") or []
                nodes = [item["node"]["selector"] for item in items if "node" in item][:5]
                shortfalls.append(f"{audit['id']} ({', '.join(nodes) or audit['title']})")
    return PageScores(
        label=label,
        path=path,
        scores={c: round(100 * (categories[c]["score"] or 0)) for c in CATEGORIES},
        metrics={
            short: audits[name].get("displayValue", "")
            for name, short in METRICS.items()
            if name in audits
        },
        shortfalls=shortfalls,
    )


def table(results: list[PageScores]) -> list[str]:
    lines = [
        "| page | accessibility | best practices | performance | "
        + " | ".join(METRICS.values())
        + " |",
        "| --- | ---: | ---: | ---: | " + " | ".join("---:" for _ in METRICS) + " |",
    ]
    for result in results:
        lines.append(
            f"| {result.label} (`{result.path}`) | {result.scores['accessibility']} | "
            f"{result.scores['best-practices']} | {result.scores['performance']} | "
            + " | ".join(result.metrics.get(short, "") for short in METRICS.values())
            + " |"
        )
    return lines


def main() -> int:
    args = parse_args()
    install_lighthouse()
    prepare_database(args.scale)
    from django.db import connections

    pages = main_pages()
    connections.close_all()
    REPORTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    results = []
    with running_gunicorn(RESULTS_DIR / f"gunicorn-lighthouse-{stamp}.log") as port:
        cookie = log_in(port)
        for label, path in pages:
            print(f"Lighthouse: {label} ({path})...", flush=True)
            runs = []
            for number in range(args.runs):
                slug = re.sub(r"\W+", "-", label)
                report_path = REPORTS_DIR / f"{slug}-{number + 1}.json"
                report = run_lighthouse(f"http://127.0.0.1:{port}{path}", cookie, report_path)
                runs.append(scores_from(label, path, report))
            runs.sort(key=lambda result: result.scores["performance"])
            results.append(runs[len(runs) // 2])
    load = "/".join(f"{value:.2f}" for value in os.getloadavg())
    lines = [
        f"# Lighthouse {LIGHTHOUSE_VERSION}, {stamp} UTC",
        "",
        f"Mobile emulation (Lighthouse's default), signed in; seed scale {args.scale:g}; "
        f"median of {args.runs} run(s) per page by performance; load average (1/5/15 min) "
        f"after the runs: {load} on {os.cpu_count()} CPUs.",
        "",
        *table(results),
        "",
    ]
    for result in results:
        if result.shortfalls:
            lines.append(f"- {result.label}: " + "; ".join(result.shortfalls))
    text = "\n".join(lines)
    output = RESULTS_DIR / f"lighthouse-{stamp}.md"
    output.write_text(text + "\n")
    print("\n" + text)
    print(
        f"\nWritten to {output.relative_to(PROJECT_DIR)}; JSON reports in "
        f"{REPORTS_DIR.relative_to(PROJECT_DIR)}/"
    )
    missed = [
        f"{result.label}: {', '.join(result.misses())}" for result in results if result.misses()
    ]
    if missed:
        print("\nBELOW TARGET:\n" + "\n".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
