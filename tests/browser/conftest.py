"""Playwright driving Debian's Chromium against pytest-django's live server.

Without a Chromium the browser tests are skipped with one reason, unless
REBOUND_REQUIRE_BROWSER=1 (as in .ci/run), where a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# (set-up and checks) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def pytest_collection_modifyitems(config, items):
    if find_chromium() or os.environ.get("REBOUND_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason="no Chromium at /usr/bin/chromium (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def chromium():
    executable = find_chromium()
    if executable is None:
        pytest.fail("REBOUND_REQUIRE_BROWSER=1 but no Chromium was found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, request):
    """A fresh browser tab; fails the test if the page logged a console error (e.g. CSP)."""
    context = chromium.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    console_errors: list[str] = []
    tab.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    tab.on("pageerror", lambda error: console_errors.append(str(error)))
    yield tab
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else False:
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert console_errors == [], f"browser console errors: {console_errors}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report


# The two widths every page is proven at: a small phone and a laptop.
PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
# axe-core's impacts that fail a page; "moderate" and "minor" ones are printed, not failed.
FAILING_IMPACTS = frozenset({"serious", "critical"})


def preload_axe(context) -> None:
    """Put axe-core into every page the context opens, as the page starts: cheaper than sending
    the 570 KB script again after each navigation (axe_violations does that otherwise)."""
    from axe_playwright_python.base import AXE_SCRIPT

    context.add_init_script(script=AXE_SCRIPT)


def axe_violations(tab) -> list[dict]:
    """axe-core's violations on the page as it is now (axe-playwright-python's bundled axe)."""
    if tab.evaluate("() => typeof window.axe === 'undefined'"):
        from axe_playwright_python.sync_playwright import Axe

        return Axe().run(tab).response["violations"]
    return tab.evaluate("() => axe.run({resultTypes: ['violations']})")["violations"]


def describe_violation(violation: dict) -> list[str]:
    """One line per element: rule id, impact, the element's selector and axe's summary."""
    return [
        f"{violation['id']} ({violation['impact']}) {' '.join(map(str, node['target']))}: "
        f"{node.get('failureSummary', '').splitlines()[-1].strip()}"
        for node in violation["nodes"]
    ]


def sideways_overflow(tab) -> int:
    """How many pixels the page scrolls sideways (0 when it fits the window)."""
    return tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def widest_elements(tab, count: int = 3) -> list[str]:
    """The elements that stick out furthest past the window's right edge, to say what to fix."""
    return tab.evaluate(
        """count => [...document.querySelectorAll("body *")]
          .map(e => [e, e.getBoundingClientRect().right - window.innerWidth])
          .filter(([, over]) => over > 0.5)
          .sort((a, b) => b[1] - a[1]).slice(0, count)
          .map(([e, over]) => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}`
            + `${e.classList.length ? "." + [...e.classList].join(".") : ""} (+${Math.round(over)} px)`)""",
        count,
    )


def log_in_tab(tab, username: str, password: str) -> None:
    """Sign in through the login form; the tab's context keeps the session cookie."""
    tab.goto("/accounts/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(password)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(lambda url: "/accounts/login/" not in url)


def log_in(page, username: str):
    """A new user of that name (password DEFAULT_PASSWORD), signed in through the login form."""
    from tests.factories import DEFAULT_PASSWORD, UserFactory

    user = UserFactory(username=username)
    log_in_tab(page, username, DEFAULT_PASSWORD)
    expect(page.get_by_role("link", name="+ Application")).to_be_visible()
    return user
