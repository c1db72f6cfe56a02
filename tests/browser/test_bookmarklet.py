"""The "Save to Rebound" bookmarklet, run on a job posting's page, lands on quick add filled in
from the posting, and nothing is saved until the person submits."""

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from applications.models import Application, Company
from tests.browser.conftest import log_in
from tests.factories import CompanyFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POSTING_URL = "https://boards.greenhouse.io/acme/jobs/4012345"
POSTING_PAGE = """<!doctype html><html><head><title>Backend Engineer - Acme | Greenhouse</title>
</head><body><h1>Backend Engineer</h1><p>Acme is hiring.</p></body></html>"""


def bookmarklet_code(page) -> str:
    """The code of the bookmark as the settings page offers it (what a browser runs when the
    bookmark is clicked: the address without its scheme, percent-decoded)."""
    page.goto("/accounts/settings/")
    href = page.get_by_role("link", name="Save to Rebound").get_attribute("href")
    assert href.startswith("javascript:")
    return unquote(href.removeprefix("javascript:"))


def open_the_posting(page) -> None:
    """A local stand-in for the job site: the posting's address answers with a test page."""
    page.route(
        "https://boards.greenhouse.io/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=POSTING_PAGE),
    )
    page.goto(POSTING_URL)
    expect(page).to_have_title("Backend Engineer - Acme | Greenhouse")


def expect_prefilled_quick_add(tab) -> None:
    expect(tab.get_by_role("heading", name="Add an application")).to_be_visible()
    expect(tab.get_by_label("Company")).to_have_value("Acme")
    expect(tab.get_by_label("Role")).to_have_value("Backend Engineer")
    expect(tab.get_by_label("Job posting URL")).to_have_value(POSTING_URL)


def test_the_bookmarklet_opens_a_prefilled_quick_add_in_a_new_tab(page, live_server):
    log_in(page, "erin")
    code = bookmarklet_code(page)
    open_the_posting(page)

    with page.expect_popup() as popup:
        page.evaluate(code)
    quick_add = popup.value
    quick_add.wait_for_load_state()
    assert quick_add.url.startswith(f"{live_server.url}/applications/new/?url=")
    expect_prefilled_quick_add(quick_add)
    assert page.url == POSTING_URL  # the posting stays open in its own tab
    assert not Application.objects.exists()
    assert not Company.objects.exists()

    # Saving is the person's own submit.
    quick_add.get_by_role("button", name="Add application").click()
    expect(quick_add.get_by_role("heading", name="Backend Engineer")).to_be_visible()
    application = Application.objects.get()
    assert (application.company.name, application.posting_url) == ("Acme", POSTING_URL)


def test_with_pop_ups_blocked_the_bookmarklet_opens_quick_add_in_the_same_tab(page, live_server):
    log_in(page, "erin")
    CompanyFactory(user=UserFactory(username="erin"), name="ACME")
    code = bookmarklet_code(page)
    open_the_posting(page)
    page.evaluate("window.open = function () { return null; }")

    page.evaluate(code)
    page.wait_for_url(f"{live_server.url}/applications/new/?**")
    expect(page.get_by_label("Company")).to_have_value("ACME")  # the spelling the user has
    expect(page.get_by_label("Role")).to_have_value("Backend Engineer")
    assert not Application.objects.exists()


def open_a_page(page, url: str, title_script: str) -> None:
    """A page at `url` whose title a script sets (so it can hold what HTML would not)."""
    body = "<!doctype html><html><head><title>x</title></head><body><h1>Job</h1></body></html>"
    page.route(
        "https://jobs.example.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=body),
    )
    page.goto(url)
    page.evaluate(title_script)


def run_in_the_same_tab(page, code: str, live_server) -> None:
    page.evaluate("window.open = function () { return null; }")
    page.evaluate(code)
    page.wait_for_url(f"{live_server.url}/applications/new/?**")
    expect(page.get_by_role("heading", name="Add an application")).to_be_visible()


def test_a_title_with_an_emoji_at_the_cut_is_sent_whole(page, live_server):
    log_in(page, "gale")
    code = bookmarklet_code(page)
    url = "https://jobs.example.com/roles/42"
    # 999 letters, then an emoji: cutting at 1,000 UTF-16 units would split it in half.
    open_a_page(page, url, r"document.title = 'a'.repeat(999) + '\u{1F600}' + ' and more'")

    run_in_the_same_tab(page, code, live_server)
    expect(page.get_by_label("Job posting URL")).to_have_value(url)
    sent_title = page.evaluate("new URLSearchParams(location.search).get('title')")
    assert sent_title == "a" * 999 + "\U0001f600"


def test_a_title_the_browser_cannot_encode_is_left_out(page, live_server):
    log_in(page, "gale")
    code = bookmarklet_code(page)
    url = "https://jobs.example.com/roles/43"
    open_a_page(page, url, r"document.title = 'Engineer \uD800 at Acme'")

    run_in_the_same_tab(page, code, live_server)
    expect(page.get_by_label("Job posting URL")).to_have_value(url)
    assert page.evaluate("new URLSearchParams(location.search).get('title')") is None


def test_an_address_too_long_for_quick_add_is_sent_without_its_query_string(page, live_server):
    log_in(page, "gale")
    code = bookmarklet_code(page)
    url = "https://jobs.example.com/roles/44?utm_source=" + "x" * 1200
    open_a_page(page, url, "document.title = 'Engineer at Acme'")

    run_in_the_same_tab(page, code, live_server)
    expect(page.get_by_label("Job posting URL")).to_have_value("https://jobs.example.com/roles/44")


def test_typing_a_company_offers_the_users_matching_names(page):
    log_in(page, "erin")
    erin = UserFactory(username="erin")
    for name in ["Globex", "Globe Trotters", "Initech"]:
        CompanyFactory(user=erin, name=name)
    CompanyFactory(user=UserFactory(username="frank"), name="Global Frank")
    page.goto("/applications/new/")
    page.get_by_label("Company").press_sequentially("glob")
    options = page.locator("#company-names option")
    expect(options).to_have_count(2)
    assert sorted(options.evaluate_all("os => os.map(o => o.value)")) == [
        "Globe Trotters",
        "Globex",
    ]
