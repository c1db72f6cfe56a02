import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Status
from reflections.models import ActionItem, ReflectionAnswer
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_tracking_flow import log_in
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
    expect(page.get_by_text("0 of 11 sections saved")).to_be_visible()
    reflection_url = page.url

    # Section 1 saves itself as the user goes: no submit button pressed.
    fit = page.locator("#section-fit")
    fit.get_by_role("radio", name="4").check()
    fit.get_by_label("Concerns about the culture or the scope of the role").fill("Lots of on-call")
    expect(fit.locator("#section-status-fit")).to_contain_text("Saved")
    expect(page.get_by_text("1 of 11 sections saved")).to_be_visible()
    assert not page.get_by_role("button", name="Save section").first.is_disabled()

    page.reload()
    fit = page.locator("#section-fit")
    fit.locator("summary").click()
    expect(fit.get_by_label("Concerns about the culture or the scope of the role")).to_have_value(
        "Lots of on-call"
    )
    expect(fit.get_by_role("radio", name="4")).to_be_checked()

    # Section 2 (qualifications gap): mark a requirement missing, then reload again.
    qualifications = page.locator("#section-qualifications")
    expect(qualifications).to_have_attribute("open", "")  # the first unsaved section is open
    kubernetes = qualifications.locator("fieldset, div.mb-3").filter(has_text="Kubernetes").first
    kubernetes.get_by_role("radio", name="Missing").check()
    expect(qualifications.locator("#section-status-qualifications")).to_contain_text("Saved")

    page.reload()
    expect(page.get_by_text("2 of 11 sections saved")).to_be_visible()
    fit = page.locator("#section-fit")
    fit.locator("summary").click()
    expect(fit.get_by_label("Concerns about the culture or the scope of the role")).to_have_value(
        "Lots of on-call"
    )
    qualifications = page.locator("#section-qualifications")
    qualifications.locator("summary").click()
    kubernetes = qualifications.locator("fieldset, div.mb-3").filter(has_text="Kubernetes").first
    expect(kubernetes.get_by_role("radio", name="Missing")).to_be_checked()
    assert ReflectionAnswer.objects.get(item_key="fit_culture_concerns").text == "Lots of on-call"

    # The gap suggests an action item; add it with a due date, then mark it done in place.
    actions = page.locator("#section-actions")
    actions.locator("summary").click()
    suggestion = actions.locator("li").filter(has_text="Learn Kubernetes").first
    due = timezone.localdate() + datetime.timedelta(days=14)
    suggestion.get_by_label("Due").fill(due.isoformat())
    suggestion.get_by_role("button", name="Add").click()
    done_button = actions.get_by_role("button", name="Mark ‘Learn Kubernetes’ done")
    expect(done_button).to_be_visible()
    item = ActionItem.objects.get(title="Learn Kubernetes")
    assert item.due_on == due
    done_button.click()
    expect(actions.get_by_role("button", name="Mark ‘Learn Kubernetes’ not done")).to_be_visible()
    item.refresh_from_db()
    assert item.is_done
    assert page.url == reflection_url

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "reflection.png"), full_page=True)
