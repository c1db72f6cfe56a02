import pytest
from playwright.sync_api import expect

from applications.models import Application
from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import ApplicationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scroll_to_sources(page) -> None:
    """Bring the sources panel into view (it loads then), whichever element holds the id now."""
    page.wait_for_selector("#panel-sources")
    page.evaluate("document.getElementById('panel-sources').scrollIntoView()")


def test_filter_updates_panels_in_place_and_back_restores(page, live_server):
    log_in(page, "gita")
    gita = UserFactory(username="gita")
    ApplicationFactory.create_batch(3, user=gita, source=Application.Source.REFERRAL)
    ApplicationFactory.create_batch(2, user=gita, source=Application.Source.JOB_BOARD)

    page.goto("/dashboard/")
    sources = page.locator("#panel-sources")
    # Panels below the first screen load as they come into view.
    scroll_to_sources(page)
    expect(sources).to_contain_text("Referral")
    expect(sources).to_contain_text("Job board")
    page.evaluate("window.__sameDocument = true")

    page.get_by_label("Source").select_option(label="Referral")
    expect(page).to_have_url(f"{live_server.url}/dashboard/?source=referral")
    scroll_to_sources(page)
    expect(page.locator("#panel-sources")).not_to_contain_text("Job board")
    expect(page.locator("#panel-sources")).to_contain_text("Referral")
    assert page.evaluate("window.__sameDocument") is True  # no full page load

    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/dashboard/")
    scroll_to_sources(page)
    expect(page.locator("#panel-sources")).to_contain_text("Job board")
    expect(page.get_by_label("Source")).to_have_value("")

    page.go_forward()
    expect(page).to_have_url(f"{live_server.url}/dashboard/?source=referral")
    scroll_to_sources(page)
    expect(page.locator("#panel-sources")).not_to_contain_text("Job board")
    expect(page.get_by_label("Source")).to_have_value("referral")

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
