"""Did the work pay off: "needs work" before and since the related action items were done, the
links behind each number, the dashboard's "what changed" line, and the question bank's
confidence with practice."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Status
from reflections import services
from reflections.models import ActionItem, Question, QuestionAsked, Reflection
from reflections.panels import weaknesses
from reflections.panels.filters import DashboardFilters
from reflections.selectors import question_bank
from tests.factories import ApplicationFactory, InterviewFactory, ReflectionFactory
from tests.reflections.drill_down import ids_behind, titles_behind

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime.datetime(2025, 3, 3, 12))
NW, WW = "needs_work", "went_well"


def day(n: int) -> datetime.datetime:
    return START + datetime.timedelta(days=n)


def reflect(user, n: int, title: str, **answers) -> int:
    application = ApplicationFactory(user=user, status=Status.REJECTED, role_title=title)
    reflection = ReflectionFactory(application=application)
    services.reflection_save_section(
        reflection=reflection, section_key="performance", answers=answers
    )
    Reflection.objects.filter(pk=reflection.pk).update(created_at=day(n))
    return application.pk


def done_step(user, key: str, n: int | None) -> None:
    item = services.action_item_create(user=user, title=f"Step for {key}", source_item_key=key)
    if n is not None:
        ActionItem.objects.filter(pk=item.pk).update(done_at=day(n))


@pytest.fixture
def data(alice, bob):
    # Confidence: needs work in 3 of 4 applications before day 10 (first practice done),
    # 1 of 3 since.
    ids = {
        "b1": reflect(alice, 0, "b1", perf_confidence=NW),
        "b2": reflect(alice, 2, "b2", perf_confidence=NW),
        "b3": reflect(alice, 4, "b3", perf_confidence=NW, perf_asked_questions=NW),
        "b4": reflect(alice, 6, "b4", perf_confidence=WW),
        "s1": reflect(alice, 11, "s1", perf_confidence=NW),
        "s2": reflect(alice, 12, "s2", perf_confidence=WW, perf_asked_questions=NW),
        "s3": reflect(alice, 14, "s3", perf_confidence=WW),
    }
    done_step(alice, "perf_confidence", 10)
    done_step(alice, "perf_confidence", 13)  # a later one changes nothing: the first counts
    done_step(alice, "perf_confidence", None)  # not done: no effect
    done_step(alice, "perf_asked_questions", None)  # never done: no before/after
    # Bob's data never counts, nor do his done items move Alice's split.
    reflect(bob, 1, "bob", perf_confidence=NW)
    done_step(bob, "perf_confidence", 3)
    return ids


def bars(user):
    return {bar["key"]: bar for bar in weaknesses.compute(user, DashboardFilters())["chart"].bars}


def test_before_and_since_the_first_done_action_item_exact(alice, data):
    practice = bars(alice)["perf_confidence"]["practice"]
    assert practice["started"] == day(10)
    assert {k: practice["before"][k] for k in ("needs_work", "assessed")} == {
        "needs_work": 3,
        "assessed": 4,
    }
    assert {k: practice["since"][k] for k in ("needs_work", "assessed")} == {
        "needs_work": 1,
        "assessed": 3,
    }


def test_an_item_without_done_action_items_has_no_before_and_after(alice, data):
    assert bars(alice)["perf_asked_questions"]["practice"] is None


def test_each_before_and_after_link_selects_exactly_the_counted_applications(
    alice, alice_client, data
):
    practice = bars(alice)["perf_confidence"]["practice"]
    expected = {
        ("before", "needs_work_url"): {"b1", "b2", "b3"},
        ("before", "assessed_url"): {"b1", "b2", "b3", "b4"},
        ("since", "needs_work_url"): {"s1"},
        ("since", "assessed_url"): {"s1", "s2", "s3"},
    }
    for (side, link), titles in expected.items():
        url = practice[side][link]
        assert ids_behind(alice, url) == {data[title] for title in titles}, (side, link)
        assert titles_behind(alice_client, url) == titles


def test_what_changed_line_is_counts_never_a_score(alice, alice_client, data):
    chart = weaknesses.compute(alice, DashboardFilters())["chart"]
    line = weaknesses.what_changed(chart)
    assert line == (
        "Confidence and body language: needs work in 3 of 4 applications before you worked on "
        "it, 1 of 3 since."
    )
    html = alice_client.get(reverse("dashboard")).content.decode()
    assert 'id="what-changed"' in html and line in html
    assert "%" not in line and "score" not in html.lower()


def test_no_what_changed_line_without_enough_data(alice, alice_client):
    reflect(alice, 0, "a", perf_confidence=NW)
    reflect(alice, 5, "b", perf_confidence=WW)
    done_step(alice, "perf_confidence", 3)
    assert weaknesses.what_changed(weaknesses.compute(alice, DashboardFilters())["chart"]) == ""
    assert 'id="what-changed"' not in alice_client.get(reverse("dashboard")).content.decode()


def test_panel_shows_before_and_after_with_links(alice_client, data):
    html = alice_client.get(
        reverse("dashboard_panel", args=["weaknesses"]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Did the work pay off?" in html
    assert "practice=before" in html and "practice=since" in html


def test_panel_queries_do_not_grow_with_practice_data(alice, alice_client, data):
    url = reverse("dashboard_panel", args=["weaknesses"])
    alice_client.get(url, HTTP_HX_REQUEST="true")  # warm up the session
    with CaptureQueriesContext(connection) as small:
        alice_client.get(url, HTTP_HX_REQUEST="true")
    for n in range(8):
        reflect(alice, 20 + n, f"more {n}", perf_confidence=NW, perf_skills_test=NW)
        done_step(alice, "perf_skills_test", 20 + n)
    with CaptureQueriesContext(connection) as large:
        alice_client.get(url, HTTP_HX_REQUEST="true")
    assert len(large) == len(small)


def test_dashboard_queries_do_not_grow_with_practice_data(alice, alice_client, data):
    alice_client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as small:
        alice_client.get(reverse("dashboard"))
    for n in range(8):
        reflect(alice, 20 + n, f"more {n}", perf_common_questions=NW)
        done_step(alice, "perf_common_questions", 19 + n)
    with CaptureQueriesContext(connection) as large:
        alice_client.get(reverse("dashboard"))
    assert len(large) == len(small)


# The question bank ---------------------------------------------------------------------


def test_question_bank_shows_how_confidence_moved_and_the_next_time_asked(alice, alice_client):
    application = ApplicationFactory(user=alice)
    first = InterviewFactory(application=application, scheduled_at=day(0), questions="Why us?")
    services.questions_record_from_interview(interview=first)
    question = Question.objects.get(text="Why us?")
    for confidence in (2, 3, 4):
        services.question_set_confidence(question=question, confidence=confidence)
    practised = question.practices.first().practised_at
    later = InterviewFactory(
        application=ApplicationFactory(user=alice),
        scheduled_at=practised + datetime.timedelta(days=2),
        questions="Why us?",
    )
    services.questions_record_from_interview(interview=later)
    row = question_bank(alice).get(pk=question.pk)
    assert (row.first_confidence, row.confidence, row.practice_count) == (2, 4, 3)
    assert (row.asked_count, row.asked_since, row.struggled_since) == (2, 1, 0)
    html = alice_client.get(reverse("question_list")).content.decode()
    assert "Confidence 2 → 4 over 3 practices" in html
    assert "Asked 1 time since you practised: not a struggle since" in html
    # Struggled with again in a reflection written after practising.
    reflection = ReflectionFactory(application=later.application)
    QuestionAsked.objects.create(question=question, reflection=reflection)
    assert question_bank(alice).get(pk=question.pk).struggled_since == 1


def test_question_bank_queries_do_not_grow_with_practices(alice, alice_client):
    question = Question.objects.create(user=alice, text="Why us?")
    services.question_set_confidence(question=question, confidence=2)
    alice_client.get(reverse("question_list"))
    with CaptureQueriesContext(connection) as small:
        alice_client.get(reverse("question_list"))
    for n in range(10):
        other = Question.objects.create(user=alice, text=f"Question {n}")
        for confidence in (1, 3, 5):
            services.question_set_confidence(question=other, confidence=confidence)
    with CaptureQueriesContext(connection) as large:
        alice_client.get(reverse("question_list"))
    assert len(large) == len(small)


def test_a_nul_in_the_posted_question_is_ignored_not_a_server_error(alice_client, alice):
    """Found by review: the question came from request.POST straight into a query, which
    PostgreSQL refuses with NUL in it."""
    from django.urls import reverse

    from reflections.models import ActionItem
    from tests.factories import ApplicationFactory, ReflectionFactory

    reflection = ReflectionFactory(application=ApplicationFactory(user=alice))
    response = alice_client.post(
        reverse("reflection_action_item_create", args=[reflection.pk]),
        {"title": "Practise", "source_item_key": "perf_struggled_questions", "question": "a\x00b"},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(user=alice)
    assert item.question is None and item.source_item_key == ""


def test_a_weakness_that_got_worse_is_no_what_changed_line(alice):
    """Found by review: the line showed 'needs work in 1 of 3 before, 3 of 3 since'."""
    for n, answer in enumerate([NW, WW, WW]):
        reflect(alice, n, f"before {n}", perf_confidence=answer)
    done_step(alice, "perf_confidence", 5)
    for n in range(3):
        reflect(alice, 10 + n, f"since {n}", perf_confidence=NW)
    chart = weaknesses.compute(alice, DashboardFilters())["chart"]
    assert weaknesses.what_changed(chart) == ""
