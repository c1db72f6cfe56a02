import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Status
from reflections.models import ActionItem, ReflectionAnswer
from tests.browser.conftest import ARTIFACTS, log_in
from tests.factories import ApplicationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_rejection_reflection_survives_reloads_and_action_item_gets_done(page):
    log_in(page, "farid")
    application = ApplicationFactory(
        user=UserFactory(username="farid"),
        role_title="Backend Engineer",
        status=Status.INTERVIEWING,
        requirements="Python\nKubernetes",
    )

    # Record the rejection from the application page: Rebound opens the draft reflection.
    page.goto(f"/applications/{application.pk}/")
    page.get_by_label("Status", exact=True).select_option(label="Rejected")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_role("heading", name="Reflection: Backend Engineer")).to_be_visible()
    # Version 2, rejected before any interview: no preparation or performance sections.
    expect(page.get_by_text("0 of 9 sections saved")).to_be_visible()
    reflection_url = page.url
    # Perspective comes first, alone: the others are a tap away in the list of sections.
    expect(page.get_by_role("heading", name="1. Perspective", level=2)).to_be_visible()
    expect(page.locator("#section-fit")).to_have_count(0)

    def show(number_and_title):
        page.get_by_text("· all sections").click()
        page.get_by_role("link", name=number_and_title).click()
        expect(page.get_by_role("heading", name=number_and_title, level=2)).to_be_focused()

    # The fit section saves itself as the user goes: no submit button pressed.
    show("3. Fit")
    fit = page.locator("#section-fit")
    fit.get_by_role("radio", name="4").check()
    fit.get_by_label("Concerns about the culture or the scope of the role").fill("Lots of on-call")
    expect(fit.locator("#section-status-fit")).to_contain_text("Saved")
    expect(page.get_by_text("1 of 9 sections saved")).to_be_visible()
    assert not page.get_by_role("button", name="Save section").first.is_disabled()

    page.reload()
    fit = page.locator("#section-fit")
    expect(fit.get_by_label("Concerns about the culture or the scope of the role")).to_have_value(
        "Lots of on-call"
    )
    expect(fit.get_by_role("radio", name="4")).to_be_checked()

    # The qualifications gap: mark a requirement missing, then reload again.
    page.get_by_role("button", name="Next: Qualifications gap").click()
    qualifications = page.locator("#section-qualifications")
    kubernetes = qualifications.locator("fieldset, div.mb-3").filter(has_text="Kubernetes").first
    kubernetes.get_by_role("radio", name="Missing").check()
    expect(qualifications.locator("#section-status-qualifications")).to_contain_text("Saved")

    page.reload()
    expect(page.get_by_text("2 of 9 sections saved")).to_be_visible()
    page.get_by_role("button", name="Previous: Fit").click()
    fit = page.locator("#section-fit")
    expect(fit.get_by_label("Concerns about the culture or the scope of the role")).to_have_value(
        "Lots of on-call"
    )
    page.get_by_role("button", name="Next: Qualifications gap").click()
    qualifications = page.locator("#section-qualifications")
    kubernetes = qualifications.locator("fieldset, div.mb-3").filter(has_text="Kubernetes").first
    expect(kubernetes.get_by_role("radio", name="Missing")).to_be_checked()
    assert ReflectionAnswer.objects.get(item_key="fit_culture_concerns").text == "Lots of on-call"

    # The gap suggests an action item (a sentence, with its citation one tap away); add it
    # with a due date, then mark it done in place.
    step = "Find a course or a project that covers “Kubernetes”"
    show("9. Your next steps")
    actions = page.locator("#section-actions")
    suggestion = actions.locator("li").filter(has_text=step).first
    suggestion.locator("summary.citation-toggle").click()
    expect(suggestion.get_by_text("Step 2: Reconsider Your Qualifications")).to_be_visible()
    due = timezone.localdate() + datetime.timedelta(days=14)
    suggestion.get_by_label("Due").fill(due.isoformat())
    suggestion.get_by_role("button", name="Add").click()
    done_button = actions.get_by_role("button", name=f"Mark ‘{step}’ done")
    expect(done_button).to_be_visible()
    item = ActionItem.objects.get(title=step)
    assert item.due_on == due
    assert item.source_item_key == "requirements"
    done_button.click()
    expect(actions.get_by_role("button", name=f"Mark ‘{step}’ not done")).to_be_visible()
    item.refresh_from_db()
    assert item.is_done
    assert page.url == f"{reflection_url}?section=actions"

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reflection.png"), full_page=True)
