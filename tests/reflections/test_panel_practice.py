"""The practice panel: open and overdue action items, and the least confident questions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Status
from reflections.models import QuestionAsked
from reflections.panels import practice
from reflections.panels.filters import DashboardFilters
from tests.factories import (
    ActionItemFactory,
    ApplicationFactory,
    InterviewFactory,
    QuestionFactory,
    ReflectionFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["practice"])
HTMX = {"HX-Request": "true"}


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def question(user, text: str, confidence: int | None, asked: int = 0):
    made = QuestionFactory(user=user, text=text, confidence=confidence)
    QuestionAsked.objects.bulk_create(
        [
            QuestionAsked(question=made, interview=InterviewFactory(application__user=user))
            for _ in range(asked)
        ]
    )
    return made


@pytest.fixture
def data(alice, bob):
    ActionItemFactory(user=alice, title="Overdue", due_on=in_days(-2))
    ActionItemFactory(user=alice, title="Tomorrow", due_on=in_days(1))
    ActionItemFactory(user=alice, title="Undated", due_on=None)
    ActionItemFactory(user=alice, title="In three days", due_on=in_days(3))
    ActionItemFactory(user=alice, title="Done", due_on=in_days(-1), done_at=timezone.now())
    ActionItemFactory(user=alice, title="In five days", due_on=in_days(5))
    ActionItemFactory(user=alice, title="In ten days", due_on=in_days(10))
    ActionItemFactory(user=alice, title="Due today", due_on=in_days(0))
    ActionItemFactory(user=bob, title="Bob overdue", due_on=in_days(-5))
    question(alice, "Unrated, asked twice", None, asked=2)
    question(alice, "Unrated, never asked", None)
    question(alice, "Rated one", 1, asked=1)
    question(alice, "Rated two", 2)
    question(alice, "Rated five", 5, asked=3)
    question(alice, "Rated three", 3)
    question(bob, "Bob unrated", None, asked=4)


def test_counts_and_lists(alice, data):
    result = practice.compute(alice, DashboardFilters())
    assert result["open_count"] == 7
    assert result["overdue_count"] == 1
    assert [item["title"] for item in result["soonest"]] == [
        "Overdue",
        "Due today",
        "Tomorrow",
        "In three days",
        "In five days",
    ]
    assert [item["overdue"] for item in result["soonest"]] == [True, False, False, False, False]
    # The question bank's "least ready first": not confident (1-2), then never rated, then the
    # rest; each with the number of interviews that asked it.
    assert [(q.text, q.confidence, q.asked_count) for q in result["questions"]] == [
        ("Rated one", 1, 1),
        ("Rated two", 2, 0),
        ("Unrated, asked twice", None, 2),
        ("Unrated, never asked", None, 0),
        ("Rated three", 3, 0),
    ]


def test_a_question_asked_once_counts_once_as_in_the_question_bank(alice, alice_client):
    interview = InterviewFactory(application__user=alice)
    asked = QuestionFactory(user=alice, text="Why us?")
    reflection = ReflectionFactory(application=interview.application, interview=interview)
    QuestionAsked.objects.create(question=asked, interview=interview)
    QuestionAsked.objects.create(question=asked, reflection=reflection)
    [shown] = practice.compute(alice, DashboardFilters())["questions"]
    assert shown.asked_count == 1
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "asked in 1 interview<" in html or "asked in 1 interview\n" in html


def test_dashboard_filters_do_not_apply(alice_client, alice, data):
    ApplicationFactory(user=alice, status=Status.OFFER)
    filtered = practice.compute(alice, DashboardFilters(status="offer", role="nothing like it"))
    assert filtered["open_count"] == 7
    assert len(filtered["questions"]) == 5
    html = alice_client.get(URL + "?status=offer", headers=HTMX).content.decode()
    assert "the dashboard filters do not apply here" in html


def test_other_users_data_never_counts(bob, data):
    result = practice.compute(bob, DashboardFilters())
    assert result["open_count"] == 1
    assert result["overdue_count"] == 1
    assert [item["title"] for item in result["soonest"]] == ["Bob overdue"]
    assert [(q.text, q.asked_count) for q in result["questions"]] == [("Bob unrated", 4)]


def test_links_to_action_items_and_practice(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert f'href="{reverse("action_item_list")}"' in html
    assert f'href="{reverse("question_practice")}"' in html
    assert "overdue, due" in html
    assert "asked in 2 interviews" in html
    # Named after the order it follows, the question bank's "least ready first".
    assert "Least ready questions" in html
    assert "not rated" in html


def test_empty_panel_says_what_to_log(alice_client, alice):
    ActionItemFactory(user=alice, done_at=timezone.now())
    result = practice.compute(alice, DashboardFilters())
    assert (result["open_count"], result["overdue_count"], result["soonest"]) == (0, 0, [])
    assert result["questions"] == []
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "No open action items" in html
    assert "No questions yet" in html
    assert reverse("reflection_list") in html


def test_htmx_request_gets_fragment_and_plain_request_a_page(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="panel-practice"' in html
    assert "style=" not in html
    assert "<html" in alice_client.get(URL).content.decode()


def test_query_count_does_not_grow_with_data(alice_client, alice, data):
    with CaptureQueriesContext(connection) as small:
        alice_client.get(URL, headers=HTMX)
    for n in range(10):
        ActionItemFactory(user=alice, due_on=in_days(-n))
        question(alice, f"More question {n}", None, asked=2)
    with CaptureQueriesContext(connection) as bigger:
        response = alice_client.get(URL, headers=HTMX)
    assert "More question" in response.content.decode()
    assert len(bigger) == len(small)
