"""The "qualifications you are missing" panel: requirements reflections marked missing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Application, Status
from reflections.panels import qualifications
from reflections.panels.filters import DashboardFilters
from reflections.services import (
    reflection_draft_for_rejection,
    reflection_save_section,
    reflection_start_for_interview,
)
from tests.factories import ApplicationFactory, InterviewFactory
from tests.reflections.drill_down import ids_behind

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["qualifications"])
HTMX = {"HX-Request": "true"}


def mark(reflection, verdicts: dict[str, str]) -> None:
    checks = {check.requirement: check.pk for check in reflection.requirement_checks.all()}
    reflection_save_section(
        reflection=reflection,
        section_key="qualifications",
        requirement_verdicts={
            checks[requirement]: verdict for requirement, verdict in verdicts.items()
        },
    )


def reflect(user, verdicts: dict[str, str], **fields):
    application = ApplicationFactory(
        user=user, status=Status.REJECTED, requirements="\n".join(verdicts), **fields
    )
    mark(reflection_draft_for_rejection(application=application), verdicts)
    return application


def rows(result) -> list[tuple[str, int, int]]:
    return [(bar["label"].lower(), bar["value"], bar["partly"]) for bar in result["chart"].bars]


@pytest.fixture
def data(alice, bob):
    first = reflect(alice, {"Python": "missing", "Kubernetes": "partly", "AWS": "met"})
    second = reflect(alice, {"python": "missing", "kubernetes": "missing"})
    third = reflect(alice, {"PYTHON": "partly", "Go": "missing"}, role_title="Backend developer")
    reflect(alice, {"Rust": ""})
    # A wishlist entry is never counted, nor listed behind a number.
    wish = reflect(alice, {"Python": "missing", "Go": "partly", "Kubernetes": "partly"})
    Application.objects.filter(pk=wish.pk).update(status=Status.WISHLIST)
    reflect(bob, {"Python": "missing", "Rust": "missing"})
    return [first, second, third]


def test_counts_missing_and_partly_case_insensitively(alice, data):
    result = qualifications.compute(alice, DashboardFilters())
    assert rows(result) == [("python", 2, 1), ("kubernetes", 1, 1), ("go", 1, 0)]
    bars = result["chart"].bars
    assert [bar["percent"] for bar in bars] == [100, 50, 50]
    assert bars[1]["partly_url"] == DashboardFilters().drill_down(partly="Kubernetes")
    assert bars[2]["partly_url"] == ""


def test_each_number_equals_the_rows_behind_its_link(alice, data):
    first, second, third = data
    bars = qualifications.compute(alice, DashboardFilters())["chart"].bars
    for bar in bars:
        assert len(ids_behind(alice, bar["url"])) == bar["value"], bar["label"]
        if bar["partly"]:
            assert len(ids_behind(alice, bar["partly_url"])) == bar["partly"], bar["label"]
    assert ids_behind(alice, bars[0]["url"]) == {first.pk, second.pk}
    # "Partly": PYTHON on the third, Kubernetes on the first; grouped case-insensitively.
    assert ids_behind(alice, bars[0]["partly_url"]) == {third.pk}
    assert ids_behind(alice, bars[1]["partly_url"]) == {first.pk}


def test_link_opens_the_application_list_with_those_rows(alice_client, alice, data):
    bars = qualifications.compute(alice, DashboardFilters())["chart"].bars
    assert alice_client.get(bars[0]["url"]).context["page_obj"].paginator.count == 2
    assert alice_client.get(bars[2]["url"]).context["page_obj"].paginator.count == 1
    partly = alice_client.get(bars[1]["partly_url"])
    assert partly.context["page_obj"].paginator.count == 1
    assert [row.pk for row in partly.context["page_obj"].object_list] == [data[0].pk]


def test_an_application_counts_once_however_many_reflections_mark_it(alice, data):
    interview = InterviewFactory(application=data[0])
    mark(reflection_start_for_interview(interview=interview), {"Python": "missing"})
    result = qualifications.compute(alice, DashboardFilters())
    assert rows(result)[0] == ("python", 2, 1)


def test_filters_apply(alice, data):
    result = qualifications.compute(alice, DashboardFilters(role="backend"))
    assert rows(result) == [("go", 1, 0)]
    assert "role=backend" in result["chart"].bars[0]["url"]
    assert qualifications.compute(alice, DashboardFilters(status="offer"))["chart"] is None


def test_other_users_data_never_counts(bob, data):
    result = qualifications.compute(bob, DashboardFilters())
    assert rows(result) == [("python", 1, 0), ("rust", 1, 0)]


def test_shows_the_top_ten(alice):
    reflect(alice, {f"Skill {n:02}": "missing" for n in range(12)})
    reflect(alice, {"Skill 11": "missing"})
    bars = qualifications.compute(alice, DashboardFilters())["chart"].bars
    assert len(bars) == 10
    assert (bars[0]["label"], bars[0]["value"]) == ("Skill 11", 2)
    assert [bar["label"] for bar in bars[1:]] == [f"Skill {n:02}" for n in range(9)]


def test_empty_panel_says_what_to_log(alice_client, alice):
    reflect(alice, {"Python": "met"})
    assert qualifications.compute(alice, DashboardFilters())["chart"] is None
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "No missing requirements yet" in html
    assert reverse("reflection_list") in html


def test_htmx_request_gets_fragment_and_plain_request_a_page(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="panel-qualifications"' in html
    assert "Kubernetes" in html
    assert "partly=Kubernetes" in html
    assert "partly=Go" not in html
    assert "style=" not in html
    assert "<html" in alice_client.get(URL).content.decode()


def test_query_count_does_not_grow_with_data(alice_client, alice, data):
    with CaptureQueriesContext(connection) as small:
        alice_client.get(URL, headers=HTMX)
    for n in range(8):
        reflect(alice, {f"Tool {n}": "missing", "Terraform": "partly", "Docker": "missing"})
    with CaptureQueriesContext(connection) as bigger:
        response = alice_client.get(URL, headers=HTMX)
    assert "Docker" in response.content.decode()
    assert len(bigger) == len(small)
