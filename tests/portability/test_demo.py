"""`seed_demo`: the demo account, replaced (not duplicated) on a second run; never over a real
user named "demo". What the demo contains is checked in test_demo_data.py."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts.models import DEMO_PASSWORD, DEMO_USERNAME, User
from applications.models import Application
from portability.demo import demo_user
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_running_it_twice_replaces_the_data_instead_of_duplicating_it(alice):
    ApplicationFactory(user=alice)
    output = seed()
    assert f"password {DEMO_PASSWORD!r}" in output
    assert authenticate(username=DEMO_USERNAME, password=DEMO_PASSWORD) == demo_user()
    first = row_counts()
    first_pk = demo_user().pk
    seed()
    assert row_counts() == first
    assert first["applications.Application"] >= 30
    assert User.objects.filter(username=DEMO_USERNAME).count() == 1
    assert Application.objects.filter(user__pk=first_pk).count() == 0  # the old data is gone
    assert Application.objects.filter(user=alice).count() == 1  # other users are left alone


def test_it_refuses_to_replace_a_real_user_named_demo():
    real = UserFactory(username=DEMO_USERNAME, email="someone@example.com")
    ApplicationFactory(user=real)
    with pytest.raises(CommandError, match="not the demo account"):
        seed()
    assert Application.objects.filter(user=real).count() == 1


def test_login_hint_says_how_to_log_in_only_once_the_demo_exists():
    out = io.StringIO()
    call_command("seed_demo", "--login-hint", stdout=out)
    assert "make demo" in out.getvalue()
    assert not User.objects.filter(username=DEMO_USERNAME).exists()
    seed()
    out = io.StringIO()
    call_command("seed_demo", "--login-hint", stdout=out)
    assert f"log in as {DEMO_USERNAME!r} with password {DEMO_PASSWORD!r}" in out.getvalue()
