from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path


def _not_built_yet(request: HttpRequest) -> HttpResponse:
    raise Http404("Not built yet")


urlpatterns = [
    path("export.json", _not_built_yet, name="export_json"),
    path("export.zip", _not_built_yet, name="export_zip"),
    path("import/", _not_built_yet, name="archive_import"),
]
