"""Login throttling through the real login views, with django-axes on (it is off elsewhere)."""

import logging
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory

LIMIT = 3
COOLOFF = timedelta(seconds=1)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("axes_on"),
]


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=LIMIT, AXES_COOLOFF_TIME=COOLOFF):
        yield


def _login(client, password, username="alice", url=None, **extra):
    return client.post(
        url or reverse("login"), {"username": username, "password": password}, **extra
    )


def test_failures_lock_out_even_the_right_password_until_the_window_ends(client, alice):
    for _ in range(LIMIT - 1):
        assert _login(client, "wrong").status_code == 200
    locked = _login(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed attempts" in locked.content.decode()

    refused = _login(client, DEFAULT_PASSWORD)
    assert refused.status_code == 429
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated

    time.sleep(COOLOFF.total_seconds() + 0.2)
    accepted = _login(client, DEFAULT_PASSWORD)
    assert accepted.status_code == 302
    assert client.get(reverse("home")).wsgi_request.user == alice


def test_the_lockout_page_says_for_how_long(client, alice):
    with override_settings(AXES_COOLOFF_TIME=timedelta(minutes=15)):
        for _ in range(LIMIT):
            response = _login(client, "wrong")
    html = response.content.decode()
    assert "paused for 15 minutes" in html
    assert reverse("password_reset") in html


def test_another_address_is_not_locked_out(client, alice):
    for _ in range(LIMIT):
        _login(client, "wrong")
    response = _login(client, DEFAULT_PASSWORD, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


def test_another_user_from_the_same_address_is_not_locked_out(client, alice, bob):
    for _ in range(LIMIT):
        _login(client, "wrong")
    assert _login(client, DEFAULT_PASSWORD, username="bob").status_code == 302


def test_the_admin_login_is_throttled_too(client):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    url = reverse("admin:login")
    for _ in range(LIMIT - 1):
        assert _login(client, "wrong", username="root", url=url).status_code == 200
    assert _login(client, "wrong", username="root", url=url).status_code == 429
    response = _login(client, DEFAULT_PASSWORD, username="root", url=url)
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()


def test_a_forged_forwarded_for_is_ignored_without_a_proxy(client, alice):
    for n in range(LIMIT):
        _login(client, "wrong", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = _login(client, DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert response.status_code == 429


def test_behind_a_proxy_each_client_address_counts_apart(client, alice):
    with override_settings(BEHIND_PROXY=True):
        for _ in range(LIMIT):
            _login(client, "wrong", HTTP_X_FORWARDED_FOR="1.1.1.1, 198.51.100.7")
        assert (
            _login(client, DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
        )
        # The left-most entry is the client's to forge; only the proxy's own entry counts.
        forged = _login(client, DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="9.9.9.9, 198.51.100.7")
        assert forged.status_code == 429
        other = _login(client, DEFAULT_PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.8")
        assert other.status_code == 302


def test_failed_logins_are_logged_with_username_and_address_not_password(client, alice, caplog):
    with caplog.at_level(logging.WARNING, logger="rebound.accounts"):
        _login(client, "s3cret-guess", REMOTE_ADDR="203.0.113.5")
    records = [r.getMessage() for r in caplog.records if r.name == "rebound.accounts"]
    assert records == ["Failed login for username 'alice' from 203.0.113.5"]
    assert "s3cret-guess" not in caplog.text


def test_one_address_trying_many_usernames_is_refused_at_its_own_limit(client):
    """Found by review: only the username+address pair was counted, so one address could try
    a password against every account."""
    usernames = [f"user{n}" for n in range(4)]
    for username in usernames:
        UserFactory(username=username)
    with override_settings(
        LOGIN_ADDRESS_FAILURE_LIMIT=2 * LIMIT, AXES_COOLOFF_TIME=timedelta(minutes=5)
    ):
        # Each pair stays under its own limit; the address reaches its limit first.
        statuses = [
            _login(client, "wrong", username=username).status_code
            for username in usernames
            for _ in range(LIMIT - 1)
        ]
        right_password = _login(client, DEFAULT_PASSWORD, username="user3").status_code
    assert statuses[: 2 * LIMIT - 1] == [200] * (2 * LIMIT - 1)
    assert statuses[2 * LIMIT - 1] == 429
    assert right_password == 429


def test_the_address_limit_does_not_reach_another_address(client):
    UserFactory(username="user0")
    with override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=LIMIT + 1):
        for n in range(LIMIT + 1):
            UserFactory(username=f"other{n}")
            _login(client, "wrong", username=f"other{n}")
        elsewhere = _login(client, DEFAULT_PASSWORD, username="user0", REMOTE_ADDR="10.9.9.9")
    assert elsewhere.status_code == 302
