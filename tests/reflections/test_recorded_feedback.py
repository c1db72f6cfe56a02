"""Feedback recorded on an application shows in its reflection at once: the feedback steps are
done, with what was recorded beside them, and every progress count agrees."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Feedback
from reflections import services
from reflections.models import ReflectionAnswer
from reflections.selectors import (
    answer_counts_by_item,
    reflection_progress,
    reflection_with_answers,
)
from tests.factories import ApplicationFactory, FeedbackFactory, InterviewFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
ASKED_ON = datetime.date(2025, 10, 30)
RECEIVED_ON = datetime.date(2025, 11, 3)


@pytest.fixture
def application(alice):
    return ApplicationFactory(user=alice, date_applied=datetime.date(2025, 10, 1))


@pytest.fixture
def reflection(application):
    return services.reflection_draft_for_rejection(application=application)


def checked_choice(html: str, item_key: str, section_key: str = "feedback") -> str | None:
    """The value of the ticked radio of an item on the reflection page, if any."""
    for tag in re.findall(rf'<input [^>]*name="{section_key}-{item_key}"[^>]*>', html):
        if re.search(r"\bchecked\b", tag):
            found = re.search(r'value="([^"]*)"', tag)
            return found.group(1) if found else None
    return None


def page(client, reflection, section_key: str = "feedback") -> str:
    """The reflection page showing one section (it shows one at a time)."""
    return client.get(f"{reflection.get_absolute_url()}?section={section_key}").content.decode()


def save_feedback_section(client, reflection, **choices: str) -> None:
    data = {f"feedback-{key}": value for key, value in choices.items()}
    response = client.post(
        reverse("reflection_section_save", args=[reflection.pk, "feedback"]), data, headers=HTMX
    )
    assert response.status_code == 200


def test_feedback_saved_with_its_themes_shows_the_received_step_done_at_once(
    alice_client, application, reflection
):
    before = page(alice_client, reflection)
    assert checked_choice(before, "feedback_received") is None

    alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        {
            "requested_on": f"{ASKED_ON:%Y-%m-%d}",
            "received_on": f"{RECEIVED_ON:%Y-%m-%d}",
            "channel": "email",
            "themes_and_tags": "Experience",
        },
    )

    html = page(alice_client, reflection)
    assert checked_choice(html, "feedback_received") == "done"
    assert checked_choice(html, "feedback_asked") == "done"
    assert "Recorded: feedback received on 3 Nov 2025, themes: Experience." in html
    assert "Recorded: feedback asked for on 30 Oct 2025." in html
    assert "Marked done from your records." in html


def test_feedback_only_asked_for_marks_only_the_asking_done(alice_client, application, reflection):
    FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=None)

    html = page(alice_client, reflection)

    assert checked_choice(html, "feedback_asked") == "done"
    assert checked_choice(html, "feedback_received") is None
    assert "Recorded: feedback received" not in html


def test_an_answer_the_person_gave_wins_and_the_record_is_still_shown(
    alice_client, application, reflection
):
    FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=RECEIVED_ON)
    save_feedback_section(alice_client, reflection, feedback_received="not_applicable")

    html = page(alice_client, reflection)

    assert checked_choice(html, "feedback_received") == "not_applicable"
    assert "Recorded: feedback received on 3 Nov 2025" in html
    assert "You answered “Not applicable”: your answer is kept." in html


def test_a_to_do_ticked_before_the_feedback_came_gives_way_to_the_record(
    alice_client, application, reflection
):
    save_feedback_section(alice_client, reflection, feedback_received="to_do")
    ReflectionAnswer.objects.filter(item_key="feedback_received").update(
        updated_at=timezone.now() - datetime.timedelta(days=1)
    )
    FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=RECEIVED_ON)

    assert checked_choice(page(alice_client, reflection), "feedback_received") == "done"


def test_a_to_do_ticked_after_the_feedback_came_is_kept(alice_client, application, reflection):
    feedback = FeedbackFactory(
        application=application, requested_on=ASKED_ON, received_on=RECEIVED_ON
    )
    Feedback.objects.filter(pk=feedback.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=1)
    )
    save_feedback_section(alice_client, reflection, feedback_received="to_do")

    html = page(alice_client, reflection)
    assert checked_choice(html, "feedback_received") == "to_do"
    assert "You answered “To do”: your answer is kept." in html


def test_deleting_the_feedback_takes_the_recorded_steps_away(alice_client, application, reflection):
    feedback = FeedbackFactory(application=application, requested_on=ASKED_ON)
    assert checked_choice(page(alice_client, reflection), "feedback_asked") == "done"

    alice_client.post(reverse("feedback_delete", args=[feedback.pk]))

    html = page(alice_client, reflection)
    assert checked_choice(html, "feedback_asked") is None
    assert "Recorded:" not in html


def test_saving_a_section_untouched_stores_no_answer_for_a_step_the_record_decides(
    alice_client, application, reflection
):
    """The page ticks "done" for a recorded step and posts it back; that is the record's word,
    not the person's, so it is not stored, and goes when the feedback goes."""
    feedback = FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=None)
    html = page(alice_client, reflection)
    assert checked_choice(html, "feedback_asked") == "done"

    # The section as the page serves it, saved with a summary typed and nothing else changed.
    save_feedback_section(
        alice_client, reflection, feedback_asked="done", feedback_summary="Nothing yet"
    )

    stored = ReflectionAnswer.objects.filter(reflection=reflection, item_key="feedback_asked")
    assert not stored.exclude(choice="").exists()
    assert reflection.answers.get(item_key="feedback_summary").text == "Nothing yet"
    alice_client.post(reverse("feedback_delete", args=[feedback.pk]))
    assert checked_choice(page(alice_client, reflection), "feedback_asked") is None


