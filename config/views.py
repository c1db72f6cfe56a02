"""Error answers that fit the app: full pages for browsers, short messages for htmx requests."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CSRF_MESSAGE = (
    "Your session has expired or the page was open too long. Reload the page and try again."
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        return HttpResponse(CSRF_MESSAGE, status=403, content_type="text/plain; charset=utf-8")
    return render(request, "403_csrf.html", {"message": CSRF_MESSAGE}, status=403)
