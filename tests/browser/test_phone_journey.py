"""The journey Rebound is for, in Chromium: on a phone (375 px) right after an interview, and
again with only a keyboard.

On the phone: sign up through the emailed link, quick-add an application, schedule a phone
screen, fill its debrief, record the rejection, fill the first reflection section, and see the
reason on the dashboard. With the keyboard (page.keyboard only; elements are located only to
check where the focus is): quick add, a debrief and a reflection section.
"""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from applications.models import Application, Interview, Outcome, Stage, Status
from reflections.models import Reflection, SectionSave
from tests.browser.conftest import ARTIFACTS, LAPTOP, PHONE, log_in_tab, sideways_overflow
from tests.factories import DEFAULT_PASSWORD, ApplicationFactory, InterviewFactory, UserFactory
from workflows import services as workflows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# An element has the keyboard focus, shown: it matches :focus-visible and draws an outline or a
# focus ring (Bootstrap's is a box-shadow).
FOCUS_SHOWN = """element => element === document.activeElement && element.matches(":focus-visible")
  && (getComputedStyle(element).outlineStyle !== "none"
      || getComputedStyle(element).boxShadow !== "none")"""


def scroll_panels_into_view(page) -> None:
    """Bring each dashboard panel still loading into view until every one has arrived."""
    for _ in range(50):
        if not page.evaluate(
            """() => {
              const busy = document.querySelectorAll("[aria-busy=true]");
              if (busy.length) busy[0].scrollIntoView({block: "center"});
              return busy.length;
            }"""
        ):
            return
        page.wait_for_timeout(100)


def test_after_an_interview_on_a_phone_from_sign_up_to_the_reason_on_the_dashboard(
    page, live_server
):
    page.set_viewport_size(PHONE)

    # Sign up through the emailed link.
    page.goto("/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email address").fill("noor@example.com")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name=re.compile("Check your email", re.I))).to_be_visible()
    (message,) = mail.outbox
    finish_url = re.search(r"https?://\S+/accounts/signup/finish/\S+", message.body).group(0)
    page.goto(finish_url)
    page.get_by_label("Username").fill("noor")
    page.locator("#id_password1").fill("a-long-unusual-passphrase")
    page.locator("#id_password2").fill("a-long-unusual-passphrase")
    page.get_by_role("button", name=re.compile("Create|Sign up|Finish", re.I)).click()
    expect(page.get_by_role("heading", name="Hello, noor")).to_be_visible()
    assert sideways_overflow(page) == 0

    # Quick add.
    page.get_by_role("link", name="Add an application").first.click()
    page.get_by_label("Company").fill("Globex")
    page.get_by_label("Role").fill("Data Analyst")
    page.get_by_label("Date applied").fill(
        (timezone.localdate() - datetime.timedelta(days=9)).isoformat()
    )
    page.get_by_role("button", name="Add application").click()
    expect(page.get_by_role("heading", name="Data Analyst")).to_be_visible()
    application = Application.objects.get(user__username="noor")
    assert sideways_overflow(page) == 0

    # Schedule the phone screen, in place.
    page.get_by_role("link", name="Add an interview").click()
    form = page.locator("#history-new form")
    form.get_by_label("Stage").select_option(label="Phone screen")
    held = timezone.localtime() - datetime.timedelta(hours=2)
    form.get_by_label("Date and time").fill(held.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_role("button", name="Save the interview").click()
    interview_item = page.locator("#timeline li[id^=interview-]")
    expect(interview_item).to_contain_text("Phone screen")
    # Right after the interview, the debrief is what comes next: on screen, not screens away.
    add_debrief = interview_item.get_by_role("link", name=re.compile("Add a debrief"))
    expect(add_debrief).to_be_in_viewport()

    # Fill the debrief.
    add_debrief.click()
    debrief = interview_item.locator("form")
    debrief.get_by_label("3", exact=True).check()
    debrief.get_by_label("Questions you were asked").fill("Why do you want to work here?")
    debrief.get_by_role("button", name="Save the debrief").click()
    expect(interview_item).to_contain_text("Why do you want to work here?")
    interview = Interview.objects.get(application=application)
    assert interview.stage == Stage.PHONE_SCREEN
    assert interview.rating == 3
    assert sideways_overflow(page) == 0

    # The rejection arrives: record it, and Rebound opens the reflection.
    page.get_by_role("link", name="Record the outcome").first.click()
    outcome_form = page.locator("#history-new form")
    outcome_form.get_by_label("Result").select_option(label="Rejected")
    outcome_form.get_by_label("Reason given by the employer").fill(
        "We went with a candidate with more experience."
    )
    outcome_form.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_role("heading", name=re.compile("Reflection: Data Analyst"))).to_be_visible()
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert application.outcome.result == Outcome.Result.REJECTED
    reflection = Reflection.objects.get(application=application)
    assert sideways_overflow(page) == 0

    # The first section, on its own on the phone: it saves itself.
    section = page.locator("#reflection-section, section[id^=section-]").first
    first_key = section.locator("form").first.get_attribute("data-section")
    section.locator("form").first.get_by_label("2", exact=True).first.check()
    expect(page.locator(f"#section-status-{first_key}")).to_contain_text("Saved")
    assert SectionSave.objects.filter(reflection=reflection, section_key=first_key).exists()
    assert sideways_overflow(page) == 0

    # The reason shows on the dashboard.
    page.goto("/dashboard/")
    scroll_panels_into_view(page)
    expect(page.locator("#panel-reasons")).to_contain_text("Experience")
    assert sideways_overflow(page) == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "phone-journey-dashboard.png"), full_page=True)
    assert User.objects.get(username="noor").email == "noor@example.com"