def test_a_step_the_person_changes_from_the_records_done_is_stored(
    alice_client, application, reflection
):
    FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=None)
    save_feedback_section(alice_client, reflection, feedback_asked="not_applicable")

    answer = reflection.answers.get(item_key="feedback_asked")
    assert answer.choice == "not_applicable"


def test_an_old_to_do_under_the_record_is_kept_as_it_was_by_an_untouched_save(
    alice_client, application, reflection
):
    save_feedback_section(alice_client, reflection, feedback_asked="to_do")
    a_day_ago = timezone.now() - datetime.timedelta(days=1)
    ReflectionAnswer.objects.filter(item_key="feedback_asked").update(updated_at=a_day_ago)
    feedback = FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=None)

    save_feedback_section(alice_client, reflection, feedback_asked="done")

    answer = reflection.answers.get(item_key="feedback_asked")
    assert (answer.choice, answer.updated_at) == ("to_do", a_day_ago)
    alice_client.post(reverse("feedback_delete", args=[feedback.pk]))
    assert checked_choice(page(alice_client, reflection), "feedback_asked") == "to_do"


def test_a_reflection_on_one_interview_ignores_feedback_about_another(alice_client, application):
    first, second = (
        InterviewFactory(application=application),
        InterviewFactory(application=application),
    )
    reflection = services.reflection_start_for_interview(interview=first)
    FeedbackFactory(application=application, interview=second, requested_on=ASKED_ON)

    assert checked_choice(page(alice_client, reflection), "feedback_asked") is None

    FeedbackFactory(application=application, interview=first, requested_on=ASKED_ON)

    assert checked_choice(page(alice_client, reflection), "feedback_asked") == "done"


def test_a_recorded_step_suggests_no_next_step(alice_client, alice, application, reflection):
    save_feedback_section(alice_client, reflection, feedback_asked="to_do")
    suggestion = "Ask the recruiter or hiring manager for feedback"
    assert suggestion in page(alice_client, reflection, "actions")
    ReflectionAnswer.objects.filter(item_key="feedback_asked").update(
        updated_at=timezone.now() - datetime.timedelta(days=1)
    )

    FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=None)

    assert suggestion not in page(alice_client, reflection, "actions")


