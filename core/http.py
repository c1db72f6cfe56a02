"""How every view answers htmx and where it sends the user back to: one way each."""

from urllib.parse import parse_qsl, urlsplit

from django.http import HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import push_url
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


def _same_address(url: str, other: str) -> bool:
    """The same path and the same non-empty query values, in any order."""
    first, second = urlsplit(url), urlsplit(other)

    def values(query: str) -> list[tuple[str, str]]:
        return sorted((name, value) for name, value in parse_qsl(query) if value)

    return first.path == second.path and values(first.query) == values(second.query)


def push_url_once(request: HttpRequest, response: HttpResponse, url: str) -> HttpResponse:
    """Push `url` into the history only when it differs from the page's address, so a filter
    change that fires twice (its `change` event, then the form's `submit`) makes one entry."""
    htmx: HtmxDetails | None = getattr(request, "htmx", None)
    current = (htmx.current_url if htmx else None) or ""
    if current and _same_address(current, url):
        return push_url(response, False)
    return push_url(response, url)
