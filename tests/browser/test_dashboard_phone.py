"""The dashboard on a phone and on a laptop: the table of contents, one history entry per filter
change, the scroll position kept across "open a number, then Back", and no sideways scroll."""

import pytest
from playwright.sync_api import expect

from portability.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


def log_in_to_demo(page) -> None:
    demo_seed()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(DEMO_USERNAME)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url("/accounts/login/")


def load_every_panel(page) -> None:
    page.evaluate(
        "document.querySelectorAll('.dashboard-panel-placeholder')"
        ".forEach(panel => htmx.trigger(panel, 'panel-load-now'))"
    )
    expect(page.locator(".dashboard-panel-placeholder")).to_have_count(0)


def scroll_y(page) -> float:
    return page.evaluate("window.scrollY")


def settled_scroll_y(page) -> float:
    """The scroll position once it stops moving (Bootstrap makes scrolling smooth)."""
    previous = scroll_y(page)
    for _ in range(40):
        page.wait_for_timeout(150)
        current = scroll_y(page)
        if current == previous:
            return current
        previous = current
    return previous


def test_phone_table_of_contents_jumps_to_a_panel(page, live_server):
    log_in_to_demo(page)
    page.set_viewport_size(PHONE)
    page.goto("/dashboard/")
    entries = page.evaluate("history.length")
    toc = page.get_by_role("navigation", name="Dashboard panels")
    toc.get_by_role("link", name="Practice").click()
    panel = page.locator("#panel-practice")
    # The panel below the fold loads when it comes into view, and keeps the focus.
    expect(panel).not_to_have_class("dashboard-panel-placeholder", timeout=5000)
    expect(panel.locator(".placeholder-glow")).to_have_count(0)
    expect(page.locator("#panel-practice-title")).to_be_focused()
    assert settled_scroll_y(page) > 3000
    top = panel.evaluate("element => element.getBoundingClientRect().top")
    assert -5 <= top <= 60, top
    # The jump adds no history entry: the table of contents is not a page of its own.
    assert page.evaluate("history.length") == entries


def test_toc_is_reachable_by_keyboard(page, live_server):
    log_in_to_demo(page)
    page.set_viewport_size(PHONE)
    page.goto("/dashboard/")
    expect(page.locator("#panel-funnel .placeholder-glow")).to_have_count(0)
    page.locator(".dashboard-toc-link").first.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Why you get rejected")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#panel-reasons-title")).to_be_focused()
    # The panel arrived after the jump, and its heading has the focus.
    expect(page.locator("#panel-reasons .placeholder-glow")).to_have_count(0)
    expect(page.locator("#panel-reasons-title")).to_be_focused()


def test_one_back_after_one_filter_change_returns_to_the_unfiltered_dashboard(page, live_server):
    log_in_to_demo(page)
    page.goto("/dashboard/")
    page.get_by_label("Source").select_option(label="Referral")
    expect(page).to_have_url(f"{live_server.url}/dashboard/?source=referral")
    expect(page.locator("#panel-funnel .placeholder-glow")).to_have_count(0)
    # "Apply filters" after the change asks for the same address: no second entry.
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#panel-funnel .placeholder-glow")).to_have_count(0)
    page.wait_for_timeout(300)
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    expect(page.get_by_label("Source")).to_have_value("")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375", "1280"])
def test_back_from_a_number_restores_the_scroll_position(page, live_server, viewport):
    log_in_to_demo(page)
    page.set_viewport_size(viewport)
    page.goto("/dashboard/")
    load_every_panel(page)
    number = page.locator("#panel-sources a[href^='/dashboard/applications/']").first
    number.scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)
    before = settled_scroll_y(page)
    assert before > 1000
    number.click()
    expect(page.locator("#drill-down-number")).to_be_visible()
    page.go_back()
    expect(page.locator(".dashboard-panel-placeholder")).to_have_count(0)
    after = settled_scroll_y(page)
    assert abs(after - before) <= 50, (after, before)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375", "1280"])
def test_dashboard_and_a_drill_down_list_never_scroll_sideways(page, live_server, viewport):
    log_in_to_demo(page)
    page.set_viewport_size(viewport)
    page.goto("/dashboard/")
    load_every_panel(page)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
    page.locator("#dashboard-summary a[href^='/dashboard/applications/']").first.click()
    expect(page.locator("#drill-down-number")).to_be_visible()
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], widths
