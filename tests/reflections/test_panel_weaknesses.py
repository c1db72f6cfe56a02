"""The "what you keep struggling with" panel: items marked "needs work", and their trend."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Status
from reflections import checklist
from reflections.models import Reflection
from reflections.panels import weaknesses
from reflections.panels.filters import DashboardFilters
from reflections.services import reflection_save_section, reflection_start_for_interview
from tests.factories import ApplicationFactory, InterviewFactory, ReflectionFactory
from tests.reflections.drill_down import ids_behind

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["weaknesses"])
HTMX = {"HX-Request": "true"}
START = datetime.date(2025, 3, 3)
NW, WW = "needs_work", "went_well"


def noon(day: int) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(START + datetime.timedelta(days=day), datetime.time(12))
    )


def save_answers(reflection, day: int, answers: dict[str, str]) -> None:
    for section in checklist.sections(reflection.checklist_version):
        mine = {item.key: answers[item.key] for item in section.items if item.key in answers}
        if mine:
            reflection_save_section(reflection=reflection, section_key=section.key, answers=mine)
    Reflection.objects.filter(pk=reflection.pk).update(created_at=noon(day))


def assess(user, day: int, role_title: str = "Engineer", **answers):
    application = ApplicationFactory(
        user=user,
        status=Status.REJECTED,
        role_title=role_title,
        date_applied=START + datetime.timedelta(days=day),
    )
    save_answers(ReflectionFactory(application=application), day, answers)
    return application


def by_key(result) -> dict[str, dict]:
    return {bar["key"]: bar for bar in result["chart"].bars}


@pytest.fixture
def data(alice, bob):
    # Days 0 to 10: the middle of the period is day 5.
    first = assess(
        alice,
        0,
        perf_confidence=NW,
        prep_company_research=NW,
        perf_common_questions=WW,
        perf_asked_questions=NW,
        perf_no_interrupting=NW,
    )
    second = assess(alice, 2, perf_confidence=NW, prep_company_research=WW, perf_no_interrupting=WW)
    third = assess(
        alice,
        8,
        role_title="Designer",
        perf_confidence=WW,
        prep_company_research=NW,
        perf_no_interrupting=NW,
    )
    fourth = assess(
        alice, 10, perf_confidence=WW, prep_company_research=NW, perf_no_interrupting=WW
    )
    # A wishlist entry is never counted, nor listed behind a number.
    wish = assess(alice, 4, perf_confidence=NW, perf_asked_questions=NW)
    Application.objects.filter(pk=wish.pk).update(status=Status.WISHLIST)
    assess(bob, 1, perf_confidence=NW, prep_dress_code=NW)
    assess(bob, 9, perf_confidence=NW, prep_dress_code=NW)
    return [first, second, third, fourth]


def test_counts_and_trends(alice, data):
    result = weaknesses.compute(alice, DashboardFilters())
    bars = result["chart"].bars
    assert [(bar["key"], bar["value"], bar["trend"]) for bar in bars] == [
        ("prep_company_research", 3, "getting worse"),
        ("perf_confidence", 2, "getting better"),
        ("perf_no_interrupting", 2, "no change"),
        ("perf_asked_questions", 1, "not enough data"),
    ]
    rows = by_key(result)
    assert rows["prep_company_research"]["early_share"] == 0.5
    assert rows["prep_company_research"]["late_share"] == 1
    assert rows["perf_confidence"]["early_share"] == 1
    assert rows["perf_confidence"]["late_share"] == 0
    assert rows["perf_no_interrupting"]["early_share"] == 0.5
    assert rows["perf_no_interrupting"]["late_share"] == 0.5
    assert rows["perf_asked_questions"]["early_share"] is None
    assert rows["perf_asked_questions"]["late_share"] is None
    assert result["middle"] == noon(5)
    assert rows["perf_confidence"]["label"] == "Confidence and body language"
    assert rows["prep_company_research"]["percent"] == 100
    assert rows["perf_asked_questions"]["percent"] == pytest.approx(100 / 3)


def test_each_number_equals_the_rows_behind_its_link(alice, data):
    result = weaknesses.compute(alice, DashboardFilters())
    first, second, third, fourth = data
    for bar in result["chart"].bars:
        assert len(ids_behind(alice, bar["url"])) == bar["value"], bar["key"]
    assert ids_behind(alice, by_key(result)["prep_company_research"]["url"]) == {
        first.pk,
        third.pk,
        fourth.pk,
    }


def test_link_opens_the_application_list_with_those_rows(alice_client, alice, data):
    url = by_key(weaknesses.compute(alice, DashboardFilters()))["perf_confidence"]["url"]
    assert "weakness=perf_confidence" in url
    response = alice_client.get(url)
    assert response.context["page_obj"].paginator.count == 2


def test_an_application_counts_once_however_many_reflections_mark_it(alice, data):
    application = data[0]
    interview = InterviewFactory(application=application)
    save_answers(reflection_start_for_interview(interview=interview), 0, {"perf_confidence": NW})
    bar = by_key(weaknesses.compute(alice, DashboardFilters()))["perf_confidence"]
    assert bar["value"] == 2
    assert len(ids_behind(alice, bar["url"])) == 2


def test_filters_apply_and_their_dates_set_the_period(alice, data):
    result = weaknesses.compute(alice, DashboardFilters(role="designer"))
    assert [(bar["key"], bar["value"]) for bar in result["chart"].bars] == [
        ("perf_no_interrupting", 1),
        ("prep_company_research", 1),
    ]
    assert "role=designer" in result["chart"].bars[0]["url"]
    # Applied on days 1 to 10: the reflections of those applications span day 2 noon to day 10
    # noon, so the halves split at day 6 noon, whatever the filter's own dates.
    dated = DashboardFilters(
        applied_from=START + datetime.timedelta(days=1),
        applied_to=START + datetime.timedelta(days=10),
    )
    result = weaknesses.compute(alice, dated)
    assert result["middle"] == noon(6)
    rows = by_key(result)
    assert set(rows) == {"prep_company_research", "perf_confidence", "perf_no_interrupting"}
    assert rows["prep_company_research"]["value"] == 2
    assert rows["perf_confidence"]["value"] == 1
    assert rows["perf_confidence"]["trend"] == "not enough data"


def test_other_users_data_never_counts(bob, data):
    result = weaknesses.compute(bob, DashboardFilters())
    assert [(bar["key"], bar["value"], bar["trend"]) for bar in result["chart"].bars] == [
        ("perf_confidence", 2, "not enough data"),
        ("prep_dress_code", 2, "not enough data"),
    ]


def test_shows_the_top_eight(alice):
    nine = [
        "prep_company_research",
        "prep_dress_code",
        "prep_video_ready",
        "prep_on_time",
        "perf_common_questions",
        "perf_competency_examples",
        "perf_confidence",
        "perf_no_interrupting",
        "perf_asked_questions",
    ]
    assess(alice, 0, **dict.fromkeys(nine, NW))
    assess(alice, 1, perf_asked_questions=NW)
    bars = weaknesses.compute(alice, DashboardFilters())["chart"].bars
    assert len(bars) == 8
    assert bars[0]["key"] == "perf_asked_questions"
    assert bars[0]["value"] == 2
    assert "prep_video_ready" not in {bar["key"] for bar in bars}


def test_empty_panel_says_what_to_log(alice_client, alice):
    assert weaknesses.compute(alice, DashboardFilters())["chart"] is None
    assess(alice, 0, perf_confidence=WW)
    assert weaknesses.compute(alice, DashboardFilters())["chart"] is None
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "Finish a reflection after a rejection" in html
    assert reverse("reflection_list") in html


def test_htmx_request_gets_fragment_and_plain_request_a_page(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="panel-weaknesses"' in html
    assert "Researched the company, its history and the position" in html
    assert "getting worse" in html
    assert "style=" not in html
    assert "<html" in alice_client.get(URL).content.decode()


def test_query_count_does_not_grow_with_data(alice_client, alice, data):
    with CaptureQueriesContext(connection) as small:
        alice_client.get(URL, headers=HTMX)
    for day in range(12):
        assess(alice, day, perf_skills_test=NW, prep_on_time=NW, perf_confidence=NW)
    with CaptureQueriesContext(connection) as bigger:
        response = alice_client.get(URL, headers=HTMX)
    assert "The skills test or technical exercise" in response.content.decode()
    assert len(bigger) == len(small)


def test_a_date_filter_covering_everything_changes_no_trend(alice, data):
    everything = DashboardFilters(
        applied_from=START - datetime.timedelta(days=30),
        applied_to=START + datetime.timedelta(days=30),
    )
    trends = {
        bar["key"]: bar["trend"] for bar in weaknesses.compute(alice, everything)["chart"].bars
    }
    unfiltered = {
        bar["key"]: bar["trend"]
        for bar in weaknesses.compute(alice, DashboardFilters())["chart"].bars
    }
    assert trends == unfiltered
