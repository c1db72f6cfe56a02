"""The interview form's format follows its stage, and after saving, the new entry and its next
step are in view (in place with htmx, and on the form's own page)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Interview, Stage
from tests.browser.conftest import log_in
from tests.factories import (
    ApplicationFactory,
    FeedbackFactory,
    InterviewFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def application_with_a_long_history(user):
    """An application whose page is taller than the window: a new entry must be scrolled to."""
    application = ApplicationFactory(
        user=user,
        role_title="Platform Engineer",
        date_applied=timezone.localdate() - datetime.timedelta(days=60),
        notes="\n".join(f"Note line {n}" for n in range(30)),
    )
    for days_ago in range(50, 20, -3):
        InterviewFactory(
            application=application,
            stage=Stage.TECHNICAL,
            scheduled_at=timezone.now() - datetime.timedelta(days=days_ago),
            rating=3,
            preparation_notes="Revise the system design notes.\nRead the engineering blog.",
        )
    FeedbackFactory(application=application, content="Good, but not yet.\n" * 5)
    return application


def test_the_format_follows_the_stage_until_it_is_picked(page):
    user = log_in(page, "fran")
    application = ApplicationFactory(user=user)
    page.goto(application.get_absolute_url())

    page.get_by_role("link", name="Add an interview").click()
    form = page.locator("#history-new form")
    stage, format_ = form.get_by_label("Stage"), form.get_by_label("Format")
    expect(stage).to_have_value("phone_screen")
    expect(format_).to_have_value("phone")

    stage.select_option(label="Technical")
    expect(format_).to_have_value("video")
    stage.select_option(label="Phone screen")
    expect(format_).to_have_value("phone")
    stage.select_option(label="On-site")
    expect(format_).to_have_value("in_person")

    # Once the person picks the format, the stage leaves it alone.
    format_.select_option(label="Video")
    stage.select_option(label="Recruiter screen")
    expect(format_).to_have_value("video")
    stage.select_option(label="Technical")
    expect(format_).to_have_value("video")


def test_the_format_follows_the_stage_on_the_forms_own_page(page):
    user = log_in(page, "gus")
    application = ApplicationFactory(user=user)

    page.goto(f"/applications/{application.pk}/interviews/new/")
    format_ = page.get_by_label("Format")
    expect(format_).to_have_value("phone")
    page.get_by_label("Stage").select_option(label="Panel")
    expect(format_).to_have_value("video")


def test_an_edited_interview_keeps_a_format_that_differs_from_its_stage(page):
    user = log_in(page, "hana")
    interview = InterviewFactory(
        application=ApplicationFactory(user=user),
        stage=Stage.PHONE_SCREEN,
        format=Interview.Format.VIDEO,
    )
    page.goto(interview.application.get_absolute_url())

    page.locator(f"#interview-{interview.pk}").get_by_role("link", name="Edit").click()
    form = page.locator(f"#interview-{interview.pk} form")
    form.get_by_label("Stage").select_option(label="Recruiter screen")
    expect(form.get_by_label("Format")).to_have_value("video")


def test_after_saving_an_interview_in_place_it_and_its_debrief_are_in_view(page):
    user = log_in(page, "ivan")
    application = application_with_a_long_history(user)
    page.goto(application.get_absolute_url())

    page.get_by_role("link", name="Add an interview").click()
    form = page.locator("#history-new form")
    form.get_by_label("Stage").select_option(label="Final")
    held = timezone.localtime() - datetime.timedelta(hours=3)
    form.get_by_label("Date and time").fill(held.strftime("%Y-%m-%dT%H:%M"))
    form.get_by_role("button", name="Save the interview").click()

    expect(page.get_by_text("Just added")).to_be_visible()
    interview = Interview.objects.get(application=application, stage=Stage.FINAL)
    entry = page.locator(f"#interview-{interview.pk}")
    expect(entry).to_be_focused()
    expect(entry).to_be_in_viewport()
    next_step = entry.get_by_role("link", name="Add the debrief")
    expect(next_step).to_be_visible()
    expect(next_step).to_be_in_viewport()
    # Not at the top of a long page: the page was scrolled to the entry.
    assert page.evaluate("window.scrollY") > 0

    next_step.click()
    expect(entry.get_by_label("Questions you were asked")).to_be_visible()


def test_after_saving_an_interview_on_its_own_page_the_application_shows_it(page):
    user = log_in(page, "jade")
    application = application_with_a_long_history(user)

    page.goto(f"/applications/{application.pk}/interviews/new/")
    page.get_by_label("Stage").select_option(label="Panel")
    held = timezone.localtime() - datetime.timedelta(hours=2)
    page.get_by_label("Date and time").fill(held.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Save the interview").click()

    interview = Interview.objects.get(application=application, stage=Stage.PANEL)
    page.wait_for_url(f"**/applications/{application.pk}/?added=interview-{interview.pk}*")
    entry = page.locator(f"#interview-{interview.pk}")
    expect(entry).to_be_focused()
    expect(entry).to_be_in_viewport()
    expect(entry.get_by_role("link", name="Add the debrief")).to_be_in_viewport()


def suggestions_offered(field, expected: str = "") -> list[str]:
    """The values the field's datalist offers (a disabled option is not offered); given an
    `expected` value, waits up to 3 s for it, as the script answers the typing events."""
    for _ in range(30):
        offered = field.evaluate(
            "input => Array.from(input.list.options).filter(o => !o.disabled).map(o => o.value)"
        )
        if not expected or expected in offered:
            break
        field.page.wait_for_timeout(100)
    return offered


def test_theme_suggestions_complete_the_word_after_the_last_comma(page):
    user = log_in(page, "kit")
    application = ApplicationFactory(user=user)
    page.goto(application.get_absolute_url())

    page.get_by_role("link", name="Add feedback").click()
    field = page.locator("#history-new form").get_by_label("Themes and tags")
    field.press_sequentially("Experience, sk")

    offered = suggestions_offered(field, "Experience, Skills")
    assert "Experience, Skills" in offered
    # The word already typed is not offered again.
    assert "Experience, Experience" not in offered

    field.fill("")
    field.press_sequentially("sk")
    assert "Skills" in suggestions_offered(field)


def test_theme_suggestions_complete_each_word_on_the_forms_own_page(page):
    user = log_in(page, "lou")
    feedback = FeedbackFactory(application=ApplicationFactory(user=user))

    page.goto(f"/feedback/{feedback.pk}/edit/")
    field = page.get_by_label("Themes and tags")
    field.fill("")
    field.press_sequentially("Culture fit,")
    assert "Culture fit, Skills" in suggestions_offered(field, "Culture fit, Skills")
