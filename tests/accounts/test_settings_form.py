import datetime

import pytest
from django.test import Client
from django.urls import reverse

from accounts.forms import AccountSettingsForm
from accounts.models import DEMO_EMAIL, DEMO_USERNAME, User

pytestmark = pytest.mark.django_db

URL = reverse("account_settings")


def test_the_page_shows_the_form_with_the_current_values(alice_client, alice):
    alice.full_name = "Alice Liddell"
    alice.save()
    response = alice_client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Alice Liddell"' in page
    assert 'name="reminder_frequency"' in page
    assert "alice@example.com" in page  # where the reminders would go


def test_it_saves_the_full_name_and_the_frequency(alice_client, alice):
    response = alice_client.post(
        URL, {"full_name": "  Alice Liddell ", "reminder_frequency": "weekly"}, follow=True
    )
    assert response.redirect_chain == [(URL, 302)]
    assert "Your settings are saved." in response.content.decode()
    alice.refresh_from_db()
    assert alice.full_name == "Alice Liddell"
    assert alice.reminder_frequency == User.ReminderFrequency.WEEKLY
    assert alice.signature_name() == "Alice Liddell"


def test_an_empty_full_name_signs_with_the_username(alice_client, alice):
    alice.full_name = "Alice Liddell"
    alice.save()
    alice_client.post(URL, {"full_name": "", "reminder_frequency": "never"})
    alice.refresh_from_db()
    assert alice.full_name == ""
    assert alice.signature_name() == "alice"


def test_a_frequency_without_an_email_address_is_refused_with_a_message(client):
    user = User.objects.create_user(username="no-address", password="x", email="")
    client.force_login(user)
    response = client.post(URL, {"full_name": "Nobody", "reminder_frequency": "daily"})
    assert response.status_code == 200
    assert "this account has none" in response.content.decode()
    user.refresh_from_db()
    assert user.reminder_frequency == User.ReminderFrequency.NEVER
    assert user.full_name == ""


def test_no_reminders_without_an_email_address_is_fine(client):
    user = User.objects.create_user(username="no-address", password="x", email="")
    client.force_login(user)
    response = client.post(URL, {"full_name": "Nobody", "reminder_frequency": "never"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Nobody"


def test_an_unknown_frequency_re_renders_with_a_message(alice_client, alice):
    response = alice_client.post(URL, {"full_name": "A", "reminder_frequency": "hourly"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert alice.reminder_frequency == User.ReminderFrequency.NEVER
    assert alice.full_name == ""


def test_a_name_too_long_re_renders_with_a_message(alice_client, alice):
    response = alice_client.post(URL, {"full_name": "A" * 151, "reminder_frequency": "never"})
    assert response.status_code == 200
    assert "at most 150 characters" in response.content.decode()


def test_other_fields_are_untouched(alice_client, alice):
    before = User.objects.values().get(pk=alice.pk)
    alice_client.post(
        URL,
        {
            "full_name": "Alice",
            "reminder_frequency": "daily",
            # Not on the form: ignored whatever is posted.
            "email": "mallory@example.com",
            "username": "mallory",
            "is_staff": "on",
            "reminders_sent_on": "2030-01-01",
        },
    )
    after = User.objects.values().get(pk=alice.pk)
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {"full_name", "reminder_frequency"}


def test_saving_keeps_a_reminder_marked_sent_while_the_page_was_open(
    alice, alice_client, monkeypatch
):
    """send_reminders marks the day in the row; a save must not write back the day the request
    loaded (a full save would, and the user would get a second email that day)."""
    today = datetime.date(2026, 3, 2)
    validate = AccountSettingsForm.clean

    def mark_sent_after_the_user_was_loaded(form):
        User.objects.filter(pk=alice.pk).update(reminders_sent_on=today)
        return validate(form)

    monkeypatch.setattr(AccountSettingsForm, "clean", mark_sent_after_the_user_was_loaded)
    response = alice_client.post(URL, {"full_name": "Alice", "reminder_frequency": "daily"})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.reminders_sent_on == today
    assert alice.full_name == "Alice"


def test_a_post_without_a_csrf_token_is_refused(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(URL, {"full_name": "Mallory", "reminder_frequency": "daily"})
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.full_name == ""


def test_it_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_the_name_is_escaped_on_the_page(alice_client, alice):
    alice_client.post(URL, {"full_name": "<b>Alice</b>", "reminder_frequency": "never"})
    page = alice_client.get(URL).content.decode()
    assert "<b>Alice</b>" not in page
    assert "&lt;b&gt;Alice&lt;/b&gt;" in page


def test_the_page_rejects_other_methods(alice_client):
    assert alice_client.put(URL).status_code == 405


def test_an_empty_post_re_renders_with_the_errors(alice_client, alice):
    response = alice_client.post(URL, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    alice.refresh_from_db()
    assert alice.reminder_frequency == User.ReminderFrequency.NEVER


def test_the_demo_account_cannot_turn_reminders_on(client):
    demo = User.objects.create_user(username=DEMO_USERNAME, password="x", email=DEMO_EMAIL)
    client.force_login(demo)
    response = client.post(URL, {"full_name": "Demo", "reminder_frequency": "daily"})
    assert response.status_code == 200
    assert "The demo account cannot get reminders" in response.content.decode()
    demo.refresh_from_db()
    assert demo.reminder_frequency == User.ReminderFrequency.NEVER


def test_the_demo_account_can_still_save_its_name_with_reminders_off(client):
    demo = User.objects.create_user(username=DEMO_USERNAME, password="x", email=DEMO_EMAIL)
    client.force_login(demo)
    response = client.post(URL, {"full_name": "Demo", "reminder_frequency": "never"})
    assert response.status_code == 302
    demo.refresh_from_db()
    assert demo.full_name == "Demo"


def test_an_address_that_cannot_receive_mail_cannot_turn_reminders_on(client):
    user = User.objects.create_user(
        username="made-up", password="x", email="someone@made-up.invalid"
    )
    client.force_login(user)
    response = client.post(URL, {"full_name": "", "reminder_frequency": "weekly"})
    assert response.status_code == 200
    assert "someone@made-up.invalid cannot receive mail" in response.content.decode()
    user.refresh_from_db()
    assert user.reminder_frequency == User.ReminderFrequency.NEVER
