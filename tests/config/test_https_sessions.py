"""With HTTPS on: __Host- cookies, sessions that end when idle, signed-in pages never stored,
and HSTS's reach beyond this site left to the operator."""

import time

import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.middleware import LAST_SEEN_KEY
from tests.config.test_settings import PRODUCTION_ENV, run_manage
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

PRINT_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
    "s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_DOMAIN, s.CSRF_COOKIE_DOMAIN, "
    "s.SESSION_COOKIE_PATH, s.CSRF_COOKIE_PATH, s.SESSION_COOKIE_AGE, "
    "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
)

HTTPS = {
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SESSION_COOKIE_NAME": "__Host-sessionid",
    "CSRF_COOKIE_NAME": "__Host-csrftoken",
}


def _settings(env, tmp_path):
    result = run_manage(["shell", "--no-imports", "-c", PRINT_SETTINGS], env, tmp_path)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_uses_host_prefixed_secure_cookies(tmp_path):
    assert _settings(PRODUCTION_ENV, tmp_path) == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "None",
        "None",
        "/",
        "/",
        str(7 * 24 * 3600),
        "False",
        "False",
    ]


def test_plain_http_keeps_the_usual_cookie_names(tmp_path):
    values = _settings({**PRODUCTION_ENV, "DJANGO_HTTPS": "0"}, tmp_path)
    assert values[:4] == ["sessionid", "csrftoken", "False", "False"]


def test_idle_time_and_hsts_reach_are_settings(tmp_path):
    env = {
        **PRODUCTION_ENV,
        "REBOUND_SESSION_IDLE_MINUTES": "30",
        "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1",
        "DJANGO_HSTS_PRELOAD": "1",
    }
    values = _settings(env, tmp_path)
    assert values[8:] == ["1800", "True", "True"]
    deploy = run_manage(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr


def test_a_too_short_idle_time_is_refused(tmp_path):
    result = run_manage(
        ["check"], {**PRODUCTION_ENV, "REBOUND_SESSION_IDLE_MINUTES": "1"}, tmp_path
    )
    assert result.returncode != 0
    assert "REBOUND_SESSION_IDLE_MINUTES must be at least 5" in result.stderr


@override_settings(**HTTPS)
def test_login_over_https_sets_host_prefixed_cookies(client, alice):
    page = client.get(reverse("login"), secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["path"] == "/" and not csrf["domain"]
    response = client.post(
        reverse("login"), {"username": "alice", "password": DEFAULT_PASSWORD}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] and session["path"] == "/" and not session["domain"]
    assert session["httponly"]
    assert "sessionid" not in response.cookies
    assert client.get(reverse("home"), secure=True).wsgi_request.user == alice


@override_settings(**HTTPS)
@pytest.mark.parametrize("name", ["home", "application_list", "dashboard", "account_settings"])
def test_signed_in_pages_are_not_stored(client, alice, name):
    client.force_login(alice)
    response = client.get(reverse(name), secure=True)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"


def test_pages_for_anonymous_visitors_are_left_alone(client):
    assert "no-store" not in client.get(reverse("signup")).get("Cache-Control", "")


def test_a_page_with_its_own_cache_control_keeps_it(alice_client, alice):
    """The calendar feed sets its own; the middleware must not overwrite one that is set."""
    from django.http import HttpResponse

    from accounts.middleware import PrivatePagesNotStoredMiddleware

    def view(request):
        response = HttpResponse("feed")
        response["Cache-Control"] = "private, max-age=60"
        return response

    request = alice_client.get(reverse("home")).wsgi_request
    assert PrivatePagesNotStoredMiddleware(view)(request)["Cache-Control"] == "private, max-age=60"


@override_settings(SESSION_COOKIE_AGE=600)
def test_an_idle_session_ends_and_an_active_one_slides(client, alice):
    from django.contrib.sessions.models import Session

    client.post(reverse("login"), {"username": "alice", "password": DEFAULT_PASSWORD})
    session = Session.objects.get()
    first_expiry = session.expire_date

    # Active: a request after the refresh interval pushes the expiry on.
    store = client.session
    store[LAST_SEEN_KEY] = int(time.time()) - 120
    store.save()
    client.get(reverse("home"))
    assert Session.objects.get().expire_date > first_expiry

    # Idle past the limit: the session has expired and the user must log in again.
    Session.objects.update(expire_date=Session.objects.get().expire_date.replace(year=2000))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
