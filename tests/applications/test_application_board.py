"""The board: one column per status, cards moved in place, a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Status, StatusChange
from applications.selectors.board import BOARD_COLUMN_CAP
from tests.factories import ApplicationFactory, FeedbackFactory, InterviewFactory

pytestmark = pytest.mark.django_db

URL = reverse("application_board")
HTMX = {"HX-Request": "true"}


def columns(response) -> dict[str, list[str]]:
    context = response.context
    return {
        column.status: [card.role_title for card in column.cards]
        for column in [*context["open_columns"], *context["ended_columns"]]
    }


def test_board_has_a_column_for_every_status_with_ended_ones_apart(alice_client):
    response = alice_client.get(URL)
    assert response.status_code == 200
    assert [c.status for c in response.context["open_columns"]] == [
        Status.WISHLIST,
        Status.APPLIED,
        Status.SCREENING,
        Status.INTERVIEWING,
        Status.OFFER,
        Status.ACCEPTED,
    ]
    assert [c.status for c in response.context["ended_columns"]] == [
        Status.REJECTED,
        Status.WITHDRAWN,
        Status.NO_RESPONSE,
    ]
    content = response.content.decode()
    for status in Status:
        assert f'id="column-{status.value}"' in content
    assert "Ended" in content


def test_board_shows_the_users_active_applications_in_their_columns(alice_client, alice, bob):
    ApplicationFactory(user=alice, role_title="Waiting", status=Status.APPLIED)
    ApplicationFactory(user=alice, role_title="Talking", status=Status.INTERVIEWING)
    ApplicationFactory(user=alice, role_title="Over", status=Status.REJECTED)
    ApplicationFactory(user=alice, role_title="Shelved", status=Status.APPLIED, archived=True)
    ApplicationFactory(user=bob, role_title="Bobs", status=Status.APPLIED)
    board = columns(alice_client.get(URL))
    assert board[Status.APPLIED] == ["Waiting"]
    assert board[Status.INTERVIEWING] == ["Talking"]
    assert board[Status.REJECTED] == ["Over"]
    assert sum(len(cards) for cards in board.values()) == 3


def test_each_card_has_a_labelled_status_select_posting_to_the_board(alice_client, alice):
    application = ApplicationFactory(user=alice)
    content = alice_client.get(URL).content.decode()
    assert f'hx-post="{reverse("application_status", args=[application.pk])}"' in content
    assert f'for="board-status-{application.pk}"' in content
    assert 'name="view" value="board"' in content


def test_full_columns_are_capped_with_a_link_to_the_rest(alice_client, alice):
    for _ in range(BOARD_COLUMN_CAP + 2):
        ApplicationFactory(user=alice, status=Status.APPLIED)
    response = alice_client.get(URL)
    applied = next(c for c in response.context["open_columns"] if c.status == Status.APPLIED)
    assert len(applied.cards) == BOARD_COLUMN_CAP
    assert applied.total == BOARD_COLUMN_CAP + 2
    content = response.content.decode()
    assert f'href="{reverse("application_list")}?status=applied">2 more' in content


def test_htmx_request_gets_the_board_fragment(alice_client, alice):
    ApplicationFactory(user=alice, role_title="Analyst")
    content = alice_client.get(URL, headers=HTMX).content.decode()
    assert "<html" not in content
    assert content.lstrip().startswith('<div id="board">')
    assert "Analyst" in content


def test_normal_request_gets_the_full_page_and_varies_on_htmx(alice_client):
    response = alice_client.get(URL)
    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_moving_a_card_with_htmx_returns_the_updated_board(alice_client, alice):
    application = ApplicationFactory(user=alice, role_title="Analyst")
    response = alice_client.post(
        reverse("application_status", args=[application.pk]),
        {"status": Status.SCREENING, "view": "board"},
        headers=HTMX,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert content.lstrip().startswith('<div id="board">')
    assert columns(response)[Status.SCREENING] == ["Analyst"]
    assert StatusChange.objects.filter(
        application=application, from_status=Status.APPLIED, to_status=Status.SCREENING
    ).exists()


def test_moving_a_card_without_javascript_redirects_to_the_board(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        reverse("application_status", args=[application.pk]),
        {"status": Status.OFFER, "view": "board"},
    )
    assert response.status_code == 302
    assert response.url == URL
    application.refresh_from_db()
    assert application.status == Status.OFFER


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def build_applications(user, count: int) -> None:
    statuses = list(Status)
    for index in range(count):
        application = ApplicationFactory(user=user, status=statuses[index % len(statuses)])
        interview = InterviewFactory(application=application)
        FeedbackFactory(application=application, interview=interview)


def count_queries(client, **kwargs) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, **kwargs).status_code == 200
    return len(queries)


@pytest.mark.parametrize("headers", [{}, HTMX])
def test_board_queries_do_not_grow_with_the_number_of_applications(alice_client, alice, headers):
    build_applications(alice, 5)
    few = count_queries(alice_client, headers=headers)
    build_applications(alice, 55)
    many = count_queries(alice_client, headers=headers)
    assert few == many
    # Session, user, and one query for every card.
    assert many == 3
