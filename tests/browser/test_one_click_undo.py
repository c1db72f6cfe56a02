"""One-click changes in a real browser: each shows its notice with Undo in place, Undo puts
things back, a double click acts once, and the action items' counts follow at once."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Application, Outcome, Status
from reflections.models import ActionItem
from tests.browser.conftest import log_in
from tests.factories import ActionItemFactory, ApplicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def quiet_application(user, company: str, role: str) -> Application:
    return ApplicationFactory(
        user=user,
        company__user=user,
        company__name=company,
        role_title=role,
        date_applied=timezone.localdate() - datetime.timedelta(days=30),
    )


def count_htmx_requests(page) -> None:
    """Count the requests htmx sends (in the click's own handler, so the count is exact as soon
    as the click returns) and those still running, on <body> where `expect` can wait for them."""
    page.evaluate(
        """() => {
            const body = document.body;
            body.dataset.sent = "0";
            body.dataset.running = "0";
            document.addEventListener("htmx:beforeRequest", () => {
                body.dataset.sent = String(Number(body.dataset.sent) + 1);
                body.dataset.running = String(Number(body.dataset.running) + 1);
            });
            document.addEventListener("htmx:afterRequest", () => {
                body.dataset.running = String(Number(body.dataset.running) - 1);
            });
        }"""
    )


def wait_for_htmx_requests(page) -> None:
    expect(page.locator("body")).to_have_attribute("data-running", "0")


def test_no_response_on_home_shows_undo_in_the_row_and_undo_restores_it(page):
    user = log_in(page, "nina")
    application = quiet_application(user, "Acme", "Analyst")
    page.goto("/")
    page.evaluate("window.__sameDocument = true")
    row = page.locator(f"#no-news-{application.pk}")

    row.get_by_role("button", name="Mark as no response").click()

    notice = row.get_by_role("status")
    expect(notice).to_contain_text("Marked Analyst at Acme as no response.")
    application.refresh_from_db()
    assert application.status == Status.NO_RESPONSE

    row.get_by_role("button", name="Undo").click()

    expect(row.get_by_role("button", name="Mark as no response")).to_be_visible()
    expect(page.locator("#messages")).to_contain_text("Undone: Analyst at Acme is Applied again.")
    assert page.evaluate("window.__sameDocument") is True
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not Outcome.objects.filter(application=application).exists()


def test_double_clicking_mark_as_no_response_marks_exactly_one_application(page):
    user = log_in(page, "omar")
    earlier = quiet_application(user, "Hooli", "Tester")
    quiet_application(user, "Acme", "Analyst")
    quiet_application(user, "Globex", "Engineer")
    page.goto("/")
    count_htmx_requests(page)
    rows = page.locator("#no-news-heading + ul > li")
    mark = page.get_by_role("button", name="Mark as no response")
    # One marked a moment ago, so what it showed is on the page as the user goes on.
    rows.filter(has_text=str(earlier)).get_by_role("button").click()
    expect(page.locator("main")).to_contain_text(f"Marked {earlier} as no response.")
    wait_for_htmx_requests(page)
    # The first of the two rows left.
    row = rows.filter(has=mark).first
    clicked = row.get_by_role("link").inner_text()
    box = row.get_by_role("button").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    # A double click whose second click comes after the answer has been swapped in, as on a
    # fast connection: the browser reports it as the second click of two (detail 2).
    page.mouse.click(x, y)
    expect(page.locator("main")).to_contain_text(f"Marked {clicked} as no response.")
    page.mouse.down(click_count=2)
    page.mouse.up(click_count=2)
    wait_for_htmx_requests(page)

    expect(page.locator("body")).to_have_attribute("data-sent", "2")
    marked = Application.objects.filter(status=Status.NO_RESPONSE).select_related("company")
    assert sorted(str(application) for application in marked) == sorted([str(earlier), clicked])
    expect(mark).to_have_count(1)


def test_status_change_from_a_list_row_and_its_undo(page):
    user = log_in(page, "pia")
    application = quiet_application(user, "Initech", "Designer")
    page.goto("/applications/")
    row = page.locator(f"#application-{application.pk}")

    row.get_by_label("Status of Designer at Initech").select_option(label="Interviewing")
    row.get_by_role("button", name="Set status of Designer at Initech").click()

    expect(row.get_by_role("status")).to_contain_text("Moved Designer at Initech to Interviewing.")
    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING

    row.get_by_role("button", name="Undo").click()

    expect(row.get_by_label("Status of Designer at Initech")).to_have_value(Status.APPLIED)
    expect(row.get_by_role("status")).to_have_count(0)
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert list(application.status_changes.values_list("to_status", flat=True)) == ["applied"]


def test_marking_an_action_item_done_updates_the_tab_counts_at_once_and_undo(page):
    user = log_in(page, "quinn")
    item = ActionItemFactory(user=user, title="Learn SQL")
    ActionItemFactory.create_batch(2, user=user)
    page.goto("/actions/")
    page.evaluate("window.__sameDocument = true")
    tabs = page.get_by_role("navigation", name="Which action items to show")
    expect(tabs.get_by_role("link", name="Open")).to_have_text("Open 3")
    expect(tabs.get_by_role("link", name="Done")).to_have_text("Done 0")

    page.get_by_role("button", name="Mark ‘Learn SQL’ done").click()

    expect(tabs.get_by_role("link", name="Open")).to_have_text("Open 2")
    expect(tabs.get_by_role("link", name="Done")).to_have_text("Done 1")
    entry = page.locator(f"#action-item-{item.pk}")
    expect(entry.get_by_role("status")).to_contain_text("Marked “Learn SQL” done.")

    entry.get_by_role("button", name="Undo").click()

    expect(tabs.get_by_role("link", name="Open")).to_have_text("Open 3")
    expect(tabs.get_by_role("link", name="Done")).to_have_text("Done 0")
    assert page.evaluate("window.__sameDocument") is True
    assert not ActionItem.objects.get(pk=item.pk).is_done
