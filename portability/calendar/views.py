"""The calendar settings page, and the feed itself, which calendar apps read without a session."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from accounts.http import AuthenticatedHttpRequest
from portability.calendar.feeds import (
    calendar_feed_for_user,
    calendar_feed_regenerate,
    feed_for_token,
    interviews_calendar,
)


@require_GET
def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed = calendar_feed_for_user(request.user)
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
    return render(request, "portability/calendar/settings.html", {"feed_url": feed_url})


@require_POST
def calendar_regenerate(request: AuthenticatedHttpRequest) -> HttpResponse:
    calendar_feed_regenerate(user=request.user)
    messages.success(
        request,
        "Your calendar has a new address. The old one no longer works: "
        "subscribe again with the new one.",
    )
    return redirect("calendar_settings")


# A calendar app has no session: the secret token in the URL is the only key. The response
# must not be kept by shared caches or on disk.
@login_not_required
@require_GET
@cache_control(private=True, no_store=True)
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = feed_for_token(token)
    if feed is None:
        raise Http404("No such calendar.")
    ics = interviews_calendar(
        feed.user, uid_domain=request.get_host(), absolute_url=request.build_absolute_uri
    )
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="rebound-interviews.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
