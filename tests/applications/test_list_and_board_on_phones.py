"""The list's filter toggle counts the filters on; the board's column switcher (on phones)."""

import pytest
from django.urls import reverse

from applications.models import Status
from applications.selectors.board import BOARD_COLUMN_CAP
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("application_list")
BOARD = reverse("application_board")
HTMX = {"HX-Request": "true"}


# The list's "Filters" toggle ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({}, 0),
        ({"q": "engineer", "sort": "oldest", "show": "active"}, 0),  # search and sort: not folded
        ({"status": "applied"}, 1),
        ({"status": "applied", "source": "referral", "show": "all"}, 3),
        ({"applied_from": "2025-01-01", "applied_to": "2025-12-31"}, 2),
        ({"status": "nonsense", "applied_from": "not a date"}, 0),  # invalid ones are not on
    ],
)
def test_the_filter_toggle_counts_the_filters_on(alice_client, query, count):
    response = alice_client.get(LIST, query)
    assert response.context["active_filter_count"] == count
    content = response.content.decode()
    if count:
        assert f"{count} active</span>" in content
    else:
        assert "(none on)" in content


def test_the_filters_are_folded_on_phones_unless_some_are_on(alice_client):
    closed = alice_client.get(LIST).content.decode()
    assert 'class="col-12 col-lg-8 collapse d-sm-block" id="list-filters"' in closed
    assert 'aria-expanded="false"' in closed
    opened = alice_client.get(LIST, {"source": "referral"}).content.decode()
    assert 'class="col-12 col-lg-8 collapse d-sm-block show" id="list-filters"' in opened
    assert 'aria-expanded="true"' in opened


def test_an_invalid_filter_opens_the_box_to_show_it(alice_client):
    response = alice_client.get(LIST, {"applied_from": "not a date"})
    assert 'collapse d-sm-block show" id="list-filters"' in response.content.decode()


def test_htmx_results_bring_the_count_out_of_band(alice_client):
    response = alice_client.get(LIST, {"status": "applied"}, headers=HTMX)
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results">')
    assert '<span id="filter-count" hx-swap-oob="true">' in content
    assert "1 active" in content
    assert response["Vary"].count("HX-Request") == 1


def test_the_whole_page_has_no_out_of_band_count(alice_client):
    content = alice_client.get(LIST, {"status": "applied"}).content.decode()
    assert content.count('id="filter-count"') == 1
    assert "hx-swap-oob" not in content.split('id="results"')[1].split("</tbody>")[0]


# The board's column switcher --------------------------------------------------------------


def switcher_counts(response) -> dict[str, int]:
    return {column.status: column.total for column in response.context["columns"]}


def test_the_switcher_lists_every_status_with_its_count(alice_client, alice, bob):
    ApplicationFactory.create_batch(2, user=alice, status=Status.APPLIED)
    ApplicationFactory(user=alice, status=Status.REJECTED)
    ApplicationFactory(user=alice, status=Status.REJECTED, archived=True)
    ApplicationFactory(user=bob, status=Status.REJECTED)
    response = alice_client.get(BOARD)
    counts = switcher_counts(response)
    assert list(counts) == list(Status.values)
    assert counts[Status.APPLIED] == 2
    assert counts[Status.REJECTED] == 1
    content = response.content.decode()
    assert '<nav class="d-sm-none mb-3" aria-label="Board columns">' in content
    for status in Status:
        assert f'href="{BOARD}?column={status.value}"' in content


def test_without_a_column_the_first_with_cards_is_shown(alice_client, alice):
    ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    response = alice_client.get(BOARD)
    assert response.context["current_column"] == Status.INTERVIEWING
    assert (
        'class="col board-column board-column-current" aria-labelledby="column-interviewing"'
        in (response.content.decode())
    )


def test_an_empty_board_shows_applied(alice_client):
    assert alice_client.get(BOARD).context["current_column"] == Status.APPLIED


def test_the_column_in_the_url_is_shown_and_marked(alice_client, alice):
    ApplicationFactory(user=alice, status=Status.APPLIED)
    response = alice_client.get(BOARD, {"column": "rejected"})
    assert response.context["current_column"] == Status.REJECTED
    assert response.context["current_is_ended"] is True
    content = response.content.decode()
    assert f'aria-current="true"\n           href="{BOARD}?column=rejected"' in content
    assert "board-ended board-ended-current" in content


@pytest.mark.parametrize("column", ["nonsense", "", "applied\x00", "x" * 500])
def test_an_unknown_column_falls_back_without_an_error(alice_client, alice, column):
    ApplicationFactory(user=alice, status=Status.OFFER)
    response = alice_client.get(BOARD, {"column": column})
    assert response.status_code == 200
    assert response.context["current_column"] == Status.OFFER


def test_moving_a_card_keeps_the_column_shown(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    response = alice_client.post(
        reverse("application_status", args=[application.pk]),
        {"status": Status.SCREENING, "view": "board", "column": "applied"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.context["current_column"] == Status.APPLIED
    assert switcher_counts(response)[Status.SCREENING] == 1
    # The undo offered keeps it too.
    assert 'name="column" value="applied"' in response.content.decode()


def test_without_javascript_a_move_returns_to_the_column(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    page = alice_client.get(BOARD, {"column": "applied"}).content.decode()
    assert f'name="next" value="{BOARD}?column=applied"' in page
    response = alice_client.post(
        reverse("application_status", args=[application.pk]),
        {"status": Status.SCREENING, "view": "board", "next": f"{BOARD}?column=applied"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{BOARD}?column=applied"


def test_the_more_link_of_a_column_uses_the_body_colour_for_contrast(alice_client, alice):
    ApplicationFactory.create_batch(BOARD_COLUMN_CAP + 1, user=alice, status=Status.REJECTED)
    content = alice_client.get(BOARD).content.decode()
    assert f'<a class="small link-body-emphasis" href="{LIST}?status=rejected">1 more' in content
