"""The "where you drop out" panel: funnel steps, conversions, first-interview pass rate and
the stages rejections came at."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Stage, Status
from reflections.panels import funnel
from reflections.panels.filters import DashboardFilters
from tests.factories import ApplicationFactory, InterviewFactory
from tests.reflections.drill_down import titles_behind
from workflows import services

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["funnel"])
HTMX = {"HX-Request": "true"}


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def interviews(application: Application, *stages: str) -> None:
    for n, stage in enumerate(stages):
        InterviewFactory(application=application, stage=stage, scheduled_at=days_ago(9 - n))


def first_interview(result) -> dict[str, int | None]:
    return {key: result["first_interview"][key] for key in ("decided", "passed", "percent")}


def steps(result) -> list[tuple[str, int, int | None]]:
    return [(bar["label"], bar["value"], bar.get("conversion")) for bar in result["steps"]]


def rejections(result) -> dict[str, int]:
    return {bar["label"]: bar["value"] for bar in result["rejections_chart"].bars}


@pytest.fixture
def data(alice, bob):
    ApplicationFactory(user=alice, role_title="Silence", date_applied=days_ago(100).date())
    # A wishlist entry is never counted, nor listed behind a number, whatever it holds.
    wish = ApplicationFactory(user=alice, role_title="Wish", status=Status.WISHLIST)
    interviews(wish, Stage.PHONE_SCREEN, Stage.TECHNICAL, Stage.FINAL)

    screened_out = ApplicationFactory(user=alice, role_title="Screened out")
    interviews(screened_out, Stage.PHONE_SCREEN)
    services.rejection_record(application=screened_out, stage_reached=Stage.PHONE_SCREEN)

    second_round = ApplicationFactory(user=alice, role_title="Second round")
    interviews(second_round, Stage.PHONE_SCREEN, Stage.TECHNICAL)
    services.rejection_record(application=second_round, stage_reached=Stage.TECHNICAL)

    offer = ApplicationFactory(user=alice, role_title="Offer", source="referral")
    interviews(offer, Stage.PHONE_SCREEN, Stage.TECHNICAL, Stage.FINAL)
    services.application_change_status(application=offer, status=Status.OFFER)

    screening = ApplicationFactory(user=alice, role_title="Screening")
    services.application_change_status(application=screening, status=Status.SCREENING)

    open_interview = ApplicationFactory(user=alice, role_title="Open interview")
    interviews(open_interview, Stage.TECHNICAL)
    services.application_change_status(application=open_interview, status=Status.INTERVIEWING)

    no_response = ApplicationFactory(user=alice, role_title="No response")
    services.application_change_status(application=no_response, status=Status.NO_RESPONSE)

    withdrawn = ApplicationFactory(user=alice, role_title="Withdrawn")
    interviews(withdrawn, Stage.TECHNICAL)
    services.application_change_status(application=withdrawn, status=Status.WITHDRAWN)

    # Bob's applications never count for Alice.
    bobs = ApplicationFactory(user=bob, role_title="Bob's offer")
    interviews(bobs, Stage.PHONE_SCREEN, Stage.FINAL)
    services.application_change_status(application=bobs, status=Status.OFFER)
    bobs_rejection = ApplicationFactory(user=bob, role_title="Bob's rejection")
    interviews(bobs_rejection, Stage.TECHNICAL)
    services.rejection_record(application=bobs_rejection, stage_reached=Stage.TECHNICAL)


def test_counts_every_step_and_conversion(alice, data):
    result = funnel.compute(alice, DashboardFilters())
    assert result["total"] == 8
    assert steps(result) == [
        ("Applied", 8, None),
        ("Heard back (screening or further)", 6, 75),
        ("Had an interview (a phone screen counts)", 5, 83),
        ("Reached a final round", 1, 20),
        ("Got an offer", 1, 100),
    ]
    assert [bar["percent"] for bar in result["steps"]] == [100, 75, 62.5, 12.5, 12.5]


def test_first_interview_pass_rate(alice, data):
    # Decided after a first interview: screened out, second round, offer, withdrawn (the open
    # interview is not decided yet). Passed: second round and offer.
    result = funnel.compute(alice, DashboardFilters())
    assert first_interview(result) == {"decided": 4, "passed": 2, "percent": 50}
    assert result["first_interview"]["decided_url"] == DashboardFilters().drill_down(
        first_interview="decided"
    )
    assert result["first_interview"]["passed_url"] == DashboardFilters().drill_down(
        first_interview="passed"
    )
    assert result["article"]["drop_out_percent"] == 40
    assert result["article"]["pass_percent"] == 60


def test_rejections_by_stage(alice, data):
    result = funnel.compute(alice, DashboardFilters())
    assert rejections(result) == {"Phone screen": 1, "Technical": 1}
    assert [bar["percent"] for bar in result["rejections_chart"].bars] == [100, 100]
    technical = result["rejections_chart"].bars[1]
    assert technical["url"] == DashboardFilters().drill_down(
        status="rejected", rejected_at="technical"
    )


def test_links_select_the_applications_counted(alice_client, alice, data):
    result = funnel.compute(alice, DashboardFilters())
    by_label = {bar["label"]: bar for bar in result["steps"]}
    assert titles_behind(
        alice_client, by_label["Had an interview (a phone screen counts)"]["url"]
    ) == {
        "Screened out",
        "Second round",
        "Offer",
        "Open interview",
        "Withdrawn",
    }
    heard_back = by_label["Heard back (screening or further)"]["url"]
    assert len(titles_behind(alice_client, heard_back)) == 6
    assert titles_behind(alice_client, by_label["Got an offer"]["url"]) == {"Offer"}
    technical = result["rejections_chart"].bars[1]
    assert titles_behind(alice_client, technical["url"]) == {"Second round"}
    # Exactly the applications counted: the wishlist entry is never in the list.
    assert result["total_url"] == by_label["Applied"]["url"]
    assert titles_behind(alice_client, by_label["Applied"]["url"]) == {
        "Silence",
        "Screened out",
        "Second round",
        "Offer",
        "Screening",
        "Open interview",
        "No response",
        "Withdrawn",
    }
    for bar in result["steps"] + result["rejections_chart"].bars:
        assert len(titles_behind(alice_client, bar["url"])) == bar["value"], bar["label"]


def test_first_interview_links_select_the_applications_counted(alice_client, alice, data):
    numbers = funnel.compute(alice, DashboardFilters())["first_interview"]
    assert titles_behind(alice_client, numbers["passed_url"]) == {"Second round", "Offer"}
    assert titles_behind(alice_client, numbers["decided_url"]) == {
        "Screened out",
        "Second round",
        "Offer",
        "Withdrawn",
    }
    rejected = funnel.compute(alice, DashboardFilters(status=Status.REJECTED))["first_interview"]
    assert "status=rejected" in rejected["decided_url"]
    assert titles_behind(alice_client, rejected["decided_url"]) == {"Screened out", "Second round"}
    assert titles_behind(alice_client, rejected["passed_url"]) == {"Second round"}


def test_a_zero_has_no_link(alice_client, alice, data):
    result = funnel.compute(alice, DashboardFilters(role="silence"))
    assert [bar["value"] for bar in result["steps"]] == [1, 0, 0, 0, 0]
    assert [bar["url"] for bar in result["steps"][1:]] == ["", "", "", ""]
    assert first_interview(result) == {"decided": 0, "passed": 0, "percent": None}
    assert result["first_interview"]["decided_url"] == ""
    assert result["first_interview"]["passed_url"] == ""
    html = alice_client.get(URL, {"role": "silence"}, headers=HTMX).content.decode()
    assert "No first interview has been decided yet." in html
    assert "first_interview=" not in html

    screened = funnel.compute(alice, DashboardFilters(role="screened out"))
    assert first_interview(screened) == {"decided": 1, "passed": 0, "percent": 0}
    assert screened["first_interview"]["passed_url"] == ""


def test_filters_change_the_numbers(alice, data):
    rejected = funnel.compute(alice, DashboardFilters(status=Status.REJECTED))
    assert steps(rejected) == [
        ("Applied", 2, None),
        ("Heard back (screening or further)", 2, 100),
        ("Had an interview (a phone screen counts)", 2, 100),
        ("Reached a final round", 0, 0),
        ("Got an offer", 0, None),
    ]
    assert first_interview(rejected) == {"decided": 2, "passed": 1, "percent": 50}
    assert rejected["steps"][3]["url"] == ""

    referral = funnel.compute(alice, DashboardFilters(source="referral"))
    assert [bar["value"] for bar in referral["steps"]] == [1, 1, 1, 1, 1]
    assert rejections(referral) == {}
    assert "source=referral" in referral["steps"][4]["url"]

    recent = funnel.compute(alice, DashboardFilters(applied_from=days_ago(30).date()))
    assert recent["total"] == 7

    role = funnel.compute(alice, DashboardFilters(role="round"))
    assert steps(role)[:3] == [
        ("Applied", 1, None),
        ("Heard back (screening or further)", 1, 100),
        ("Had an interview (a phone screen counts)", 1, 100),
    ]


def test_another_users_data_never_counts(bob, data):
    result = funnel.compute(bob, DashboardFilters())
    assert [bar["value"] for bar in result["steps"]] == [2, 2, 2, 1, 1]
    assert rejections(result) == {"Technical": 1}


def test_panel_shows_numbers_links_and_the_articles_figure(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="panel-funnel"' in html
    assert "reached=interview" in html
    assert "rejected_at=technical" in html
    assert "first_interview=passed" in html
    assert "first_interview=decided" in html
    assert ">2</a> of <a" in html
    assert "went beyond the first interview" in html
    assert "The article's figure, not yours" in html
    assert "About 40% of candidates do not get past the first interview stage" in html
    assert "How To Respond To Rejection After An Interview" in html
    assert "Step 3: Brush up on Your Interview Confidence" in html
    assert "wishlist entries not counted" in html
    assert "also shows" not in html


def test_without_htmx_the_panel_is_a_full_page(alice_client, data):
    html = alice_client.get(URL).content.decode()
    assert "<html" in html
    assert 'id="panel-funnel"' in html


def test_empty_panel_says_what_to_log(alice_client, alice):
    ApplicationFactory(user=alice, status=Status.WISHLIST)
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "Log applications and interviews to see your funnel" in html
    assert reverse("application_quick_add") in html
    assert "bar-chart" not in html


def test_filters_travel_in_the_panel_url(alice_client, data):
    html = alice_client.get(URL, {"source": "referral"}, headers=HTMX).content.decode()
    assert "source=referral&amp;reached=offer" in html
    assert "Screened out" not in html


def seed(user, count: int) -> None:
    for n in range(count):
        application = ApplicationFactory(user=user, source=["referral", "job_board", ""][n % 3])
        interviews(application, *[Stage.PHONE_SCREEN, Stage.TECHNICAL, Stage.FINAL][: n % 4])
        if n % 3 == 0:
            services.rejection_record(application=application)
        elif n % 3 == 1:
            services.application_change_status(application=application, status=Status.OFFER)


def queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        funnel.compute(user, DashboardFilters())
    return len(captured)


def test_queries_do_not_grow_with_data(alice, bob):
    seed(alice, 3)
    seed(bob, 40)
    assert queries(alice) == queries(bob) == 2
