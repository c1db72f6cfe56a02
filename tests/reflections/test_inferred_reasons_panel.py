"""The reasons panel says which counts include reasons inferred from the employer's words, and
the user's confirm / "not this" / correct change its numbers and the lists behind them exactly
(issue 15)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications import services
from applications.models import FeedbackTheme, Outcome, Status
from reflections.panels import reasons
from reflections.panels.filters import DashboardFilters
from tests.factories import ApplicationFactory, FeedbackFactory, OutcomeFactory
from tests.reflections.drill_down import ids_behind

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["reasons"])
HTMX = {"HX-Request": "true"}


def rejected(user, **kwargs):
    return ApplicationFactory(user=user, status=Status.REJECTED, **kwargs)


@pytest.fixture
def data(alice, bob):
    tagged = rejected(alice, role_title="Tagged")
    FeedbackFactory(application=tagged, themes=[FeedbackTheme.EXPERIENCE])
    # Nobody tagged this one: its reason alone reads as experience and qualifications.
    untagged = rejected(alice, role_title="Untagged")
    OutcomeFactory(application=untagged, reason="More experience and a relevant degree, please.")
    # Tagged and stated: counted, but not only by inference.
    both = rejected(alice, role_title="Both")
    FeedbackFactory(application=both, themes=[FeedbackTheme.QUALIFICATIONS])
    OutcomeFactory(application=both, reason="Missing a certification.")
    # Bob's inferred reasons never count for Alice.
    OutcomeFactory(application=rejected(bob), reason="Not enough experience")
    return {
        "tagged": tagged,
        "untagged": untagged,
        "both": both,
        "outcome": Outcome.objects.get(application=untagged),
    }


def numbers(user) -> dict[str, tuple[int, int]]:
    """Each theme's count and how many of them were inferred."""
    result = reasons.compute(user, DashboardFilters())
    bars = result["within"].bars + result["outside"].bars
    return {bar["label"]: (bar["value"], bar.get("inferred", 0)) for bar in bars}


def bar(user, label: str) -> dict:
    result = reasons.compute(user, DashboardFilters())
    return next(b for b in result["within"].bars if b["label"] == label)


def test_counts_say_how_many_were_inferred(alice, data):
    assert numbers(alice) == {"Experience": (2, 1), "Qualifications": (2, 1)}
    assert bar(alice, "Experience")["value_note"] == "(1 inferred from the employer's words)"


def test_the_panel_shows_the_inferred_part_beside_the_number(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    note = "(1 inferred from the employer&#x27;s words)"
    assert f'2</a> <span class="text-body-secondary">{note}</span>' in html
    assert "confirm or correct it on the application's page" in html


def test_each_number_still_equals_the_rows_behind_its_link(alice, data):
    assert ids_behind(alice, bar(alice, "Experience")["url"]) == {
        data["tagged"].pk,
        data["untagged"].pk,
    }
    assert ids_behind(alice, bar(alice, "Qualifications")["url"]) == {
        data["untagged"].pk,
        data["both"].pk,
    }


def test_confirming_keeps_the_count_without_the_inferred_note(alice, data):
    services.outcome_theme_confirm(outcome=data["outcome"], theme=FeedbackTheme.EXPERIENCE)
    assert numbers(alice) == {"Experience": (2, 0), "Qualifications": (2, 1)}
    assert bar(alice, "Experience")["value_note"] == ""


def test_not_this_takes_it_out_of_the_count_and_the_list(alice, data):
    services.outcome_theme_dismiss(outcome=data["outcome"], theme=FeedbackTheme.EXPERIENCE)
    assert numbers(alice) == {"Experience": (1, 0), "Qualifications": (2, 1)}
    assert ids_behind(alice, bar(alice, "Experience")["url"]) == {data["tagged"].pk}


def test_correcting_moves_it_to_the_right_theme(alice, data):
    services.outcome_theme_correct(
        outcome=data["outcome"],
        theme=FeedbackTheme.QUALIFICATIONS,
        instead=FeedbackTheme.SKILLS,
    )
    assert numbers(alice) == {"Experience": (2, 1), "Qualifications": (1, 0), "Skills": (1, 0)}
    assert ids_behind(alice, bar(alice, "Skills")["url"]) == {data["untagged"].pk}
    assert ids_behind(alice, bar(alice, "Qualifications")["url"]) == {data["both"].pk}


def test_the_answers_on_the_page_change_the_panel(alice_client, alice, data):
    decide = reverse("outcome_theme_decide", args=[data["untagged"].pk])
    alice_client.post(decide, {"theme": "experience", "decision": "dismiss"}, headers=HTMX)
    alice_client.post(decide, {"theme": "qualifications", "decision": "confirm"}, headers=HTMX)
    assert numbers(alice) == {"Experience": (1, 0), "Qualifications": (2, 0)}


def test_another_users_numbers_are_their_own(bob, data):
    assert numbers(bob) == {"Experience": (1, 1)}


def queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        reasons.compute(user, DashboardFilters())
    return len(captured)


def test_queries_do_not_grow_with_decisions(alice, bob, data):
    for n in range(20):
        outcome = OutcomeFactory(application=rejected(bob), reason="experience, salary")
        services.outcome_theme_correct(
            outcome=outcome, theme=FeedbackTheme.SALARY, instead=FeedbackTheme.BUDGET
        )
        FeedbackFactory(application=outcome.application, themes=[FeedbackTheme.SKILLS])
    assert queries(alice) == queries(bob) == 2
