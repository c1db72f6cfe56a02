"""The "why you get rejected" panel: themes from feedback, outcome reasons and reflections."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Status
from reflections.panels import reasons
from reflections.panels.filters import DashboardFilters
from reflections.services import reflection_save_section
from tests.factories import ApplicationFactory, FeedbackFactory, OutcomeFactory, ReflectionFactory
from tests.reflections.drill_down import ids_behind

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["reasons"])
HTMX = {"HX-Request": "true"}


def bars_by_label(chart) -> dict[str, int]:
    return {bar["label"]: bar["value"] for bar in chart.bars}


def outside_factors(application, **answers):
    reflection = ReflectionFactory(application=application)
    reflection_save_section(reflection=reflection, section_key="outside_control", answers=answers)
    return reflection


def rejected(user, **kwargs):
    return ApplicationFactory(user=user, status=Status.REJECTED, **kwargs)


@pytest.fixture
def data(alice, bob):
    both_sources = rejected(alice)
    FeedbackFactory(application=both_sources, themes=["experience", "internal_candidate"])
    OutcomeFactory(application=both_sources, reason="Someone with more experience")
    reason_only = rejected(alice)
    OutcomeFactory(application=reason_only, reason="A budget freeze; the technical test was weak")
    reflected = rejected(alice)
    FeedbackFactory(application=reflected, themes=["experience"])
    outside_factors(
        reflected,
        outside_internal_candidate="played_a_part",
        outside_budget="did_not",
        outside_panel="not_sure",
    )
    designer = rejected(alice, role_title="Designer")
    outside_factors(designer, outside_internal_candidate="played_a_part")
    # A wishlist entry is never counted, nor listed behind a number, whatever it holds.
    wish = ApplicationFactory(user=alice, status=Status.WISHLIST)
    FeedbackFactory(application=wish, themes=["experience", "skills"])
    OutcomeFactory(application=wish, reason="Budget")
    outside_factors(wish, outside_internal_candidate="played_a_part")
    # Bob's data never counts for Alice.
    bobs = rejected(bob)
    FeedbackFactory(application=bobs, themes=["experience", "budget"])
    OutcomeFactory(application=bobs, reason="Not enough experience, no budget")
    outside_factors(bobs, outside_internal_candidate="played_a_part", outside_panel="played_a_part")
    return {
        "both_sources": both_sources,
        "reason_only": reason_only,
        "reflected": reflected,
        "designer": designer,
    }


def test_counts_applications_per_reason_split_by_control(alice, data):
    result = reasons.compute(alice, DashboardFilters())
    assert bars_by_label(result["within"]) == {"Experience": 2, "Skills": 1}
    assert [bar["label"] for bar in result["within"].bars] == ["Experience", "Skills"]
    assert bars_by_label(result["outside"]) == {
        "An internal candidate": 2,
        "Budget or headcount": 1,
        "Internal candidate": 1,
    }
    assert [bar["value"] for bar in result["outside"].bars] == [2, 1, 1]
    assert result["has_reasons"] is True
    experience = result["within"].bars[0]
    assert experience["percent"] == 100
    assert result["within"].bars[1]["percent"] == 50


def test_each_number_equals_the_rows_behind_its_link(alice, data):
    result = reasons.compute(alice, DashboardFilters())
    for bar in result["within"].bars + result["outside"].bars:
        assert len(ids_behind(alice, bar["url"])) == bar["value"], bar["label"]
    experience = result["within"].bars[0]
    assert ids_behind(alice, experience["url"]) == {
        data["both_sources"].pk,
        data["reflected"].pk,
    }
    item = next(b for b in result["outside"].bars if b["label"] == "An internal candidate")
    assert "outside=outside_internal_candidate" in item["url"]


def test_links_open_the_application_list_with_those_rows(alice_client, alice, data):
    result = reasons.compute(alice, DashboardFilters())
    item = next(b for b in result["outside"].bars if b["label"] == "An internal candidate")
    response = alice_client.get(item["url"])
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 2
    budget = next(b for b in result["outside"].bars if b["label"] == "Budget or headcount")
    assert alice_client.get(budget["url"]).context["page_obj"].paginator.count == 1


def test_filters_apply(alice, data):
    result = reasons.compute(alice, DashboardFilters(role="designer"))
    assert bars_by_label(result["within"]) == {}
    assert bars_by_label(result["outside"]) == {"An internal candidate": 1}
    url = result["outside"].bars[0]["url"]
    assert "role=designer" in url
    assert ids_behind(alice, url) == {data["designer"].pk}


def test_other_users_data_never_counts(bob, data):
    result = reasons.compute(bob, DashboardFilters())
    assert bars_by_label(result["within"]) == {"Experience": 1}
    assert bars_by_label(result["outside"]) == {
        "An internal candidate": 1,
        "The panel disagreed": 1,
        "Budget or headcount": 1,
    }


def test_empty_panel_says_what_to_log(alice_client, alice):
    ApplicationFactory(user=alice)
    result = reasons.compute(alice, DashboardFilters())
    assert result["has_reasons"] is False
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "Finish a reflection after a rejection" in html
    assert reverse("reflection_list") in html


def test_htmx_request_gets_fragment_and_plain_request_a_page(alice_client, data):
    fragment = alice_client.get(URL, headers=HTMX)
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert "<html" not in html
    assert 'id="panel-reasons"' in html
    assert "Within your control" in html
    assert "Outside your control" in html
    assert "style=" not in html
    page = alice_client.get(URL)
    assert "<html" in page.content.decode()
    assert 'id="panel-reasons"' in page.content.decode()


def test_query_count_does_not_grow_with_data(alice_client, alice, data):
    with CaptureQueriesContext(connection) as small:
        alice_client.get(URL, headers=HTMX)
    for _ in range(6):
        application = rejected(alice)
        FeedbackFactory(application=application, themes=["skills", "confidence", "budget"])
        OutcomeFactory(application=application, reason="Communication and salary expectations")
        outside_factors(application, outside_panel="played_a_part", outside_budget="played_a_part")
    with CaptureQueriesContext(connection) as bigger:
        response = alice_client.get(URL, headers=HTMX)
    assert "Communication" in response.content.decode()
    assert len(bigger) == len(small)