def tab_to(page, target, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (Shift+Tab backwards) until `target` has the focus, and check the focus shows."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if target.evaluate("element => element === document.activeElement"):
            assert target.evaluate(FOCUS_SHOWN), "the focus is not visible"
            return
    raise AssertionError(f"{limit} presses of {key} never reached {target}")


def focused_is_inside(page, selector: str) -> bool:
    """Whether the focus is inside `selector`, waiting up to 2 s: the page moves it once the
    swapped content has settled, a moment after it is visible."""
    for _ in range(20):
        if page.evaluate("selector => !!document.activeElement.closest(selector)", selector):
            return True
        page.wait_for_timeout(100)
    return False


def test_quick_add_debrief_and_a_reflection_section_with_only_the_keyboard(page, live_server):
    page.set_viewport_size(LAPTOP)
    page.emulate_media(reduced_motion="reduce")
    user = UserFactory(username="kemal")
    screened = ApplicationFactory(
        user=user, role_title="Platform Engineer", status=Status.SCREENING
    )
    phone_screen = InterviewFactory(
        application=screened,
        stage=Stage.PHONE_SCREEN,
        scheduled_at=timezone.now() - datetime.timedelta(hours=3),
    )
    rejected = ApplicationFactory(user=user, role_title="Backend Engineer")
    workflows.rejection_record(application=rejected, reason="They hired internally.")
    reflection = Reflection.objects.get(application=rejected)

    log_in_tab(page, "kemal", DEFAULT_PASSWORD)

    # Quick add from home: Tab to the button, type the fields, Enter submits.
    page.goto("/")
    tab_to(page, page.get_by_role("link", name="Add an application"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Add an application")).to_be_visible()
    tab_to(page, page.get_by_label("Company"))
    page.keyboard.type("Initech")
    tab_to(page, page.get_by_label("Role"))
    page.keyboard.type("Site Reliability Engineer")
    tab_to(page, page.get_by_role("button", name="Add application"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Site Reliability Engineer")).to_be_visible()
    assert Application.objects.filter(
        user=user, role_title="Site Reliability Engineer", company__name="Initech"
    ).exists()

    # The debrief of the phone screen: open it, rate with the arrow keys, type, save.
    page.goto(screened.get_absolute_url())
    tab_to(page, page.get_by_role("link", name=re.compile("Add a debrief")))
    page.keyboard.press("Enter")
    debrief_area = f"#interview-{phone_screen.pk}-debrief"
    debrief = page.locator(f"{debrief_area} form")
    expect(debrief).to_be_visible()
    assert focused_is_inside(page, debrief_area), "after opening the debrief, focus is elsewhere"
    tab_to(page, debrief.get_by_label("1", exact=True))
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(debrief.get_by_label("4", exact=True)).to_be_checked()
    tab_to(page, debrief.get_by_label("Questions you were asked"))
    page.keyboard.type("Tell me about an outage you handled")
    tab_to(page, debrief.get_by_role("button", name="Save the debrief"))
    page.keyboard.press("Enter")
    expect(page.locator(f"#interview-{phone_screen.pk}")).to_contain_text(
        "Tell me about an outage you handled"
    )
    phone_screen.refresh_from_db()
    assert phone_screen.rating == 4
    # After the swap the focus is somewhere sensible, not lost to the page's start (the page
    # moves it once the new timeline has settled).
    assert focused_is_inside(page, "#timeline"), "after saving the debrief, focus is lost"

    # A reflection section: from home's list of reflections to finish.
    page.goto("/")
    tab_to(page, page.get_by_role("link", name=re.compile("Backend Engineer")).first)
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("heading", name=re.compile("Reflection: Backend Engineer"))
    ).to_be_visible()
    form = page.locator("form.reflection-section-form").first
    section_key = form.get_attribute("data-section")
    tab_to(page, form.get_by_label("1", exact=True).first)
    page.keyboard.press("ArrowRight")
    expect(form.get_by_label("2", exact=True).first).to_be_checked()
    tab_to(page, form.get_by_role("button", name="Save section"))
    page.keyboard.press("Space")
    expect(page.locator(f"#section-status-{section_key}")).to_contain_text("Saved")
    assert SectionSave.objects.filter(reflection=reflection, section_key=section_key).exists()
