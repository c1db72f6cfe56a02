import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Application, Interview, Outcome
from tests.browser.conftest import (
    ARTIFACTS,
    log_in,  # noqa: E402
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_quick_add_interview_debrief_rejection_all_on_the_timeline(page):
    log_in(page, "erin")

    # Quick add: four fields, one submit.
    page.get_by_role("link", name="+ Application").click()
    page.get_by_label("Company").fill("Globex")
    page.get_by_label("Role").fill("Data Analyst")
    page.get_by_label("Job posting URL").fill("https://jobs.example.com/42")
    applied = timezone.localdate() - datetime.timedelta(days=14)
    page.get_by_label("Date applied").fill(applied.isoformat())
    page.get_by_role("button", name="Add application").click()
    expect(page.get_by_role("heading", name="Data Analyst")).to_be_visible()
    application = Application.objects.get(role_title="Data Analyst")
    assert page.url.endswith(f"/applications/{application.pk}/")

    # Schedule an interview in place (htmx): the page does not reload.
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="Add an interview").click()
    form = page.locator("#history-new form")
    form.get_by_label("Stage").select_option(label="Technical")
    held = timezone.localtime() - datetime.timedelta(days=2)
    form.get_by_label("Date and time").fill(held.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_role("button", name="Save the interview").click()
    interview_item = page.locator("#timeline li[id^=interview-]")
    expect(interview_item).to_contain_text("Technical")

    # Fill its debrief in place.
    interview_item.get_by_role("link", name="Add a debrief").click()
    debrief = interview_item.locator("form")
    debrief.get_by_label("4").check()
    debrief.get_by_label("Questions you were asked").fill("Walk me through a SQL join")
    debrief.get_by_role("button", name="Save the debrief").click()
    expect(interview_item).to_contain_text("Walk me through a SQL join")
    assert page.evaluate("window.__sameDocument") is True
    interview = Interview.objects.get()
    assert interview.rating == 4

    # Record the rejection: Rebound takes the user to the draft reflection.
    page.get_by_role("link", name="Record the outcome").first.click()
    outcome_form = page.locator("#history-new form")
    outcome_form.get_by_label("Result").select_option(label="Rejected")
    outcome_form.get_by_label("Reason given by the employer").fill(
        "Another candidate had more SQL."
    )
    outcome_form.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_role("heading", name="Reflection: Data Analyst at Globex")).to_be_visible()
    assert Outcome.objects.get().result == Outcome.Result.REJECTED

    # Back on the application, the timeline shows all four.
    page.goto(f"/applications/{application.pk}/")
    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Applied")  # the application logged through quick add
    expect(timeline).to_contain_text("Technical")  # the interview
    expect(timeline).to_contain_text("Walk me through a SQL join")  # its debrief
    expect(timeline).to_contain_text("Another candidate had more SQL.")  # the rejection
    expect(timeline.locator("li[id^=outcome-]")).to_contain_text("Rejected")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "tracking-timeline.png"), full_page=True)
