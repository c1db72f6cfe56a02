import pytest
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_signup_creates_account_and_logs_in(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("home")
    carol = User.objects.get(username="carol")
    assert carol.email == "carol@example.com"
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.wsgi_request.user == carol


def test_signup_with_mismatched_passwords_rerenders_with_message(client):
    response = client.post(
        reverse("signup"),
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": "a-long-unusual-passphrase",
            "password2": "another-passphrase-entirely",
        },
    )
    assert response.status_code == 200
    assert "password fields didn’t match" in response.content.decode()
    assert not User.objects.filter(username="carol").exists()


def test_signup_rejects_an_email_already_in_use(client, alice):
    response = client.post(
        reverse("signup"),
        {
            "username": "carol",
            "email": alice.email.upper(),
            "password1": "a-long-unusual-passphrase",
            "password2": "a-long-unusual-passphrase",
        },
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not User.objects.filter(username="carol").exists()


def test_signup_page_is_public(client):
    response = client.get(reverse("signup"))
    assert response.status_code == 200
    assert "Create your account" in response.content.decode()


def test_logged_in_user_visiting_signup_goes_home(alice_client):
    response = alice_client.get(reverse("signup"))
    assert response.status_code == 302
    assert response.url == reverse("home")