# Every count agrees ------------------------------------------------------------------------


def test_the_page_the_section_and_the_list_count_recorded_steps_alike(
    alice_client, alice, application, reflection
):
    fresh = reflection_progress(reflection_with_answers(alice, reflection.pk))
    answered_before = fresh.answered
    assert fresh.answered_by_section["feedback"][0] == 0

    FeedbackFactory(
        application=application, requested_on=ASKED_ON, received_on=RECEIVED_ON, themes=["skills"]
    )

    progress = reflection_progress(reflection_with_answers(alice, reflection.pk))
    answered, feedback_items = progress.answered_by_section["feedback"]
    assert answered == 2
    assert progress.answered == answered_before + 2
    html = page(alice_client, reflection)
    listed = alice_client.get(reverse("reflection_list")).content.decode()
    line = f"{progress.answered} of {progress.items_total} questions answered"
    assert line in html
    assert line in listed
    badge = re.search(r'id="section-badge-feedback"[^>]*>(.*?)</span>\s*</span>', html, re.S)
    assert badge is not None
    assert "Started" in badge.group(1)
    assert f"2 of {feedback_items} answered" in badge.group(1)


def test_saving_a_section_refreshes_the_counts_with_the_recorded_steps(
    alice_client, application, reflection
):
    FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=RECEIVED_ON)

    response = alice_client.post(
        reverse("reflection_section_save", args=[reflection.pk, "feedback"]),
        {
            "feedback-feedback_asked": "done",
            "feedback-feedback_received": "done",
            "feedback-feedback_summary": "More production experience",
        },
        headers=HTMX,
    )

    html = response.content.decode()
    assert re.search(r"3 of \d+ answered", html)
    assert "1 of " in html and "sections saved" in html


def test_answer_counts_count_recorded_steps_as_done(alice, application, reflection):
    other = services.reflection_draft_for_rejection(application=ApplicationFactory(user=alice))
    services.reflection_save_section(
        reflection=other, section_key="feedback", answers={"feedback_received": "not_applicable"}
    )
    FeedbackFactory(application=application, requested_on=ASKED_ON, received_on=RECEIVED_ON)
    FeedbackFactory(application=other.application, requested_on=ASKED_ON, received_on=None)

    counts = answer_counts_by_item(alice)

    assert counts["feedback_received"] == {"done": 1, "not_applicable": 1}
    assert counts["feedback_asked"] == {"done": 2}


def test_answer_counts_make_the_same_queries_for_more_reflections(alice, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            application = ApplicationFactory(user=alice)
            services.reflection_draft_for_rejection(application=application)
            FeedbackFactory(application=application, themes=["skills"])

    add(1)
    with CaptureQueriesContext(connection) as few:
        answer_counts_by_item(alice)
    add(5)
    with django_assert_num_queries(len(few.captured_queries)):
        answer_counts_by_item(alice)


def test_the_reflection_page_and_list_make_the_same_queries_with_more_feedback(
    alice_client, alice, application, reflection, django_assert_max_num_queries
):
    FeedbackFactory(application=application, themes=["skills"])
    alice_client.get(reverse("reflection_list"))
    with CaptureQueriesContext(connection) as few_list:
        alice_client.get(reverse("reflection_list"))
    with CaptureQueriesContext(connection) as few_page:
        page(alice_client, reflection)

    for _ in range(5):
        FeedbackFactory(application=application, themes=["experience", "skills"])
        services.reflection_draft_for_rejection(application=ApplicationFactory(user=alice))

    with django_assert_max_num_queries(len(few_list.captured_queries)):
        alice_client.get(reverse("reflection_list"))
    with django_assert_max_num_queries(len(few_page.captured_queries)):
        page(alice_client, reflection)
