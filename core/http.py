"""How every view answers htmx and where it sends the user back to: one way each."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails


def wants_fragment(request: HttpRequest) -> bool:
    """htmx asked for part of the page; restoring history after "back" needs the whole page."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    if not htmx:
        return False
    return not htmx.history_restore_request


def safe_next_url(request: HttpRequest, fallback: str) -> str:
    """The `next` the request carries (POST first, then GET) if it stays on this site, else
    `fallback`: never an open redirect."""
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return fallback
