"""Request types for annotating views, so the type checker knows what the middleware adds.

`HtmxMiddleware` runs on every request and sets `request.htmx`; `LoginRequiredMiddleware`
lets a request through to a view only with a signed-in user, unless the view is marked
`@login_not_required`. Plain `HttpRequest` knows neither, so views annotate their request
with these instead (the pattern django-stubs and django-htmx document). They are only
annotations: Django still passes its own request object.
"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from accounts.models import User


class HtmxHttpRequest(HttpRequest):
    """Any request, including one to a `@login_not_required` view."""

    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request to a view behind the login requirement: its user is signed in."""

    user: User
