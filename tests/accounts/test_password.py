import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_password_change_replaces_the_password(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-passphrase")
    # The session survives the change.
    assert alice_client.get(reverse("home")).status_code == 200


def test_password_change_with_wrong_old_password_keeps_the_old_one(alice_client, alice):
    response = alice_client.post(
        reverse("password_change"),
        {
            "old_password": "not-it",
            "new_password1": "a-brand-new-passphrase",
            "new_password2": "a-brand-new-passphrase",
        },
    )
    assert response.status_code == 200
    assert "old password was entered incorrectly" in response.content.decode()
    alice.refresh_from_db()
    assert alice.check_password(DEFAULT_PASSWORD)


def test_password_reset_sends_a_working_link(client, alice):
    response = client.post(reverse("password_reset"), {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    link = re.search(r"http://testserver(/accounts/reset/\S+)", body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "reset-passphrase-123", "new_password2": "reset-passphrase-123"},
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("reset-passphrase-123")


def test_password_reset_for_unknown_email_sends_nothing(client, alice):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []
