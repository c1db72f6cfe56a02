"""The activity panel: applications and interviews week by week."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Status
from reflections.panels import activity
from reflections.panels.filters import DashboardFilters
from tests.factories import ApplicationFactory, InterviewFactory
from tests.reflections.drill_down import titles_behind

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["activity"])
HTMX = {"HX-Request": "true"}


def monday(weeks_ago: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday() + 7 * weeks_ago)


def at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def label(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


def bars(chart) -> list[tuple[str, int, str]]:
    return [(bar["label"], bar["value"], bar.get("note", "")) for bar in chart.bars]


@pytest.fixture
def data(alice, bob):
    week1 = monday(1)
    first = ApplicationFactory(user=alice, role_title="Week1 Monday", date_applied=week1)
    InterviewFactory(application=first, scheduled_at=at_noon(week1 + datetime.timedelta(days=1)))
    InterviewFactory(application=first, scheduled_at=at_noon(week1 + datetime.timedelta(days=3)))
    ApplicationFactory(
        user=alice,
        role_title="Week1 Sunday",
        date_applied=week1 + datetime.timedelta(days=6),
        status=Status.REJECTED,
    )
    # A wishlist entry is never counted, nor listed behind a number, whatever it holds.
    wish = ApplicationFactory(
        user=alice,
        role_title="Week1 wish",
        date_applied=week1 + datetime.timedelta(days=2),
        status=Status.WISHLIST,
    )
    InterviewFactory(application=wish, scheduled_at=at_noon(monday(2) + datetime.timedelta(2)))
    third = ApplicationFactory(
        user=alice, role_title="Week3", date_applied=monday(3), source="referral"
    )
    InterviewFactory(application=third, scheduled_at=at_noon(monday(2) + datetime.timedelta(4)))
    # Bob's activity never counts for Alice.
    bobs = ApplicationFactory(user=bob, date_applied=week1)
    InterviewFactory(application=bobs, scheduled_at=at_noon(week1))


def test_counts_applications_and_interviews_per_week(alice, data):
    result = activity.compute(alice, DashboardFilters())
    assert bars(result["applications_chart"]) == [
        (label(monday(1)), 2, ""),
        (label(monday(3)), 1, ""),
    ]
    assert bars(result["interviews_chart"]) == [
        (label(monday(1)), 2, "(1 application)"),
        (label(monday(2)), 1, ""),
    ]
    assert [bar["percent"] for bar in result["applications_chart"].bars] == [100, 50]
    assert [bar["percent"] for bar in result["interviews_chart"].bars] == [100, 50]
    assert result["has_activity"]


def test_links_drill_down_by_week(alice, data):
    result = activity.compute(alice, DashboardFilters())
    assert result["applications_chart"].bars[1]["url"] == DashboardFilters().drill_down(
        week=monday(3).isoformat()
    )
    assert result["interviews_chart"].bars[0]["url"] == DashboardFilters().drill_down(
        interview_week=monday(1).isoformat()
    )


def test_links_select_the_applications_counted(alice_client, alice, data):
    result = activity.compute(alice, DashboardFilters())
    applied_week1, applied_week3 = result["applications_chart"].bars
    interviews_week1, interviews_week2 = result["interviews_chart"].bars
    assert titles_behind(alice_client, applied_week3["url"]) == {"Week3"}
    assert titles_behind(alice_client, interviews_week1["url"]) == {"Week1 Monday"}
    # Exactly the applications counted: the wishlist entry is in neither week's list.
    assert titles_behind(alice_client, interviews_week2["url"]) == {"Week3"}
    assert titles_behind(alice_client, applied_week1["url"]) == {"Week1 Monday", "Week1 Sunday"}
    for bar in result["applications_chart"].bars:
        assert len(titles_behind(alice_client, bar["url"])) == bar["value"], bar["label"]


def test_links_keep_the_filters(alice_client, alice, data):
    rejected = activity.compute(alice, DashboardFilters(status=Status.REJECTED))
    (week1,) = rejected["applications_chart"].bars
    assert "status=rejected" in week1["url"]
    assert titles_behind(alice_client, week1["url"]) == {"Week1 Sunday"}


def test_filters_change_the_numbers(alice, data):
    referral = activity.compute(alice, DashboardFilters(source="referral"))
    assert bars(referral["applications_chart"]) == [(label(monday(3)), 1, "")]
    assert bars(referral["interviews_chart"]) == [(label(monday(2)), 1, "")]
    assert "source=referral" in referral["applications_chart"].bars[0]["url"]

    recent = activity.compute(alice, DashboardFilters(applied_from=monday(2)))
    assert [bar["value"] for bar in recent["applications_chart"].bars] == [2]
    assert [bar["value"] for bar in recent["interviews_chart"].bars] == [2]

    rejected = activity.compute(alice, DashboardFilters(status=Status.REJECTED))
    assert bars(rejected["applications_chart"]) == [(label(monday(1)), 1, "")]
    assert rejected["interviews_chart"].bars == []

    role = activity.compute(alice, DashboardFilters(role="monday"))
    assert [bar["value"] for bar in role["applications_chart"].bars] == [1]


def test_another_users_data_never_counts(bob, data):
    result = activity.compute(bob, DashboardFilters())
    assert bars(result["applications_chart"]) == [(label(monday(1)), 1, "")]
    assert bars(result["interviews_chart"]) == [(label(monday(1)), 1, "")]


def test_shows_the_26_weeks_up_to_the_latest_entry(alice):
    for weeks_ago in range(2, 32):
        if weeks_ago % 10 != 5:  # weeks without any are left out
            ApplicationFactory(user=alice, date_applied=monday(weeks_ago))
    chart = activity.compute(alice, DashboardFilters())["applications_chart"]
    # The window is the latest entry's week (2 weeks ago) and the 25 weeks before it.
    shown = [monday(n) for n in range(2, 28) if n % 10 != 5]
    assert [bar["label"] for bar in chart.bars] == [label(day) for day in shown]


def test_panel_shows_charts_and_links(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="panel-activity"' in html
    assert f"week={monday(3).isoformat()}" in html
    assert f"interview_week={monday(1).isoformat()}" in html
    assert "Weeks start on Monday" in html
    assert html.count("bar-chart-bar") == 4


def test_without_htmx_the_panel_is_a_full_page(alice_client, data):
    html = alice_client.get(URL).content.decode()
    assert "<html" in html
    assert 'id="panel-activity"' in html


def test_empty_panel_says_what_to_log(alice_client, alice, bob):
    ApplicationFactory(user=alice, status=Status.WISHLIST)
    ApplicationFactory(user=bob)
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "Log applications and interviews to see your activity" in html
    assert reverse("application_quick_add") in html
    assert "bar-chart" not in html


def seed(user, count: int) -> None:
    for n in range(count):
        application = ApplicationFactory(user=user, date_applied=monday(n % 40))
        if n % 2:
            InterviewFactory(application=application, scheduled_at=at_noon(monday(n % 30)))


def queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        activity.compute(user, DashboardFilters())
    return len(captured)


def test_queries_do_not_grow_with_data(alice, bob):
    seed(alice, 3)
    seed(bob, 80)
    assert queries(alice) == queries(bob) == 3


def test_a_date_in_year_one_is_no_server_error(alice_client, alice):
    """Found by review: an application dated 0001-01-03 (the forms accept it) made the panel
    reach back 25 weeks before the first day there is."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone as tz

    from tests.factories import ApplicationFactory, InterviewFactory

    early = ApplicationFactory(user=alice, date_applied=dt.date(1, 1, 3))
    InterviewFactory(
        application=early,
        scheduled_at=tz.make_aware(dt.datetime(1, 1, 10, 12), dt.UTC),
    )
    response = alice_client.get(
        reverse("dashboard_panel", args=["activity"]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    result = activity.compute(alice, DashboardFilters())
    assert [bar["value"] for bar in result["applications_chart"].bars] == [1]
    assert [bar["value"] for bar in result["interviews_chart"].bars] == [1]
