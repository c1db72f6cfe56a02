"""The first minutes: the login page says what Rebound is, and a new account's home page offers
three ways in instead of "all caught up"."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_login_page_says_what_rebound_is_and_links_to_sign_up(client):
    html = client.get(reverse("login")).content.decode()
    assert "Rebound tracks your job applications, interviews, outcomes and feedback" in html
    assert "walks you through a short reflection" in html
    assert f'<a href="{reverse("signup")}">Create an account</a>' in html


def test_new_account_home_offers_three_ways_in(alice_client):
    html = alice_client.get(reverse("home")).content.decode()
    assert "Three ways to start" in html
    assert f'href="{reverse("application_quick_add")}"' in html
    assert f'href="{reverse("spreadsheet_upload")}">Import a spreadsheet' in html
    assert "Look around a demo" in html
    assert "python manage.py seed_demo" in html and "make demo" in html
    assert f'action="{reverse("logout")}"' in html
    assert "You're all caught up" not in html


def test_account_with_applications_does_not_get_the_ways_in(alice_client, alice):
    ApplicationFactory(user=alice)
    html = alice_client.get(reverse("home")).content.decode()
    assert "Three ways to start" not in html
    assert "Look around a demo" not in html
    assert "You're all caught up" in html


def test_another_users_applications_do_not_count(alice_client, bob):
    ApplicationFactory(user=bob)
    assert "Three ways to start" in alice_client.get(reverse("home")).content.decode()


def test_the_demo_credentials_shown_are_the_real_ones(alice_client):
    from portability.demo import DEMO_PASSWORD, DEMO_USERNAME

    html = alice_client.get(reverse("home")).content.decode()
    assert f"<strong>{DEMO_USERNAME}</strong>, password <strong>{DEMO_PASSWORD}</strong>" in html
