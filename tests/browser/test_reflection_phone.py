"""The reflection on a phone, right after the interview: one section at a time, Next and
Previous that keep what was typed, focus on the new section's heading, nothing sideways."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from reflections.models import ReflectionAnswer
from reflections.services import reflection_draft_for_rejection
from tests.browser.conftest import (
    ARTIFACTS,
    FAILING_IMPACTS,
    axe_violations,
    describe_violation,
    log_in,
)
from tests.factories import ApplicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
TYPED = "Explained the migration clearly\nGood rapport with the lead"


def sideways(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def heading(page, title: str):
    return page.get_by_role("heading", name=title, level=2)


def test_typing_then_next_keeps_the_text_through_previous_and_a_reload(page):
    page.set_viewport_size(PHONE)
    log_in(page, "noor")
    application = ApplicationFactory(user=User.objects.get(username="noor"))
    reflection = reflection_draft_for_rejection(application=application)
    page.goto(reflection.get_absolute_url())

    # How long it takes, and where the user is, before anything else.
    expect(page.get_by_text("11 sections · about 35 minutes · 0 done")).to_be_visible()
    expect(page.get_by_text("Section 1 of 11", exact=True)).to_be_visible()
    expect(heading(page, "1. Perspective")).to_be_visible()
    assert sideways(page) <= 0

    # Section 1: answer, and press Next at once (no waiting for the save as you type).
    page.locator("#section-perspective").get_by_role("radio", name="2").check()
    page.get_by_role("button", name="Next: What went well").click()
    expect(heading(page, "2. What went well")).to_be_focused()
    expect(page.get_by_text("Section 2 of 11", exact=True)).to_be_visible()
    assert page.url.endswith("?section=strengths")
    assert sideways(page) <= 0

    # Section 2: type, then Next straight away.
    went_well = page.locator("#section-strengths").get_by_role("textbox").first
    went_well.fill(TYPED)
    page.get_by_role("button", name="Next: Fit").click()
    expect(heading(page, "3. Fit")).to_be_focused()
    expect(page.locator("#messages")).to_contain_text("Section 3 of 11: Fit.")
    expect(page.get_by_text("11 sections · about 35 minutes · 2 done")).to_be_visible()

    # Previous (from the keyboard): the text is still there.
    page.get_by_role("button", name="Previous: What went well").focus()
    page.keyboard.press("Enter")
    expect(heading(page, "2. What went well")).to_be_focused()
    expect(page.locator("#section-strengths").get_by_role("textbox").first).to_have_value(TYPED)
    assert page.url.endswith("?section=strengths")

    # A reload of the section's address: still there, and section 1's answer too.
    page.reload()
    expect(heading(page, "2. What went well")).to_be_visible()
    expect(page.locator("#section-strengths").get_by_role("textbox").first).to_have_value(TYPED)
    page.get_by_role("button", name="Previous: Perspective").click()
    expect(heading(page, "1. Perspective")).to_be_focused()
    expect(page.locator("#section-perspective").get_by_role("radio", name="2")).to_be_checked()
    assert ReflectionAnswer.objects.get(item_key="went_well").text.replace("\r\n", "\n") == TYPED

    # Back in the browser goes to the section before, as a whole page.
    page.go_back()
    expect(heading(page, "2. What went well")).to_be_visible()
    assert sideways(page) <= 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reflection_phone.png"), full_page=True)


def test_a_section_picked_from_the_list_saves_what_was_typed_first(page):
    page.set_viewport_size(PHONE)
    log_in(page, "ines")
    application = ApplicationFactory(user=User.objects.get(username="ines"))
    reflection = reflection_draft_for_rejection(application=application)
    page.goto(f"{reflection.get_absolute_url()}?section=fit")

    page.locator("#section-fit").get_by_label(
        "Concerns about the culture or the scope of the role"
    ).fill("Lots of on-call")
    page.get_by_text("Section 3 of 11", exact=True).click()  # opens the list of sections
    failing = [v for v in axe_violations(page) if v["impact"] in FAILING_IMPACTS]
    assert not failing, "\n".join(map(describe_violation, failing))
    page.get_by_role("link", name="6. Preparation").click()
    expect(heading(page, "6. Preparation")).to_be_focused()
    assert sideways(page) <= 0
    page.get_by_text("Section 6 of 11", exact=True).click()
    expect(page.locator("#section-state-fit")).to_contain_text("Saved")
    page.get_by_role("link", name="3. Fit").click()
    expect(
        page.locator("#section-fit").get_by_label(
            "Concerns about the culture or the scope of the role"
        )
    ).to_have_value("Lots of on-call")


def test_text_typed_just_before_browser_back_is_saved(page):
    """Back inside the reflection swaps the page in the same document: the pending save as you
    type would be dropped with its form, so the page sends it on the way out."""
    page.set_viewport_size(PHONE)
    log_in(page, "noor")
    application = ApplicationFactory(user=User.objects.get(username="noor"))
    reflection = reflection_draft_for_rejection(application=application)
    page.goto(reflection.get_absolute_url())
    page.get_by_role("button", name="Next: What went well").click()
    expect(heading(page, "2. What went well")).to_be_focused()

    # Type, and go Back at once: no blur, no wait for the save as you type.
    page.locator("#section-strengths").get_by_role("textbox").first.press_sequentially("Calm")
    page.go_back()
    expect(heading(page, "1. Perspective")).to_be_visible()

    def saved() -> str:
        answer = ReflectionAnswer.objects.filter(
            reflection=reflection, item_key="went_well"
        ).first()
        return answer.text if answer else ""

    for _ in range(50):
        if saved() == "Calm":
            break
        page.wait_for_timeout(100)
    assert saved() == "Calm"
