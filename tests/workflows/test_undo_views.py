"""The Undo offered after each one-click change, and POST /undo/: with htmx the answer goes back
in place (home's row, the list's row, the board, the action item), without JavaScript Undo is a
small form in a message and the page redirects back."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from applications.models import Outcome, Status, StatusChange
from reflections.models import ActionItem
from tests.factories import ActionItemFactory, ApplicationFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
UNDO_URL = reverse("undo")


def _undo_form(html: str) -> dict[str, str]:
    """The hidden fields of the Undo form in `html` (the notice, or a message)."""
    form = html[html.index(f'action="{UNDO_URL}"') :]
    form = form[: form.index("</form>")]
    return dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _no_response_url(application) -> str:
    return reverse("application_mark_no_response", args=[application.pk])


# Home: "Mark as no response" ---------------------------------------------------------------


def test_htmx_no_response_keeps_the_row_in_place_with_the_notice_and_undo(alice_client, alice):
    application = ApplicationFactory(user=alice, company__name="Acme", role_title="Analyst")
    response = alice_client.post(_no_response_url(application), headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="no-news-{application.pk}"')
    assert 'role="status"' in html
    assert "Marked Analyst at Acme as no response." in html
    assert f'hx-post="{UNDO_URL}"' in html and 'hx-target="closest li"' in html
    assert _undo_form(html)["view"] == "home"
    assert "HX-Request" in response["Vary"]
    application.refresh_from_db()
    assert application.status == Status.NO_RESPONSE


def test_htmx_undo_on_home_restores_the_row_and_the_status(alice_client, alice):
    application = ApplicationFactory(user=alice, company__name="Acme", role_title="Analyst")
    notice = alice_client.post(_no_response_url(application), headers=HTMX).content.decode()

    response = alice_client.post(UNDO_URL, _undo_form(notice), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li id="no-news-{application.pk}"')
    assert "Mark as no response" in html
    assert 'id="messages" hx-swap-oob="innerHTML"' in html
    assert "Undone: Analyst at Acme is Applied again." in html
    assert "HX-Request" in response["Vary"]
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not Outcome.objects.filter(application=application).exists()
    assert list(application.status_changes.values_list("to_status", flat=True)) == ["applied"]


def test_no_response_without_javascript_offers_undo_as_a_message_form(alice_client, alice):
    application = ApplicationFactory(user=alice, company__name="Acme", role_title="Analyst")
    response = alice_client.post(_no_response_url(application))
    assert response.url == reverse("home")
    [message] = _messages(response)
    assert message.startswith("<span>Marked Analyst at Acme as no response.</span>")
    assert "hx-post" not in message

    response = alice_client.post(UNDO_URL, _undo_form(message))

    assert response.status_code == 302 and response.url == reverse("home")
    assert _messages(response)[-1] == "Undone: Analyst at Acme is Applied again."
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_the_undo_message_shows_as_a_working_form_on_the_next_page(alice_client, alice):
    application = ApplicationFactory(user=alice, company__name="Acme", role_title="Analyst")
    response = alice_client.post(_no_response_url(application), follow=True)
    html = response.content.decode()
    messages = html[html.index('<div id="messages"') :]
    assert f'<form method="post" action="{UNDO_URL}"' in messages
    assert "Marked Analyst at Acme as no response." in messages
    assert "&lt;form" not in html


def test_marking_no_response_twice_changes_nothing_the_second_time(alice_client, alice):
    application = ApplicationFactory(user=alice)
    alice_client.post(_no_response_url(application), headers=HTMX)
    response = alice_client.post(_no_response_url(application), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "has already ended (No response)." in html
    assert UNDO_URL not in html
    assert StatusChange.objects.filter(application=application).count() == 2


# The list, the board and the application page ----------------------------------------------


def test_htmx_status_change_from_the_list_shows_undo_in_the_row(alice_client, alice):
    application = ApplicationFactory(user=alice, company__name="Acme", role_title="Analyst")
    response = alice_client.post(
        reverse("application_status", args=[application.pk]),
        {"status": Status.SCREENING, "view": "list", "next": "/applications/?q=ana"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="application-{application.pk}"')
    assert "Moved Analyst at Acme to Screening." in html
    assert 'hx-target="closest tr"' in html
    form = _undo_form(html)
    assert (form["view"], form["next"]) == ("list", "/applications/?q=ana")

    response = alice_client.post(UNDO_URL, _undo_form(html), headers=HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="application-{application.pk}"')
    assert '<option value="applied" selected>' in html
    assert "Undone: Analyst at Acme is Applied again." in html
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_htmx_status_change_on_the_board_shows_undo_above_the_board(alice_client, alice):
    application = ApplicationFactory(user=alice, company__name="Acme", role_title="Analyst")
    response = alice_client.post(
        reverse("application_status", args=[application.pk]),
        {"status": Status.INTERVIEWING, "view": "board"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board">')
    assert "Moved Analyst at Acme to Interviewing." in html
    assert 'hx-target="#board"' in html

    response = alice_client.post(UNDO_URL, _undo_form(html), headers=HTMX)

    assert response.content.decode().lstrip().startswith('<div id="board">')
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_htmx_status_change_on_the_application_page_refreshes_it_with_undo(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        reverse("application_status", args=[application.pk]),
        {"status": Status.OFFER, "view": "detail"},
        headers=HTMX,
    )
    assert response["HX-Refresh"] == "true"
    [message] = _messages(response)
    assert _undo_form(message)["view"] == "detail"

    response = alice_client.post(UNDO_URL, _undo_form(message))

    assert response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not Outcome.objects.filter(application=application).exists()


def test_a_rejection_from_the_list_offers_undo_on_its_reflection(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    response = alice_client.post(
        reverse("application_status", args=[application.pk]),
        {"status": Status.REJECTED, "view": "list", "next": "/applications/"},
        headers=HTMX,
    )
    reflection = application.reflections.get()
    assert response["HX-Redirect"] == reflection.get_absolute_url()
    undo_message = next(m for m in _messages(response) if UNDO_URL in m)

    response = alice_client.post(UNDO_URL, _undo_form(undo_message))

    assert response.url == "/applications/"
    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING
    assert not application.reflections.exists()


def test_htmx_archive_from_the_list_shows_undo_in_the_row(alice_client, alice):
    application = ApplicationFactory(user=alice, company__name="Acme", role_title="Analyst")
    response = alice_client.post(
        reverse("application_archive", args=[application.pk]),
        {"archived": "1", "view": "list"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert "Archived Analyst at Acme" in html and 'role="status"' in html

    response = alice_client.post(UNDO_URL, _undo_form(html), headers=HTMX)

    html = response.content.decode()
    assert ">Archive<" in html and "Undone: Analyst at Acme is back" in html
    application.refresh_from_db()
    assert application.archived is False


def test_archive_without_javascript_offers_undo_as_a_message(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        reverse("application_archive", args=[application.pk]), {"archived": "1", "view": "detail"}
    )
    [message] = _messages(response)
    response = alice_client.post(UNDO_URL, _undo_form(message))
    assert response.url == application.get_absolute_url()
    application.refresh_from_db()
    assert application.archived is False


# Action items -------------------------------------------------------------------------------


def _counts(html: str) -> list[str]:
    """The open, done and all counts: the list's tab badges, or the ones swapped out of band."""
    return re.findall(r'<span id="action-items-[a-z]+-count" class="badge[^>]*>(\d+)</span>', html)


