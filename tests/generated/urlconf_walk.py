"""The project's URLconf as a list of named URLs, and how to build each one for a given owner:
the generated CSRF and XSS tests walk it, so a new URL is covered without anyone adding it.

An id URL is built from tests/test_every_id_url_is_scoped.py's ID_URLS (the object, made for the
owner); any other URL with arguments needs an entry in OTHER_ARGS, or test_every_url_can_be_built
fails and says which.
"""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.services import signup_token
from portability.models import CalendarFeed
from tests.test_every_id_url_is_scoped import ID_URLS

# URL name -> its arguments, built for the owner (URLs whose only argument is not an id).
OTHER_ARGS: dict[str, Callable[[Any], list[str]]] = {
    "dashboard_panel": lambda owner: ["funnel"],
    "calendar_feed": lambda owner: [CalendarFeed.objects.get_or_create(user=owner)[0].token],
    "password_reset_confirm": lambda owner: [
        urlsafe_base64_encode(force_bytes(owner.pk)),
        default_token_generator.make_token(owner),
    ],
    "signup_finish": lambda owner: [signup_token("newcomer@example.com")],
}


def named_urls(resolver: URLResolver | None = None, namespace: str = "") -> dict[str, URLPattern]:
    """Every named URL pattern, by the name reverse() takes ("admin:login" in a namespace)."""
    found: dict[str, URLPattern] = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found = named_urls(pattern, inner) | found
        elif pattern.name:
            found.setdefault(f"{namespace}{pattern.name}", pattern)
    return found


def has_arguments(pattern: URLPattern) -> bool:
    return bool(pattern.pattern.converters) or bool(pattern.pattern.regex.groups)


def project_urls() -> dict[str, URLPattern]:
    """The URLs the generated tests cover: all of the project's, and the admin's that take no
    arguments (its per-object URLs are Django's own, tested by Django)."""
    return {
        name: pattern
        for name, pattern in named_urls().items()
        if not (name.startswith("admin:") and has_arguments(pattern))
    }


def url_for(name: str, owner: Any) -> tuple[str, object | None]:
    """The URL `name` for `owner`, and the object it is about (None for most)."""
    if name in ID_URLS:
        build, extra = ID_URLS[name]
        target = build(owner)
        return reverse(name, args=[target.pk, *extra]), target
    if name in OTHER_ARGS:
        return reverse(name, args=OTHER_ARGS[name](owner)), None
    return reverse(name), None
