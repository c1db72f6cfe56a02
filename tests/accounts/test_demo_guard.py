"""The shared demo account: nobody trying it can change its password or delete it."""

import pytest
from django.urls import reverse

from accounts.models import DEMO_EMAIL, DEMO_PASSWORD, DEMO_USERNAME, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_client(client):
    demo = User.objects.create_user(DEMO_USERNAME, DEMO_EMAIL, DEMO_PASSWORD)
    client.force_login(demo)
    return client


def test_the_demo_password_cannot_be_changed(demo_client):
    response = demo_client.post(
        reverse("password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "another-long-passphrase",
            "new_password2": "another-long-passphrase",
        },
        follow=True,
    )
    assert "The demo account is shared" in response.content.decode()
    assert User.objects.get(username=DEMO_USERNAME).check_password(DEMO_PASSWORD)


def test_the_demo_account_cannot_be_deleted(demo_client):
    response = demo_client.post(
        reverse("delete_account"), {"password": DEMO_PASSWORD, "confirm": "on"}, follow=True
    )
    assert "The demo account is shared" in response.content.decode()
    assert User.objects.filter(username=DEMO_USERNAME).exists()


def test_the_demo_data_can_still_be_changed(demo_client):
    response = demo_client.post(
        reverse("application_quick_add"),
        {"company": "Acme", "role_title": "Tester", "date_applied": "2026-11-01"},
    )
    assert response.status_code == 302
    assert User.objects.get(username=DEMO_USERNAME).applications.count() == 1


def test_a_user_named_demo_who_is_not_the_demo_account_can_delete_their_account(client):
    user = UserFactory(username=DEMO_USERNAME, email="someone@example.com")
    user.set_password("their-own-passphrase")
    user.save()
    client.force_login(user)
    client.post(reverse("delete_account"), {"password": "their-own-passphrase", "confirm": "on"})
    assert not User.objects.filter(pk=user.pk).exists()
