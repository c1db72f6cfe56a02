"""The "it went well, and still no" panel: debrief ratings against what followed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Status
from reflections.panels import went_well
from reflections.panels.filters import DashboardFilters
from tests.factories import ApplicationFactory, InterviewFactory, OutcomeFactory
from tests.reflections.drill_down import ids_behind

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["went_well"])
HTMX = {"HX-Request": "true"}


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def interviews(application, *ratings) -> None:
    """Interviews of the application, one a day up to yesterday, rated in that order."""
    for position, rating in enumerate(ratings):
        InterviewFactory(
            application=application, rating=rating, scheduled_at=days_ago(len(ratings) - position)
        )


NUMBERS = (("interviews", "url"), ("went_on", "went_on_url"), ("rejected", "rejected_url"))


def totals(high) -> dict[str, int]:
    return {key: high[key] for key, _url in NUMBERS}


def counts(result) -> dict[int, tuple[int, int, int]]:
    return {
        row["rating"]: (row["interviews"], row["went_on"], row["rejected"])
        for row in result["rows"]
    }


@pytest.fixture
def data(alice, bob):
    # A 5 that went on to a second interview, a 4 that ended in rejection.
    two_rounds = ApplicationFactory(user=alice, status=Status.REJECTED)
    interviews(two_rounds, 5, 4)
    # A 5 that led to an offer (the status history says so).
    offered = ApplicationFactory(user=alice, status=Status.OFFER, role_title="Lead")
    interviews(offered, 5)
    # A 2 that ended in rejection.
    low = ApplicationFactory(user=alice, status=Status.REJECTED)
    interviews(low, 2)
    # A 3 still waiting: undecided.
    waiting = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    interviews(waiting, 3)
    # A 5 followed by an interview not rated yet: it went on, whatever happened next.
    unrated_next = ApplicationFactory(user=alice, status=Status.REJECTED)
    interviews(unrated_next, 5, None)
    # An offer recorded only as an outcome still counts as going on.
    outcome_offer = ApplicationFactory(user=alice, status=Status.ACCEPTED)
    OutcomeFactory(application=outcome_offer, result="offer")
    interviews(outcome_offer, 1)
    # A wishlist entry is never counted, nor listed behind a number.
    interviews(ApplicationFactory(user=alice, status=Status.WISHLIST), 5)
    bobs = ApplicationFactory(user=bob, status=Status.REJECTED)
    interviews(bobs, 5, 5, 1)
    return {
        "low": low,
        "outcome_offer": outcome_offer,
        "two_rounds": two_rounds,
        "offered": offered,
        "unrated_next": unrated_next,
    }


def test_counts_per_rating(alice, data):
    result = went_well.compute(alice, DashboardFilters())
    assert counts(result) == {
        1: (1, 1, 0),
        2: (1, 0, 1),
        3: (1, 0, 0),
        4: (1, 0, 1),
        5: (3, 3, 0),
    }
    assert totals(result["high"]) == {"interviews": 4, "went_on": 3, "rejected": 1}
    assert [row["pass_rate"] for row in result["rows"]] == [1, 0, None, 0, 1]
    bars = result["chart"].bars
    assert [bar["value"] for bar in bars] == ["100%", "0%", "—", "0%", "100%"]
    assert [bar["percent"] for bar in bars] == [100, 0, 0, 0, 100]
    assert bars[4]["note"] == "· 3 of 3 went on"
    assert bars[2]["note"] == "· none decided yet"
    assert result["verdict"] == "not enough data"


def test_verdict_rule():
    def totals(went_on, rejected):
        return {"interviews": went_on + rejected, "went_on": went_on, "rejected": rejected}

    assert went_well._verdict(totals(3, 0), totals(1, 2)) == "well"
    assert went_well._verdict(totals(2, 1), totals(1, 2)) == "well"  # 67% against 33%
    assert went_well._verdict(totals(3, 1), totals(1, 2)) == "well"  # 75% against 33%
    assert went_well._verdict(totals(2, 2), totals(1, 2)) == "weakly"  # 50% against 33%
    assert went_well._verdict(totals(1, 2), totals(3, 0)) == "weakly"
    assert went_well._verdict(totals(2, 0), totals(0, 3)) == "not enough data"
    assert went_well._verdict(totals(3, 0), totals(0, 2)) == "not enough data"


def test_verdict_from_data(alice_client, alice):
    for _ in range(3):
        interviews(ApplicationFactory(user=alice, status=Status.REJECTED), 5, 4)
        interviews(ApplicationFactory(user=alice, status=Status.REJECTED), 1)
    result = went_well.compute(alice, DashboardFilters())
    assert result["verdict"] == "well"
    assert counts(result)[5] == (3, 3, 0)
    assert counts(result)[1] == (3, 0, 3)
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "Your ratings predict outcomes well." in html


def test_each_number_drills_down_to_its_applications(alice, data):
    rows = {row["rating"]: row for row in went_well.compute(alice, DashboardFilters())["rows"]}
    went_on_five = {data["two_rounds"].pk, data["offered"].pk, data["unrated_next"].pk}
    assert ids_behind(alice, rows[5]["url"]) == went_on_five
    assert ids_behind(alice, rows[5]["went_on_url"]) == went_on_five
    assert rows[4]["rejected_url"] == DashboardFilters().drill_down(
        rating=4, rating_outcome="rejected"
    )
    assert ids_behind(alice, rows[4]["rejected_url"]) == {data["two_rounds"].pk}
    assert ids_behind(alice, rows[2]["rejected_url"]) == {data["low"].pk}
    assert rows[1]["went_on_url"] == DashboardFilters().drill_down(
        rating=1, rating_outcome="went_on"
    )
    assert ids_behind(alice, rows[1]["went_on_url"]) == {data["outcome_offer"].pk}
    # Here no application has two interviews of one rating: each count is its rows.
    for row in rows.values():
        for count, url in NUMBERS:
            if row[count]:
                assert len(ids_behind(alice, row[url])) == row[count], (row["rating"], count)
            else:
                assert row[url] == "", (row["rating"], count)
    assert [bar["url"] for bar in went_well.compute(alice, DashboardFilters())["chart"].bars] == [
        row["url"] for row in rows.values()
    ]


def test_headline_numbers_drill_down_to_the_applications_with_such_interviews(alice, data):
    high = went_well.compute(alice, DashboardFilters())["high"]
    assert high["url"] == DashboardFilters().drill_down(rating_min=4)
    assert high["went_on_url"] == DashboardFilters().drill_down(
        rating_min=4, rating_outcome="went_on"
    )
    assert high["rejected_url"] == DashboardFilters().drill_down(
        rating_min=4, rating_outcome="rejected"
    )
    went_on_five = {data["two_rounds"].pk, data["offered"].pk, data["unrated_next"].pk}
    # Four interviews rated 4 or 5, in three applications (one had a 5 and a 4).
    assert high["interviews"] == 4
    assert ids_behind(alice, high["url"]) == went_on_five
    assert ids_behind(alice, high["went_on_url"]) == went_on_five
    assert ids_behind(alice, high["rejected_url"]) == {data["two_rounds"].pk}


def test_a_zero_has_no_link(alice_client, alice, data):
    result = went_well.compute(alice, DashboardFilters(role="lead"))
    assert totals(result["high"]) == {"interviews": 1, "went_on": 1, "rejected": 0}
    assert result["high"]["rejected_url"] == ""
    assert ids_behind(alice, result["high"]["went_on_url"]) == {data["offered"].pk}
    assert all(not row["url"] for row in result["rows"][:4])
    html = alice_client.get(URL, {"role": "lead"}, headers=HTMX).content.decode()
    assert "rating_outcome=rejected" not in html
    assert "rating_min=4&amp;rating_outcome=went_on" in html


def test_link_opens_the_application_list_with_those_rows(alice_client, alice, data):
    rows = {row["rating"]: row for row in went_well.compute(alice, DashboardFilters())["rows"]}
    assert alice_client.get(rows[5]["url"]).context["page_obj"].paginator.count == 3
    assert alice_client.get(rows[2]["rejected_url"]).context["page_obj"].paginator.count == 1
    assert alice_client.get(rows[5]["went_on_url"]).context["page_obj"].paginator.count == 3
    high = went_well.compute(alice, DashboardFilters())["high"]
    assert alice_client.get(high["url"]).context["page_obj"].paginator.count == 3
    assert alice_client.get(high["rejected_url"]).context["page_obj"].paginator.count == 1


def test_filters_apply(alice, data):
    result = went_well.compute(alice, DashboardFilters(role="lead"))
    assert counts(result) == {1: (0, 0, 0), 2: (0, 0, 0), 3: (0, 0, 0), 4: (0, 0, 0), 5: (1, 1, 0)}
    assert "role=lead" in result["rows"][4]["url"]
    result = went_well.compute(alice, DashboardFilters(status=Status.REJECTED))
    assert counts(result)[5] == (2, 2, 0)
    assert counts(result)[1] == (0, 0, 0)


def test_other_users_data_never_counts(bob, data):
    result = went_well.compute(bob, DashboardFilters())
    assert counts(result)[5] == (2, 2, 0)
    assert counts(result)[1] == (1, 0, 1)
    assert sum(row["interviews"] for row in result["rows"]) == 3


def test_empty_panel_says_what_to_log(alice_client, alice):
    interviews(ApplicationFactory(user=alice), None)
    assert went_well.compute(alice, DashboardFilters())["chart"] is None
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "No rated interviews yet" in html
    assert reverse("application_list") in html


def test_htmx_request_gets_fragment_and_plain_request_a_page(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="panel-went_well"' in html
    assert "you rated 4 or 5, <strong><a href=" in html
    assert ">1</a></strong> ended in rejection" in html
    assert "rating_min=4&amp;rating_outcome=rejected" in html
    assert "rating=5&amp;rating_outcome=went_on" in html
    assert "each link opens the applications that had such an interview" in html
    assert "not yet enough data" in html
    assert "style=" not in html
    assert "<html" in alice_client.get(URL).content.decode()


def test_query_count_does_not_grow_with_data(alice_client, alice, data):
    with CaptureQueriesContext(connection) as small:
        alice_client.get(URL, headers=HTMX)
    for _ in range(6):
        interviews(ApplicationFactory(user=alice, status=Status.REJECTED), 3, 4, 5)
        interviews(ApplicationFactory(user=alice, status=Status.OFFER), 2)
    with CaptureQueriesContext(connection) as bigger:
        response = alice_client.get(URL, headers=HTMX)
    assert response.status_code == 200
    assert counts(went_well.compute(alice, DashboardFilters()))[2] == (7, 6, 1)
    assert len(bigger) == len(small)
