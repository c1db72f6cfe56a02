from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path


def _not_built_yet(request: HttpRequest) -> HttpResponse:
    raise Http404("Not built yet")


urlpatterns = [
    path("", _not_built_yet, name="calendar_settings"),
]
