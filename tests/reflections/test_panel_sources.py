"""The "where your applications come from" panel: response and offer rate by source."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Stage, Status
from reflections.panels import sources
from reflections.panels.filters import DashboardFilters
from tests.factories import ApplicationFactory, InterviewFactory
from tests.reflections.drill_down import titles_behind
from workflows import services

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["sources"])
HTMX = {"HX-Request": "true"}


def application(user, source: str, status: str = "", **kwargs):
    created = ApplicationFactory(user=user, source=source, **kwargs)
    if status:
        services.application_change_status(application=created, status=status)
    return created


def rows(result) -> list[tuple]:
    return [
        (
            row["label"],
            row["value"],
            row["responses"],
            row["response_percent"],
            row["offers"],
            row["offer_percent"],
        )
        for row in result["sources"]
    ]


@pytest.fixture
def data(alice, bob):
    old = timezone.localdate() - datetime.timedelta(days=60)
    application(alice, "job_board", role_title="Board waiting", date_applied=old)
    rejected = application(alice, "job_board", role_title="Board rejected")
    services.rejection_record(application=rejected)
    application(alice, "job_board", Status.NO_RESPONSE, role_title="Board silent")
    application(alice, "job_board", Status.WITHDRAWN, role_title="Board withdrawn")

    application(alice, "referral", Status.SCREENING, role_title="Referral screening")
    application(alice, "referral", Status.OFFER, role_title="Referral offer")
    application(alice, "referral", Status.WISHLIST, role_title="Referral wish")

    called = application(alice, "recruiter", role_title="Agency called")
    InterviewFactory(application=called, stage=Stage.RECRUITER_SCREEN)
    application(alice, "recruiter", role_title="Agency waiting", date_applied=old)
    application(alice, "recruiter", role_title="Agency data role")

    application(alice, "", role_title="Unknown waiting")
    application(alice, "", Status.OFFER, role_title="Unknown offer")

    # Bob's applications never count for Alice.
    application(bob, "referral", Status.OFFER)
    application(bob, "network", Status.SCREENING)


def test_rates_by_source(alice, data):
    result = sources.compute(alice, DashboardFilters())
    assert rows(result) == [
        ("Job board", 4, 1, 25, 0, 0),
        ("Referral", 2, 2, 100, 1, 50),
        ("Recruiter or agency", 3, 1, 33, 0, 0),
        ("Not set", 2, 1, 50, 1, 50),
    ]
    assert [row["percent"] for row in result["sources"]] == [100, 50, 75, 50]


def test_links(alice, data):
    result = sources.compute(alice, DashboardFilters())
    board, referral, _agency, not_set = result["sources"]
    assert board["url"] == DashboardFilters().drill_down(source="job_board")
    assert board["response_url"] == DashboardFilters().drill_down(source="job_board", responded=1)
    assert board["offer_url"] == ""
    assert referral["offer_url"] == DashboardFilters().drill_down(
        source="referral", reached="offer"
    )
    # A blank source is the list's `no_source`.
    assert not_set["url"] == DashboardFilters().drill_down(no_source=1)
    assert not_set["response_url"] == DashboardFilters().drill_down(no_source=1, responded=1)
    assert not_set["offer_url"] == DashboardFilters().drill_down(no_source=1, reached="offer")


def test_links_select_the_applications_counted(alice_client, alice, data):
    result = sources.compute(alice, DashboardFilters())
    board, referral, agency, not_set = result["sources"]
    assert titles_behind(alice_client, board["url"]) == {
        "Board waiting",
        "Board rejected",
        "Board silent",
        "Board withdrawn",
    }
    assert titles_behind(alice_client, agency["url"]) == {
        "Agency called",
        "Agency waiting",
        "Agency data role",
    }
    # Exactly the applications counted: the referral wishlist entry is never in the list.
    assert titles_behind(alice_client, referral["url"]) == {"Referral screening", "Referral offer"}
    assert titles_behind(alice_client, referral["offer_url"]) == {"Referral offer"}
    assert titles_behind(alice_client, board["response_url"]) == {"Board rejected"}
    assert titles_behind(alice_client, referral["response_url"]) == {
        "Referral screening",
        "Referral offer",
    }
    assert titles_behind(alice_client, agency["response_url"]) == {"Agency called"}
    assert titles_behind(alice_client, not_set["url"]) == {"Unknown waiting", "Unknown offer"}
    assert titles_behind(alice_client, not_set["response_url"]) == {"Unknown offer"}
    assert titles_behind(alice_client, not_set["offer_url"]) == {"Unknown offer"}
    for row in result["sources"]:
        assert len(titles_behind(alice_client, row["url"])) == row["value"], row["label"]
        for count, url in (("responses", "response_url"), ("offers", "offer_url")):
            if row[count]:
                assert len(titles_behind(alice_client, row[url])) == row[count], row["label"]
            else:
                assert row[url] == "", row["label"]


def test_links_keep_the_filters(alice_client, alice, data):
    applied = sources.compute(alice, DashboardFilters(status=Status.APPLIED))
    agency, not_set = applied["sources"][1:]
    assert "status=applied" in not_set["url"]
    assert titles_behind(alice_client, not_set["url"]) == {"Unknown waiting"}
    assert not_set["response_url"] == ""
    assert titles_behind(alice_client, agency["response_url"]) == {"Agency called"}


def test_filters_change_the_numbers(alice, data):
    applied = sources.compute(alice, DashboardFilters(status=Status.APPLIED))
    assert rows(applied) == [
        ("Job board", 1, 0, 0, 0, 0),
        ("Recruiter or agency", 3, 1, 33, 0, 0),
        ("Not set", 1, 0, 0, 0, 0),
    ]
    assert "status=applied" in applied["sources"][0]["url"]

    referral = sources.compute(alice, DashboardFilters(source="referral"))
    assert rows(referral) == [("Referral", 2, 2, 100, 1, 50)]

    recent = sources.compute(
        alice, DashboardFilters(applied_from=timezone.localdate() - datetime.timedelta(days=30))
    )
    assert [(row["label"], row["value"]) for row in recent["sources"]] == [
        ("Job board", 3),
        ("Referral", 2),
        ("Recruiter or agency", 2),
        ("Not set", 2),
    ]

    role = sources.compute(alice, DashboardFilters(role="data"))
    assert rows(role) == [("Recruiter or agency", 1, 0, 0, 0, 0)]


def test_another_users_data_never_counts(bob, data):
    result = sources.compute(bob, DashboardFilters())
    assert rows(result) == [("Referral", 1, 1, 100, 1, 100), ("Network", 1, 1, 100, 0, 0)]


def test_panel_shows_rates_links_and_the_definition(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="panel-sources"' in html
    assert "a response is any reply from the employer" in html.lower()
    assert "reached screening, or it ended in a rejection or an offer" in html
    assert "source=referral&amp;reached=offer" in html
    assert "33%" in html
    assert "Not set" in html
    assert "no_source=1&amp;responded=1" in html
    assert "source=job_board&amp;responded=1" in html
    assert "wishlist entries not counted" in html
    assert "also show" not in html


def test_without_htmx_the_panel_is_a_full_page(alice_client, data):
    html = alice_client.get(URL).content.decode()
    assert "<html" in html
    assert 'id="panel-sources"' in html


def test_empty_panel_says_what_to_log(alice_client, alice, bob):
    ApplicationFactory(user=alice, status=Status.WISHLIST)
    ApplicationFactory(user=bob)
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "Log applications with where you found them" in html
    assert reverse("application_quick_add") in html
    assert "bar-chart" not in html


def seed(user, count: int) -> None:
    for n in range(count):
        source = ["job_board", "referral", "recruiter", "network", "other", ""][n % 6]
        status = ["", Status.SCREENING, Status.OFFER, Status.NO_RESPONSE, Status.WISHLIST][n % 5]
        application(user, source, status)


def queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        sources.compute(user, DashboardFilters())
    return len(captured)


def test_queries_do_not_grow_with_data(alice, bob):
    seed(alice, 3)
    seed(bob, 60)
    assert queries(alice) == queries(bob) == 1
