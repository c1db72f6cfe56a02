"""The client's address, as login throttling and the failed-login log see it."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind a proxy (DJANGO_BEHIND_PROXY) the address it saw.

    X-Forwarded-For is trusted only then: without a proxy any client could send one and pick
    a fresh address for every guess. Its right-most entry is the one the nearest proxy
    appended; entries to its left come from the client and may be forged.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))
