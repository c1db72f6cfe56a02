"""The applications list: search, filters, sort, pagination and its htmx fragment."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Status
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    FeedbackFactory,
    InterviewFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("application_list")
HTMX = {"HX-Request": "true"}


def listed(response) -> list[Application]:
    return list(response.context["page_obj"].object_list)


def roles(response) -> set[str]:
    return {application.role_title for application in listed(response)}


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def test_it_lists_only_the_users_applications(alice_client, alice, bob):
    ApplicationFactory(user=alice, role_title="Mine")
    ApplicationFactory(user=bob, role_title="Not mine")
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert roles(response) == {"Mine"}
    assert "Not mine" not in response.content.decode()


def test_search_matches_role_and_company(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Data analyst")
    ApplicationFactory(
        user=alice, role_title="Backend", company=CompanyFactory(user=alice, name="Analytica")
    )
    ApplicationFactory(user=alice, role_title="Designer")
    response = alice_client.get(URL, {"q": "analy"})
    assert roles(response) == {"Data analyst", "Backend"}


def test_filter_by_status(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Waiting", status=Status.APPLIED)
    ApplicationFactory(user=alice, role_title="Talking", status=Status.INTERVIEWING)
    assert roles(alice_client.get(URL, {"status": "interviewing"})) == {"Talking"}


def test_filter_by_source(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Board", source=Application.Source.JOB_BOARD)
    ApplicationFactory(user=alice, role_title="Friend", source=Application.Source.REFERRAL)
    assert roles(alice_client.get(URL, {"source": "referral"})) == {"Friend"}


def test_filter_by_date_range(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Old", date_applied=days_ago(60))
    ApplicationFactory(user=alice, role_title="Middle", date_applied=days_ago(30))
    ApplicationFactory(user=alice, role_title="Recent", date_applied=days_ago(2))
    response = alice_client.get(
        URL, {"applied_from": days_ago(40).isoformat(), "applied_to": days_ago(10).isoformat()}
    )
    assert roles(response) == {"Middle"}
    assert roles(alice_client.get(URL, {"applied_from": days_ago(5).isoformat()})) == {"Recent"}
    assert roles(alice_client.get(URL, {"applied_to": days_ago(50).isoformat()})) == {"Old"}


def test_archived_applications_are_hidden_by_default_and_shown_on_request(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Active")
    ApplicationFactory(user=alice, role_title="Shelved", archived=True)
    assert roles(alice_client.get(URL)) == {"Active"}
    assert roles(alice_client.get(URL, {"show": "active"})) == {"Active"}
    assert roles(alice_client.get(URL, {"show": "archived"})) == {"Shelved"}
    assert roles(alice_client.get(URL, {"show": "all"})) == {"Active", "Shelved"}


def test_sort_orders_the_list(alice_client, alice):
    ApplicationFactory(
        user=alice,
        role_title="B",
        date_applied=days_ago(5),
        company=CompanyFactory(user=alice, name="zeta"),
        interest=2,
    )
    ApplicationFactory(
        user=alice,
        role_title="A",
        date_applied=days_ago(20),
        company=CompanyFactory(user=alice, name="Alpha"),
        interest=5,
    )
    ApplicationFactory(
        user=alice,
        role_title="C",
        date_applied=days_ago(1),
        company=CompanyFactory(user=alice, name="Mid"),
        interest=None,
    )

    def order(sort: str) -> list[str]:
        return [a.role_title for a in listed(alice_client.get(URL, {"sort": sort}))]

    assert order("-date_applied") == ["C", "B", "A"]
    assert order("date_applied") == ["A", "B", "C"]
    assert order("company") == ["A", "C", "B"]
    assert order("-interest") == ["A", "B", "C"]


def test_list_is_paginated_by_25_and_links_keep_the_filters(alice_client, alice):
    for _ in range(27):
        ApplicationFactory(user=alice, status=Status.APPLIED)
    first = alice_client.get(URL, {"status": "applied"})
    assert len(listed(first)) == 25
    assert first.context["page_obj"].paginator.num_pages == 2
    assert "?status=applied&amp;page=2" in first.content.decode()
    second = alice_client.get(URL, {"status": "applied", "page": 2})
    assert len(listed(second)) == 2
    assert "?status=applied&amp;page=1" in second.content.decode()


def test_page_out_of_range_shows_the_last_page(alice_client, alice):
    ApplicationFactory(user=alice)
    response = alice_client.get(URL, {"page": "99"})
    assert response.status_code == 200
    assert len(listed(response)) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"source": "nowhere"},
        {"applied_from": "not-a-date"},
        {"show": "everything"},
        {"sort": "password"},
        {"q": "x" * 500},
    ],
)
def test_invalid_filter_shows_the_error_instead_of_failing(alice_client, alice, params):
    ApplicationFactory(user=alice, role_title="Still listed")
    response = alice_client.get(URL, params)
    assert response.status_code == 200
    assert response.context["form"].errors
    content = response.content.decode()
    assert "Some filters were not applied" in content
    assert "Still listed" in content


def test_date_range_the_wrong_way_round_shows_the_error(alice_client, alice):
    response = alice_client.get(
        URL, {"applied_from": days_ago(1).isoformat(), "applied_to": days_ago(9).isoformat()}
    )
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()


def test_invalid_filter_in_htmx_request_shows_the_error_in_the_fragment(alice_client, alice):
    response = alice_client.get(URL, {"status": "bogus"}, headers=HTMX)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert "Some filters were not applied" in content


def test_normal_request_gets_the_full_page(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Analyst")
    content = alice_client.get(URL).content.decode()
    assert "<html" in content
    assert 'role="search"' in content
    assert 'id="results"' in content
    assert "Analyst" in content


def test_htmx_request_gets_the_results_fragment(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Analyst")
    response = alice_client.get(URL, {"q": "analyst"}, headers=HTMX)
    content = response.content.decode()
    assert "<html" not in content
    assert 'role="search"' not in content
    assert content.lstrip().startswith('<div id="results">')
    assert "Analyst" in content


def test_htmx_history_restore_gets_the_full_page(alice_client, alice):
    response = alice_client.get(URL, headers={**HTMX, "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_response_varies_on_htmx_headers(alice_client):
    vary = alice_client.get(URL)["Vary"]
    assert "HX-Request" in vary
    assert "HX-History-Restore-Request" in vary


def test_filter_form_works_live_and_without_javascript(alice_client):
    content = alice_client.get(URL).content.decode()
    assert 'method="get"' in content
    assert f'hx-get="{URL}"' in content
    assert 'hx-push-url="true"' in content
    assert 'hx-target="#results"' in content


def test_each_row_has_a_labelled_status_select_posting_in_place(alice_client, alice):
    application = ApplicationFactory(user=alice)
    content = alice_client.get(URL).content.decode()
    status_url = reverse("application_status", args=[application.pk])
    assert f'hx-post="{status_url}"' in content
    # "Status" shows where the header row is hidden (phones); the rest is for screen readers.
    label = (
        f'<label class="stack-label" for="status-{application.pk}">'
        f'Status<span class="visually-hidden"> of {application}</span></label>'
    )
    assert label in content
    assert f'id="status-{application.pk}"' in content


def test_empty_state_invites_the_first_application(alice_client):
    content = alice_client.get(URL).content.decode()
    assert "No applications yet — add your first" in content
    assert reverse("application_quick_add") in content


def test_filters_matching_nothing_show_their_own_empty_state(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Analyst")
    content = alice_client.get(URL, {"q": "astronaut"}).content.decode()
    assert "No applications match these filters" in content
    assert "No applications yet" not in content


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def build_applications(user, count: int) -> None:
    for _ in range(count):
        application = ApplicationFactory(user=user)
        interview = InterviewFactory(application=application)
        FeedbackFactory(application=application, interview=interview)


def count_queries(client, url: str, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **kwargs).status_code == 200
    return len(queries)


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_list_queries_do_not_grow_with_the_number_of_applications(alice_client, alice, headers):
    build_applications(alice, 5)
    few = count_queries(alice_client, URL, headers=headers)
    build_applications(alice, 55)
    many = count_queries(alice_client, URL, headers=headers)
    assert few == many
    # Session, user, count, page.
    assert many == 4
