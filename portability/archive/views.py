"""Pages of the archive: the two downloads and the import form."""

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from accounts.http import AuthenticatedHttpRequest
from portability.archive import services
from portability.archive.forms import ArchiveUploadForm

TEMPLATE = "portability/archive/import.html"


def _attachment(content: bytes | str, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    filename = f"rebound-{timezone.localdate().isoformat()}.{extension}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_GET
def export_json(request: AuthenticatedHttpRequest) -> HttpResponse:
    document = services.archive_export(request.user)
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _attachment(text, "application/json; charset=utf-8", "json")


@require_GET
def export_zip(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _attachment(services.archive_export_zip(request.user), "application/zip", "zip")


@require_http_methods(["GET", "POST"])
def import_archive(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, TEMPLATE, {"form": ArchiveUploadForm()})
    form = ArchiveUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            document = services.archive_parse(form.cleaned_data["file"].read())
            summary = services.archive_import(request.user, document)
        except services.ArchiveError as error:
            form.add_error("file", f"Nothing was imported. {error}")
        else:
            messages.success(request, summary.message())
            return redirect("archive_import")
    return render(request, TEMPLATE, {"form": form}, status=400)
