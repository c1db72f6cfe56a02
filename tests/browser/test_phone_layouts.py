"""The lists, the board and the application page at 375 px: nothing scrolls sideways, the
status in a list row is visible and changeable, the board shows one column at a time."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Application, Status
from tests.factories import (
    DEFAULT_PASSWORD,
    ActionItemFactory,
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
LONG_COMPANY = "Internationale Versicherungsgesellschaft Rückversicherung Aktiengesellschaft"
LONG_ROLE = "Senior Principal Staff Software Engineering Manager, Platform Infrastructure"


@pytest.fixture
def user(db):
    return UserFactory(username="phoebe")


@pytest.fixture
def seeded(user):
    """Twenty applications with long names, contacts and companies with long details."""
    for n in range(20):
        company = CompanyFactory(
            user=user,
            name=f"{LONG_COMPANY} {n}",
            website=f"https://careers.{n}.very-long-subdomain-of-an-employer.example.com/jobs",
        )
        ApplicationFactory(
            user=user,
            company=company,
            role_title=f"{LONG_ROLE} {n}",
            status=list(Status)[n % len(Status)],
        )
        ContactFactory(
            user=user,
            company=company,
            name=f"Maximiliane Alexandra Konstantinopoulou-Schwarzenberger {n}",
            email=f"maximiliane.konstantinopoulou-schwarzenberger.{n}@recruiting.example.com",
            phone="+49 30 1234 5678 90",
            profile_url="https://www.linkedin.com/in/maximiliane-konstantinopoulou",
        )
    ActionItemFactory(
        user=user,
        title="Read https://engineering.example.com/blog/2025/designing-data-intensive-systems-part-4",
    )
    return user


def log_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name=f"Hello, {user.username}")).to_be_visible()


def sideways_overflow(page) -> int:
    """How many pixels the page scrolls sideways (0 when it does not)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


# The width the selected option's text needs in its select (with the select's padding, which
# holds the arrow), and the width the select has.
SELECT_FIT = """(select) => {
  const style = getComputedStyle(select);
  const context = document.createElement("canvas").getContext("2d");
  context.font = style.font;
  const text = select.options[select.selectedIndex].text;
  const needed = context.measureText(text).width + parseFloat(style.paddingLeft)
    + parseFloat(style.paddingRight);
  return {needed: needed, width: select.clientWidth, text: text};
}"""


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375", "1280"])
@pytest.mark.parametrize(
    "path",
    ["/applications/", "/contacts/", "/companies/", "/applications/board/", "/actions/", "detail"],
)
def test_lists_board_and_application_page_do_not_scroll_sideways(page, seeded, viewport, path):
    if path == "detail":
        application = Application.objects.filter(user=seeded).first()
        path = f"/applications/{application.pk}/"
    page.set_viewport_size(viewport)
    log_in(page, seeded)
    page.goto(path)
    assert sideways_overflow(page) <= 0


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["375", "1280"])
def test_the_status_select_of_a_list_row_shows_its_status_and_changes_it(page, seeded, viewport):
    page.set_viewport_size(viewport)
    log_in(page, seeded)
    application = Application.objects.get(role_title=f"{LONG_ROLE} 0")
    page.goto("/applications/?sort=oldest")
    select = page.locator(f"#status-{application.pk}")
    expect(select).to_be_visible()
    fit = select.evaluate(SELECT_FIT)
    assert fit["text"] == application.get_status_display()
    assert fit["width"] >= fit["needed"], fit
    # Every status fits, the longest too.
    select.select_option(label="No response")
    fit = select.evaluate(SELECT_FIT)
    assert fit["width"] >= fit["needed"], fit

    select.select_option(label="Interviewing")
    page.locator(f"#status-save-{application.pk}").click()
    expect(page.locator(f"#application-{application.pk}")).to_contain_text("Moved")
    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING
    expect(page.locator(f"#status-{application.pk}")).to_have_value(Status.INTERVIEWING)
    assert sideways_overflow(page) <= 0


