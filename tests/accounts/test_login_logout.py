import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_login_with_correct_password_goes_home(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("home")).wsgi_request.user == alice


def test_login_with_wrong_password_shows_error(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "correct username and password" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_login_follows_next(client, alice):
    response = client.post(
        reverse("login") + "?next=/dashboard/",
        {"username": "alice", "password": DEFAULT_PASSWORD, "next": "/dashboard/"},
    )
    assert response.url == "/dashboard/"


def test_logout_ends_the_session(alice_client):
    response = alice_client.post(reverse("logout"))
    assert response.status_code == 302
    after = alice_client.get(reverse("home"))
    assert after.status_code == 302
    assert after.url.startswith(reverse("login"))


def test_logout_rejects_get(alice_client):
    assert alice_client.get(reverse("logout")).status_code == 405
