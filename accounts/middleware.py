"""Session and caching rules for signed-in pages, and the demo account's guard."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.models import DEMO_EMAIL, DEMO_USERNAME

LAST_SEEN_KEY = "_rebound_last_seen"


class SessionIdleTimeoutMiddleware:
    """Keeps a signed-in session alive for SESSION_IDLE_MINUTES after its latest request.

    The session's expiry (SESSION_COOKIE_AGE) is renewed whenever the session is saved; saving
    on every request (SESSION_SAVE_EVERY_REQUEST) would add a database write to every page, so
    this saves it at most once per refresh interval: the session ends between
    idle - interval and idle minutes after the last request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        idle_seconds = settings.SESSION_COOKIE_AGE
        self.refresh_seconds = min(300, idle_seconds // 10)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view: a login or logout in it has settled which session this is.
        if request.user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if not isinstance(last_seen, int) or now - last_seen >= self.refresh_seconds:
                request.session[LAST_SEEN_KEY] = now
        return response


class PrivatePagesNotStoredMiddleware:
    """A signed-in page must not be kept by the browser or any cache on the way: after a logout
    the back button or a shared computer would show it again. Responses that set their own
    Cache-Control (the calendar feed) keep it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "no-store, private"
        return response


# What one visitor of the shared demo account must not be able to do to the next.
DEMO_PROTECTED_VIEWS = frozenset({"password_change", "delete_account"})


class DemoAccountGuardMiddleware:
    """The demo account is shared by everyone who tries it: its password and its existence are
    not any one visitor's to change. Its data can be edited (that is the point of a demo), and
    `manage.py seed_demo` puts it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if (
            request.method == "POST"
            and user.is_authenticated
            and user.get_username() == DEMO_USERNAME
            and getattr(user, "email", "") == DEMO_EMAIL
            and request.resolver_match is not None
            and request.resolver_match.url_name in DEMO_PROTECTED_VIEWS
        ):
            messages.error(
                request,
                "The demo account is shared: its password and the account itself stay as they are.",
            )
            return redirect("account_settings")
        return None