def test_on_a_phone_the_filters_fold_behind_a_toggle_that_counts_them(page, seeded):
    page.set_viewport_size(PHONE)
    log_in(page, seeded)
    page.goto("/applications/")
    status_filter = page.get_by_label("Status", exact=True)
    toggle = page.locator("#filters-toggle")
    expect(page.get_by_label("Search")).to_be_visible()
    expect(status_filter).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    # The first screen shows applications, not only filters.
    first_row = page.locator("#results tbody tr").first
    assert first_row.bounding_box()["y"] < PHONE["height"]

    toggle.click()
    expect(status_filter).to_be_visible()
    status_filter.select_option(label="Applied")
    expect(toggle).to_contain_text("1 active")
    page.wait_for_url(re.compile(r"status=applied"))

    # Opened with a filter on, the box is open and says so.
    page.goto("/applications/?status=applied&source=referral")
    expect(status_filter).to_be_visible()
    expect(toggle).to_contain_text("2 active")
    expect(toggle).to_have_attribute("aria-expanded", "true")


def test_on_a_wide_screen_the_filters_are_open(page, seeded):
    page.set_viewport_size(LAPTOP)
    log_in(page, seeded)
    page.goto("/applications/")
    expect(page.get_by_label("Status", exact=True)).to_be_visible()
    expect(page.locator("#filters-toggle")).to_be_hidden()


def test_on_a_phone_the_board_shows_one_column_picked_by_keyboard(page, seeded):
    page.set_viewport_size(PHONE)
    log_in(page, seeded)
    page.goto("/applications/board/")
    visible = page.locator("section.board-column:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_have_attribute("aria-labelledby", "column-wishlist")

    switcher = page.get_by_role("navigation", name="Board columns")
    rejected = switcher.get_by_role("link", name=re.compile(r"^Rejected"))
    expect(rejected).to_contain_text("2")  # 20 applications over 9 statuses
    rejected.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"column=rejected"))
    expect(visible).to_have_count(1)
    expect(visible).to_have_attribute("aria-labelledby", "column-rejected")
    expect(switcher.get_by_role("link", name=re.compile(r"^Rejected"))).to_have_attribute(
        "aria-current", "true"
    )
    assert sideways_overflow(page) <= 0


def test_on_a_wide_screen_the_board_shows_every_column(page, seeded):
    page.set_viewport_size(LAPTOP)
    log_in(page, seeded)
    page.goto("/applications/board/?column=rejected")
    expect(page.locator("section.board-column:visible")).to_have_count(len(Status))
    expect(page.get_by_role("navigation", name="Board columns")).to_be_hidden()


def test_after_saving_an_interview_on_a_phone_it_and_its_debrief_are_in_view(page, user):
    application = ApplicationFactory(
        user=user,
        role_title=LONG_ROLE,
        company=CompanyFactory(user=user, name=LONG_COMPANY),
        notes="A long note.\n" * 40,
        requirements="\n".join(f"Skill {n}" for n in range(15)),
    )
    page.set_viewport_size(PHONE)
    log_in(page, user)
    page.goto(f"/applications/{application.pk}/")
    next_step = page.locator("#next-action")
    expect(next_step.get_by_role("link", name="Schedule an interview")).to_be_in_viewport()

    next_step.get_by_role("link", name="Schedule an interview").click()
    form = page.locator("#history-new form")
    expect(form).to_be_in_viewport()
    held = timezone.localtime() - datetime.timedelta(hours=3)
    form.get_by_label("Date and time").fill(held.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_role("button", name="Save the interview").click()

    added = page.locator("#timeline li.just-added")
    expect(added).to_contain_text("Just added")
    expect(added).to_be_focused()
    expect(added.get_by_role("link", name="Add the debrief")).to_be_in_viewport()
    # The next step at the top follows: now the debrief.
    expect(next_step.get_by_role("link", name="Add the debrief")).to_have_count(1)
    assert sideways_overflow(page) <= 0
