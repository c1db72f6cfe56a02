"""Session and caching rules for signed-in pages."""

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

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
