"""Sign-up in two steps (an address, then a username and password from the emailed link),
answering the same whether or not the address already has an account."""

import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse

from accounts.models import User
from accounts.services import account_create, signup_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-passphrase"


def _finish_link() -> str:
    return re.search(r"http://testserver(/accounts/signup/finish/\S+/)", mail.outbox[-1].body)[1]


def test_signup_mails_a_link_that_creates_the_account_and_logs_in(client):
    response = client.post(reverse("signup"), {"email": "carol@example.com"})
    assert response.status_code == 302
    assert response.url == reverse("signup_sent")
    assert not User.objects.filter(email="carol@example.com").exists()
    assert mail.outbox[0].to == ["carol@example.com"]

    link = _finish_link()
    page = client.get(link)
    assert "For carol@example.com" in page.content.decode()
    response = client.post(
        link, {"username": "carol", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("home")
    carol = User.objects.get(username="carol")
    assert carol.email == "carol@example.com"
    assert client.get(reverse("home")).wsgi_request.user == carol


def test_a_registered_address_gets_the_same_answer_and_a_notice_instead(client, alice):
    new = client.post(reverse("signup"), {"email": "nobody-yet@example.com"})
    taken = client.post(reverse("signup"), {"email": alice.email.upper()})
    assert (new.status_code, new.url) == (taken.status_code, taken.url)
    page_new = client.get(new.url).content.decode()
    page_taken = client.get(taken.url).content.decode()
    strip = lambda html: re.sub(r'(nonce|value|X-CSRFToken)(=|": )"[^"]*"', "", html)  # noqa: E731
    assert strip(page_new) == strip(page_taken)

    notice = mail.outbox[-1]
    assert notice.to == [alice.email]
    assert "You already have one" in notice.body
    assert "alice" in notice.body
    assert "/signup/finish/" not in notice.body
    assert User.objects.filter(email__iexact=alice.email).count() == 1


def test_signup_form_never_mentions_an_existing_address(client, alice):
    response = client.post(reverse("signup"), {"email": alice.email}, follow=True)
    html = response.content.decode()
    assert "already" not in html
    assert "Check your email" in html


def test_mismatched_passwords_rerender_with_message(client):
    link = reverse("signup_finish", args=[signup_token("carol@example.com")])
    response = client.post(
        link, {"username": "carol", "password1": PASSWORD, "password2": "another-passphrase-x"}
    )
    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert not User.objects.filter(username="carol").exists()


def test_a_forged_link_is_refused(client):
    response = client.get(reverse("signup_finish", args=["eyJlbWFpbCI6ImF9:forged:sig"]))
    assert response.status_code == 400
    assert "no longer works" in response.content.decode()


def test_an_expired_link_is_refused(client):
    link = reverse("signup_finish", args=[signup_token("carol@example.com")])
    with override_settings(PASSWORD_RESET_TIMEOUT=-1):
        response = client.get(link)
    assert response.status_code == 400


def test_a_double_submitted_finish_never_gives_a_500(client):
    link = reverse("signup_finish", args=[signup_token("carol@example.com")])
    data = {"username": "carol", "password1": PASSWORD, "password2": PASSWORD}
    first = client.post(link, data)
    second = client.post(link, data)
    assert first.status_code == 302
    assert second.status_code == 302
    assert second.url == reverse("login")
    assert User.objects.filter(username="carol").count() == 1


def test_a_finish_racing_another_account_for_the_address_never_gives_a_500(client):
    """The view's check passes, then the insert meets the database constraint."""
    user = User(username="carol2", email="Carol@Example.com")
    User.objects.create(username="carol", email="carol@example.com")
    assert account_create(user=user) is None
    assert User.objects.filter(email__iexact="carol@example.com").count() == 1


def test_addresses_are_unique_whatever_the_case_in_the_database(alice):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="alice2", email=alice.email.upper())


def test_accounts_without_an_address_are_not_counted(db):
    User.objects.create(username="admin1", email="")
    User.objects.create(username="admin2", email="")
    assert User.objects.filter(email="").count() == 2


def test_signup_page_is_public(client):
    response = client.get(reverse("signup"))
    assert response.status_code == 200
    assert "Create your account" in response.content.decode()


def test_logged_in_user_visiting_signup_goes_home(alice_client):
    response = alice_client.get(reverse("signup"))
    assert response.status_code == 302
    assert response.url == reverse("home")


@override_settings(SIGNUP_ENABLED=False)
def test_signup_off_says_so_and_creates_nothing(client):
    page = client.get(reverse("signup"))
    assert page.status_code == 403
    assert "Sign-up is closed" in page.content.decode()
    post = client.post(reverse("signup"), {"email": "carol@example.com"})
    assert post.status_code == 403
    assert mail.outbox == []
    link = reverse("signup_finish", args=[signup_token("carol@example.com")])
    finish = client.post(link, {"username": "carol", "password1": PASSWORD, "password2": PASSWORD})
    assert finish.status_code == 403
    assert not User.objects.filter(username="carol").exists()


@override_settings(SIGNUP_ENABLED=False)
def test_signup_off_hides_the_link_on_the_login_page(client):
    html = client.get(reverse("login")).content.decode()
    assert reverse("signup") not in html
    assert "Create an account" not in html


def test_signup_on_shows_the_link_on_the_login_page(client):
    html = client.get(reverse("login")).content.decode()
    assert f'<a href="{reverse("signup")}">Create an account</a>' in html


@pytest.mark.parametrize("registered", [False, True])
def test_a_mail_server_failure_is_a_message_the_same_for_any_address(client, registered):
    """Found by review: a failing SMTP server gave a 500."""
    import smtplib
    from unittest import mock

    if registered:
        UserFactory(email="dana@example.com")
    with mock.patch("accounts.services.send_mail", side_effect=smtplib.SMTPServerDisconnected):
        response = client.post(reverse("signup"), {"email": "dana@example.com"})
    assert response.status_code == 200
    assert "could not be sent just now" in response.content.decode()
