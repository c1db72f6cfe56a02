"""The shell every page shares, in Chromium: the navigation fits at any width with any username
and works from the keyboard, and a failed htmx request (server error or offline) says so."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

USERNAME_30 = "jordan.alexander-whitfield2024"
USERNAME_150 = "a-very-long-username-" + "x" * 129


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.fixture
def tab_expecting_request_errors(chromium, live_server):
    """A tab like `page`, where the console errors a failed request logs are expected (Chromium
    reports the failed load, htmx logs the error event); any other console error still fails."""
    context = chromium.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    tab = context.new_page()
    console_errors: list[str] = []
    tab.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    tab.on("pageerror", lambda error: console_errors.append(str(error)))
    yield tab
    context.close()
    expected = re.compile(r"status of 500|ERR_INTERNET_DISCONNECTED|Response Status Error|htmx:")
    assert [error for error in console_errors if not expected.search(error)] == []


@pytest.mark.parametrize("width", [1280, 375])
def test_nothing_scrolls_sideways_and_log_out_is_in_the_account_menu(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, USERNAME_30)
    assert not scrolls_sideways(page)

    if width < 992:
        page.get_by_role("button", name="Toggle navigation").click()
    account = page.get_by_role("button", name=f"Account: {USERNAME_30}")
    expect(account).to_have_attribute("title", USERNAME_30)
    account.click()
    log_out = page.get_by_role("button", name="Log out")
    expect(log_out).to_be_in_viewport()
    assert not scrolls_sideways(page)
    log_out.click()
    expect(page.get_by_label("Username")).to_be_visible()


def test_a_150_character_username_fits_at_every_width(page):
    log_in(page, USERNAME_150)
    for width in [320, 375, 768, 991, 992, 1280, 1920]:
        page.set_viewport_size({"width": width, "height": 800})
        assert not scrolls_sideways(page), f"the page scrolls sideways at {width} px"
        expect(page.get_by_role("link", name="+ Application")).to_be_in_viewport()
        if width >= 992:
            account = page.get_by_role("button", name=f"Account: {USERNAME_150}")
            expect(account).to_be_in_viewport(ratio=1)


def test_the_navigation_works_from_the_keyboard(page):
    log_in(page, "kim")
    track = page.get_by_role("button", name="Track")
    for _ in range(10):
        page.keyboard.press("Tab")
        if track.evaluate("element => element === document.activeElement"):
            break
    expect(track).to_be_focused()

    page.keyboard.press("Enter")
    expect(track).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    applications = page.get_by_role("link", name="Applications", exact=True)
    expect(applications).to_be_focused()
    page.keyboard.press("Escape")
    expect(track).to_have_attribute("aria-expanded", "false")
    expect(track).to_be_focused()

    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(reverse("application_list")) + "$"))
    expect(
        page.get_by_role("link", name="Applications", exact=True, include_hidden=True)
    ).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("button", name="Track")).to_have_class(re.compile(r"\bactive\b"))


def open_the_interview_form(tab):
    user = log_in(tab, "lee")
    application = ApplicationFactory(user=user)
    tab.goto(application.get_absolute_url())
    tab.get_by_role("link", name="Add an interview").click()
    form = tab.locator("#history-new form")
    form.get_by_label("Stage").select_option(label="Technical")
    held = timezone.localtime() - datetime.timedelta(days=2)
    form.get_by_label("Date and time").fill(held.strftime("%Y-%m-%dT%H:%M"))
    return form


def test_a_server_error_on_save_says_so_and_the_button_works_again(tab_expecting_request_errors):
    tab = tab_expecting_request_errors
    form = open_the_interview_form(tab)
    held_requests = []
    tab.route(
        "**/*",
        lambda route: (
            held_requests.append(route)
            if route.request.headers.get("hx-request") == "true"
            else route.fallback()
        ),
    )
    save = form.get_by_role("button", name="Save the interview")
    save.click()

    # While the request runs: the button cannot send it twice and the progress bar shows.
    expect(save).to_be_disabled()
    expect(tab.locator("html")).to_have_class(re.compile(r"\brequests-running\b"))
    assert len(held_requests) == 1
    held_requests[0].fulfill(status=500, content_type="text/html", body="<h1>Server Error</h1>")

    messages = tab.locator("#messages")
    expect(messages).to_contain_text("Could not save: the server had a problem")
    expect(messages).to_contain_text("Nothing was lost; try again.")
    expect(save).to_be_enabled()
    expect(tab.locator("html")).not_to_have_class(re.compile(r"\brequests-running\b"))
    # What was typed is still there to send again.
    expect(form.get_by_label("Stage")).to_have_value("technical")


def test_saving_while_offline_says_so(tab_expecting_request_errors):
    tab = tab_expecting_request_errors
    form = open_the_interview_form(tab)
    tab.context.set_offline(True)
    save = form.get_by_role("button", name="Save the interview")
    save.click()
    expect(tab.locator("#messages")).to_contain_text("You seem to be offline")
    expect(save).to_be_enabled()

    # Back online, the same form saves and the message region is replaced by the answer's.
    tab.context.set_offline(False)
    save.click()
    expect(tab.locator("#timeline li[id^=interview-]")).to_contain_text("Technical")
    expect(tab.locator("#messages")).not_to_contain_text("You seem to be offline")
