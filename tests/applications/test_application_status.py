"""Changing an application's status from the list, the board or its page."""

import pytest
from django.urls import reverse

from applications.models import Outcome, Status, StatusChange
from tests.factories import ApplicationFactory, InterviewFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def status_url(application) -> str:
    return reverse("application_status", args=[application.pk])


def test_status_change_writes_a_history_step(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    response = alice_client.post(status_url(application), {"status": Status.INTERVIEWING})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING
    step = StatusChange.objects.filter(application=application).last()
    assert (step.from_status, step.to_status) == (Status.APPLIED, Status.INTERVIEWING)


def test_changing_to_rejected_records_the_rejection_outcome(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    InterviewFactory(application=application, stage="technical")
    alice_client.post(status_url(application), {"status": Status.REJECTED, "view": "list"})
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    outcome = Outcome.objects.get(application=application)
    assert outcome.result == Outcome.Result.REJECTED
    assert outcome.stage_reached == "technical"
    assert StatusChange.objects.filter(
        application=application, from_status=Status.INTERVIEWING, to_status=Status.REJECTED
    ).exists()


def test_htmx_change_from_the_list_returns_the_updated_row(alice_client, alice):
    application = ApplicationFactory(user=alice, role_title="Analyst")
    InterviewFactory(application=application)
    response = alice_client.post(
        status_url(application),
        {"status": Status.SCREENING, "view": "list", "next": "/applications/?q=ana"},
        headers=HTMX,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert content.lstrip().startswith(f'<tr id="application-{application.pk}"')
    assert '<option value="screening" selected>' in content
    assert 'value="/applications/?q=ana"' in content
    assert response.context["application"].interview_count == 1
    assert "HX-Request" in response["Vary"]


def test_htmx_change_from_the_detail_page_refreshes_it(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        status_url(application), {"status": Status.OFFER, "view": "detail"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"
    application.refresh_from_db()
    assert application.status == Status.OFFER


def test_change_without_javascript_redirects_back(alice_client, alice):
    application = ApplicationFactory(user=alice)
    detail = reverse("application_detail", args=[application.pk])
    response = alice_client.post(status_url(application), {"status": Status.OFFER})
    assert response.url == detail
    response = alice_client.post(
        status_url(application), {"status": Status.SCREENING, "view": "list"}
    )
    assert response.url == reverse("application_list")
    response = alice_client.post(
        status_url(application),
        {"status": Status.APPLIED, "view": "list", "next": "/applications/?status=offer&page=2"},
    )
    assert response.url == "/applications/?status=offer&page=2"


def test_redirect_back_never_leaves_the_site(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        status_url(application),
        {"status": Status.OFFER, "view": "list", "next": "https://evil.example/"},
    )
    assert response.url == reverse("application_list")


def test_invalid_status_with_htmx_is_a_400_with_a_message(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        status_url(application), {"status": "hired!", "view": "list"}, headers=HTMX
    )
    assert response.status_code == 400
    assert "Pick one of the listed statuses." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert StatusChange.objects.filter(application=application).count() == 1


def test_invalid_status_without_javascript_redirects_with_an_error(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        status_url(application), {"status": "", "view": "board"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("application_board")
    assert "Pick one of the listed statuses." in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_setting_the_same_status_writes_nothing(alice_client, alice):
    application = ApplicationFactory(user=alice)
    alice_client.post(status_url(application), {"status": Status.APPLIED, "view": "list"})
    assert StatusChange.objects.filter(application=application).count() == 1


def test_status_change_rejects_get(alice_client, alice):
    application = ApplicationFactory(user=alice)
    assert alice_client.get(status_url(application)).status_code == 405


def test_other_users_application_is_404(alice_client, bob):
    application = ApplicationFactory(user=bob)
    response = alice_client.post(status_url(application), {"status": Status.REJECTED})
    assert response.status_code == 404
    response = alice_client.post(
        status_url(application), {"status": Status.REJECTED, "view": "list"}, headers=HTMX
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not Outcome.objects.filter(application=application).exists()


def test_get_on_other_users_application_reveals_nothing(alice_client, bob):
    application = ApplicationFactory(user=bob)
    # A write-only URL answers GET with 405 whoever owns the id, so it leaks nothing.
    assert alice_client.get(status_url(application)).status_code == 405


def test_anonymous_user_is_sent_to_login(client, alice):
    application = ApplicationFactory(user=alice)
    response = client.post(status_url(application), {"status": Status.OFFER})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    application.refresh_from_db()
    assert application.status == Status.APPLIED


def test_a_new_rejection_from_the_list_or_board_goes_to_its_reflection(alice_client, alice):
    listed = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    response = alice_client.post(
        status_url(listed), {"status": Status.REJECTED, "view": "list"}, headers=HTMX
    )
    assert response["HX-Redirect"] == listed.reflections.get().get_absolute_url()

    on_board = ApplicationFactory(user=alice, status=Status.SCREENING)
    response = alice_client.post(status_url(on_board), {"status": Status.REJECTED, "view": "board"})
    assert response.status_code == 302
    assert response.url == on_board.reflections.get().get_absolute_url()


def test_moving_an_already_rejected_application_does_not_redirect(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    alice_client.post(status_url(application), {"status": Status.REJECTED, "view": "list"})
    response = alice_client.post(
        status_url(application), {"status": Status.REJECTED, "view": "list"}, headers=HTMX
    )
    assert "HX-Redirect" not in response
    assert application.reflections.count() == 1


def test_htmx_change_from_the_list_offers_undo_in_the_row(alice_client, alice):
    application = ApplicationFactory(user=alice, role_title="Analyst", company__name="Acme")
    response = alice_client.post(
        status_url(application), {"status": Status.SCREENING, "view": "list"}, headers=HTMX
    )
    content = response.content.decode()
    assert 'role="status"' in content
    assert "Moved Analyst at Acme to Screening." in content
    assert f'hx-post="{reverse("undo")}"' in content


def test_setting_the_same_status_again_offers_no_undo(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.SCREENING)
    response = alice_client.post(
        status_url(application), {"status": Status.SCREENING, "view": "list"}, headers=HTMX
    )
    assert response.status_code == 200
    assert reverse("undo") not in response.content.decode()


@pytest.mark.parametrize("view", ["list", "board"])
def test_htmx_second_submit_of_the_same_status_says_so_out_of_band(alice_client, alice, view):
    application = ApplicationFactory(
        user=alice, status=Status.SCREENING, role_title="Analyst", company__name="Acme"
    )
    steps = StatusChange.objects.filter(application=application).count()
    response = alice_client.post(
        status_url(application), {"status": Status.SCREENING, "view": view}, headers=HTMX
    )
    content = response.content.decode()
    oob = content[content.index('<div id="messages" hx-swap-oob="innerHTML">') :]
    assert "Analyst at Acme is already Screening." in oob
    assert StatusChange.objects.filter(application=application).count() == steps


@pytest.mark.parametrize("page", ["application_list", "application_board", "application_detail"])
def test_status_controls_disable_themselves_while_the_request_runs(alice_client, alice, page):
    application = ApplicationFactory(user=alice)
    args = [application.pk] if page == "application_detail" else []
    html = alice_client.get(reverse(page, args=args)).content.decode()
    form = html[html.index(f'hx-post="{status_url(application)}"') :]
    form = form[: form.index(">")]
    assert 'hx-disabled-elt="find select, find button"' in form
    assert 'hx-sync="this:drop"' in form and "data-one-click" in form
