import pytest
from django.urls import reverse

from accounts.models import User
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_delete_account_page_asks_for_confirmation(alice_client):
    response = alice_client.get(reverse("delete_account"))
    assert response.status_code == 200
    assert "cannot be undone" in response.content.decode()
    assert User.objects.filter(username="alice").exists()


def test_delete_account_without_the_tick_keeps_everything(alice_client):
    response = alice_client.post(reverse("delete_account"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert User.objects.filter(username="alice").exists()


def test_delete_account_with_wrong_password_keeps_everything(alice_client):
    response = alice_client.post(reverse("delete_account"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert "not your current password" in response.content.decode()
    assert User.objects.filter(username="alice").exists()


def test_delete_account_removes_the_user_and_logs_out(alice_client, bob):
    response = alice_client.post(
        reverse("delete_account"), {"password": DEFAULT_PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert not User.objects.filter(username="alice").exists()
    assert User.objects.filter(username="bob").exists()
    assert alice_client.get(reverse("home")).status_code == 302