def test_htmx_done_on_the_list_shows_undo_and_updates_the_tab_counts(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    ActionItemFactory.create_batch(2, user=alice)
    assert _counts(alice_client.get(reverse("action_item_list")).content.decode()) == [
        "3",
        "0",
        "3",
    ]
    response = alice_client.post(
        reverse("action_item_toggle_done", args=[item.pk]),
        {"done": "1", "show": "open", "next": "/actions/"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert "Marked “Learn SQL” done." in html and 'role="status"' in html
    assert (
        '<span id="action-items-open-count" class="badge text-bg-secondary" hx-swap-oob="true">'
        in html
    )
    assert _counts(html) == ["2", "1", "3"]

    response = alice_client.post(UNDO_URL, _undo_form(html), headers=HTMX)

    html = response.content.decode()
    assert _counts(html) == ["3", "0", "3"]
    assert "Undone: “Learn SQL” is open again." in html
    item.refresh_from_db()
    assert item.done_at is None


def test_htmx_done_inside_a_reflection_sends_no_counts(alice_client, alice):
    item = ActionItemFactory(user=alice)
    response = alice_client.post(
        reverse("action_item_toggle_done", args=[item.pk]),
        {"done": "1", "place": "reflection"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert "action-items-open-count" not in html
    assert _undo_form(html)["place"] == "reflection"


def test_htmx_done_on_home_keeps_the_row_with_undo_then_brings_it_back(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.post(
        reverse("action_item_toggle_done", args=[item.pk]),
        {"done": "1", "place": "home", "next": "/"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="due-action-item-{item.pk}"')
    assert "Marked “Learn SQL” done." in html

    response = alice_client.post(UNDO_URL, _undo_form(html), headers=HTMX)

    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="due-action-item-{item.pk}"')
    assert ">Done<" in html
    assert not ActionItem.objects.get(pk=item.pk).is_done


# Refusals and the rules every write follows -------------------------------------------------


def test_htmx_undo_refused_keeps_the_notice_and_says_why(alice_client, alice):
    application = ApplicationFactory(user=alice)
    notice = alice_client.post(_no_response_url(application), headers=HTMX).content.decode()
    alice_client.post(
        reverse("application_status", args=[application.pk]), {"status": Status.APPLIED}
    )
    alice_client.post(
        reverse("application_status", args=[application.pk]), {"status": Status.SCREENING}
    )

    response = alice_client.post(UNDO_URL, _undo_form(notice), headers=HTMX)

    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    assert "has changed since, so it was not undone. Nothing was changed." in (
        response.content.decode()
    )
    application.refresh_from_db()
    assert application.status == Status.SCREENING


def test_undo_refused_without_javascript_goes_back_with_the_reason(alice_client, alice):
    response = alice_client.post(UNDO_URL, {"token": "forged", "next": "/applications/"})
    assert response.url == "/applications/"
    assert _messages(response) == ["That undo was not understood. Nothing was changed."]


@pytest.mark.parametrize("data", [{}, {"token": ""}, {"token": "x" * 30_000}, {"token": "a\x00b"}])
def test_undo_with_a_missing_or_odd_token_is_refused_not_a_500(alice_client, data):
    response = alice_client.post(UNDO_URL, data)
    assert response.status_code == 302
    assert "not understood" in _messages(response)[0]


def test_another_users_undo_is_refused(alice_client, bob):
    application = ApplicationFactory(user=bob)
    bob_client = Client()
    bob_client.force_login(bob)
    notice = bob_client.post(_no_response_url(application), headers=HTMX).content.decode()
    response = alice_client.post(UNDO_URL, _undo_form(notice))
    assert "not understood" in _messages(response)[0]
    application.refresh_from_db()
    assert application.status == Status.NO_RESPONSE


def test_undo_rejects_get(alice_client):
    assert alice_client.get(UNDO_URL).status_code == 405


def test_anonymous_undo_is_sent_to_login(client):
    response = client.post(UNDO_URL, {"token": "x"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
