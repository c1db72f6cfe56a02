"""The feedback panel: how often it was asked for, how often it came, how long it took, and how
often an application ended with no response."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Feedback, Status
from reflections.panels import feedback
from reflections.panels.filters import DashboardFilters
from tests.factories import ApplicationFactory, FeedbackFactory
from tests.reflections.drill_down import titles_behind
from workflows import services

pytestmark = pytest.mark.django_db

URL = reverse("dashboard_panel", args=["feedback"])
HTMX = {"HX-Request": "true"}


def days_ago(days: int | None) -> datetime.date | None:
    return None if days is None else timezone.localdate() - datetime.timedelta(days=days)


def ended(user, status: str, role_title: str, **kwargs):
    application = ApplicationFactory(user=user, role_title=role_title, **kwargs)
    services.application_change_status(application=application, status=status)
    return application


def asked(application, requested: int | None, received: int | None) -> None:
    FeedbackFactory(
        application=application, requested_on=days_ago(requested), received_on=days_ago(received)
    )


def numbers(result) -> dict:
    return {
        "ended": result["ended"],
        "asked": (result["asked"]["value"], result["asked"]["percent"]),
        "received": (result["received"]["value"], result["received"]["percent"]),
        "no_response": (result["no_response"]["value"], result["no_response"]["percent"]),
        "waits": result["waits"],
        "median_days": result["median_days"],
    }


@pytest.fixture
def data(alice, bob):
    six_days = ended(alice, Status.REJECTED, "Six days", source="referral")
    asked(six_days, 10, 4)
    two_and_three = ended(alice, Status.REJECTED, "Two and three days")
    asked(two_and_three, 10, 8)
    asked(two_and_three, 7, 4)
    unanswered = ended(alice, Status.REJECTED, "Unanswered")
    asked(unanswered, 5, None)
    ended(alice, Status.NO_RESPONSE, "Silence")
    unasked = ended(alice, Status.WITHDRAWN, "Unasked", source="referral")
    asked(unasked, None, 3)
    late = ended(alice, Status.NO_RESPONSE, "Ten days late")
    asked(late, 20, 10)
    # An open application's feedback is not counted, nor listed behind a number.
    still_open = ApplicationFactory(user=alice, role_title="Still open", status=Status.INTERVIEWING)
    asked(still_open, 2, 1)
    # Bob's feedback never counts for Alice.
    bobs = ended(bob, Status.REJECTED, "Bob's")
    asked(bobs, 30, 1)
    ended(bob, Status.NO_RESPONSE, "Bob's silence")


def test_counts_over_ended_applications(alice, data):
    result = feedback.compute(alice, DashboardFilters())
    assert numbers(result) == {
        "ended": 6,
        "asked": (4, 67),
        "received": (4, 67),
        "no_response": (2, 33),
        "waits": 4,
        "median_days": 4.5,  # waits of 2, 3, 6 and 10 days
    }


def test_median_of_an_odd_number_of_waits(alice, data):
    result = feedback.compute(alice, DashboardFilters(status=Status.REJECTED))
    assert numbers(result) == {
        "ended": 3,
        "asked": (3, 100),
        "received": (2, 67),
        "no_response": (0, 0),
        "waits": 3,
        "median_days": 3,  # waits of 2, 3 and 6 days
    }
    assert result["no_response"]["url"] == ""


def test_median_in_sql_fetches_only_the_middle(alice, data):
    entries = Feedback.objects.filter(application__user=alice, application__status="no_response")
    with CaptureQueriesContext(connection) as captured:
        assert feedback.median_wait(entries) == (1, 10)
    assert len(captured) == 2
    assert "LIMIT 1" in captured[-1]["sql"]


def test_links(alice, data):
    result = feedback.compute(alice, DashboardFilters())
    assert result["ended_url"] == DashboardFilters().drill_down(ended=1)
    assert result["asked"]["url"] == DashboardFilters().drill_down(ended=1, feedback="requested")
    assert result["received"]["url"] == DashboardFilters().drill_down(ended=1, feedback="received")
    assert result["no_response"]["url"] == DashboardFilters().drill_down(status="no_response")


def test_links_select_the_applications_counted(alice_client, alice, data):
    result = feedback.compute(alice, DashboardFilters())
    assert titles_behind(alice_client, result["ended_url"]) == {
        "Six days",
        "Two and three days",
        "Unanswered",
        "Silence",
        "Unasked",
        "Ten days late",
    }
    assert titles_behind(alice_client, result["no_response"]["url"]) == {"Silence", "Ten days late"}
    # Exactly the ended applications counted: the open one with feedback is not in the lists.
    assert titles_behind(alice_client, result["asked"]["url"]) == {
        "Six days",
        "Two and three days",
        "Unanswered",
        "Ten days late",
    }
    assert titles_behind(alice_client, result["received"]["url"]) == {
        "Six days",
        "Two and three days",
        "Unasked",
        "Ten days late",
    }


def test_links_keep_the_filters_and_a_zero_has_none(alice_client, alice, data):
    referral = feedback.compute(alice, DashboardFilters(source="referral"))
    assert "source=referral" in referral["ended_url"]
    assert titles_behind(alice_client, referral["ended_url"]) == {"Six days", "Unasked"}
    assert titles_behind(alice_client, referral["asked"]["url"]) == {"Six days"}
    assert titles_behind(alice_client, referral["received"]["url"]) == {"Six days", "Unasked"}
    assert referral["no_response"]["url"] == ""

    silence = feedback.compute(alice, DashboardFilters(role="silence"))
    assert numbers(silence)["asked"] == (0, 0)
    assert silence["asked"]["url"] == silence["received"]["url"] == ""
    assert titles_behind(alice_client, silence["ended_url"]) == {"Silence"}

    open_only = feedback.compute(alice, DashboardFilters(role="still open"))
    assert open_only["ended"] == 0
    assert open_only["ended_url"] == open_only["asked"]["url"] == ""


def test_filters_change_the_numbers(alice, data):
    referral = feedback.compute(alice, DashboardFilters(source="referral"))
    assert numbers(referral) == {
        "ended": 2,
        "asked": (1, 50),
        "received": (2, 100),
        "no_response": (0, 0),
        "waits": 1,
        "median_days": 6,
    }
    assert "source=referral" in referral["asked"]["url"]

    role = feedback.compute(alice, DashboardFilters(role="days"))
    assert numbers(role)["waits"] == 4
    assert numbers(role)["ended"] == 3

    future = feedback.compute(alice, DashboardFilters(applied_from=days_ago(-1)))
    assert numbers(future)["ended"] == 0


def test_another_users_data_never_counts(bob, data):
    assert numbers(feedback.compute(bob, DashboardFilters())) == {
        "ended": 2,
        "asked": (1, 50),
        "received": (1, 50),
        "no_response": (1, 50),
        "waits": 1,
        "median_days": 29,
    }


def test_panel_shows_numbers_denominator_and_links(alice_client, data):
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in html
    assert 'id="panel-feedback"' in html
    assert ">6</a> ended applications: rejected, withdrawn or no response" in html
    assert "ended=1&amp;feedback=requested" in html
    assert "ended=1&amp;feedback=received" in html
    assert "status=no_response" in html
    assert "4.5" in html
    assert "4 pieces of feedback</a> with both dates" in html
    assert "still open" not in html


def test_without_htmx_the_panel_is_a_full_page(alice_client, data):
    html = alice_client.get(URL).content.decode()
    assert "<html" in html
    assert 'id="panel-feedback"' in html


def test_empty_panel_says_what_to_log(alice_client, alice, bob):
    ApplicationFactory(user=alice, status=Status.APPLIED)
    ended(bob, Status.REJECTED, "Bob's")
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "No ended applications here yet" in html
    assert "log the feedback you ask for and get" in html


def test_no_waits_yet(alice_client, alice):
    asked(ended(alice, Status.REJECTED, "Unanswered"), 5, None)
    result = feedback.compute(alice, DashboardFilters())
    assert (result["waits"], result["median_days"]) == (0, None)
    html = alice_client.get(URL, headers=HTMX).content.decode()
    assert "Log when you asked and when feedback came" in html


def seed(user, count: int) -> None:
    for n in range(count):
        status = [Status.REJECTED, Status.NO_RESPONSE, Status.WITHDRAWN, Status.APPLIED][n % 4]
        application = ended(user, status, f"Role {n}")
        asked(application, 10 + n % 7, n % 5)


def queries(user) -> int:
    with CaptureQueriesContext(connection) as captured:
        feedback.compute(user, DashboardFilters())
    return len(captured)


def test_queries_do_not_grow_with_data(alice, bob):
    seed(alice, 3)
    seed(bob, 60)
    assert queries(alice) == queries(bob) == 3


def test_the_median_wait_links_to_the_applications_with_both_dates(alice_client, alice):
    from applications.models import Status as S
    from applications.selectors.search import ApplicationFilters, Show
    from reflections.drill_down import DrillDown, drill_down_applications
    from tests.factories import ApplicationFactory as AF
    from tests.factories import FeedbackFactory as FF

    both = AF(user=alice, status=S.REJECTED, role_title="both dates")
    FF(application=both)
    asked_only = AF(user=alice, status=S.REJECTED, role_title="asked only")
    FF(application=asked_only, received_on=None)
    response = alice_client.get(
        reverse("dashboard_panel", args=["feedback"]), HTTP_HX_REQUEST="true"
    )
    assert "1 piece of feedback</a>" in response.content.decode()
    titles = set(
        drill_down_applications(
            alice,
            ApplicationFilters(show=Show.ALL),
            DrillDown(sent=True, ended=True, feedback="both"),
        ).values_list("role_title", flat=True)
    )
    assert titles == {"both dates"}
