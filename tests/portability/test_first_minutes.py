"""The first minutes: the login page says what Rebound is, and a new account's home page offers
three ways in instead of "all caught up"."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.urls import reverse

from accounts.models import DEMO_PASSWORD, DEMO_USERNAME
from tests.factories import ApplicationFactory, UserFactory

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
    assert "You're all caught up" not in html


def test_without_a_demo_account_the_home_says_how_one_is_made(alice_client):
    html = alice_client.get(reverse("home")).content.decode()
    assert "python manage.py seed_demo" in html and "make demo" in html
    assert "Log out to try the demo" not in html
    assert DEMO_PASSWORD not in html


def test_a_user_named_demo_who_is_not_the_demo_account_is_never_offered(alice_client):
    UserFactory(username=DEMO_USERNAME, email="someone@example.com")
    html = alice_client.get(reverse("home")).content.decode()
    assert "Log out to try the demo" not in html


def test_account_with_applications_does_not_get_the_ways_in(alice_client, alice):
    ApplicationFactory(user=alice)
    html = alice_client.get(reverse("home")).content.decode()
    assert "Three ways to start" not in html
    assert "Look around a demo" not in html
    assert "You're all caught up" in html


def test_another_users_applications_do_not_count(alice_client, bob):
    ApplicationFactory(user=bob)
    assert "Three ways to start" in alice_client.get(reverse("home")).content.decode()


def test_with_the_demo_account_the_home_shows_its_real_credentials(alice_client):
    call_command("seed_demo", stdout=io.StringIO())
    html = alice_client.get(reverse("home")).content.decode()
    assert f"<strong>{DEMO_USERNAME}</strong>, password <strong>{DEMO_PASSWORD}</strong>" in html
    assert "Log out to try the demo" in html
    assert authenticate(username=DEMO_USERNAME, password=DEMO_PASSWORD) is not None
