"""The pages of the spreadsheet import: upload → map the columns → preview → import.

The mapping and the status choices travel as plain form fields from page to page (the map
page submits to the preview with GET, the preview's import form posts them), so every step
works without JavaScript and the upload is the only thing stored.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.http import AuthenticatedHttpRequest
from applications.models import Status
from portability.models import SpreadsheetUpload
from portability.spreadsheet import services
from portability.spreadsheet.forms import ImportForm, MappingForm, StatusForm, UploadForm
from portability.spreadsheet.mapping import Field, date_order_evidence, mapping_guess
from portability.spreadsheet.reading import WEB_MAX_ROWS, Sheet, SpreadsheetError, sheet_read
from portability.spreadsheet.selectors import spreadsheet_upload_for_user

SAMPLE_ROWS = 5
PREVIEW_ROWS = 100


@require_http_methods(["GET", "POST"])
def spreadsheet_upload(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = services.spreadsheet_upload_create(
                user=request.user,
                filename=form.cleaned_data["file"].name or "spreadsheet",
                content=form.content,
            )
            return redirect("spreadsheet_map", upload.pk)
    else:
        form = UploadForm()
    return render(request, "portability/spreadsheet/upload.html", {"form": form})


def _sheet(request: AuthenticatedHttpRequest, upload: SpreadsheetUpload) -> Sheet | None:
    try:
        return sheet_read(bytes(upload.content), upload.filename, max_rows=WEB_MAX_ROWS)
    except SpreadsheetError as error:
        messages.error(request, str(error))
        return None


def _map_page(
    request: AuthenticatedHttpRequest, upload: SpreadsheetUpload, sheet: Sheet, form: MappingForm
) -> HttpResponse:
    context = {
        "upload": upload,
        "form": form,
        "headers": sheet.headers,
        "sample_rows": sheet.rows[:SAMPLE_ROWS],
        "row_count": len(sheet.rows),
        "columns": [
            (field, [value for value in sheet.column_values(index) if value][:3])
            for index, field in enumerate(form.column_fields())
        ],
    }
    return render(request, "portability/spreadsheet/map.html", context)


@require_GET
def spreadsheet_map(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    upload = spreadsheet_upload_for_user(request.user, pk)
    sheet = _sheet(request, upload)
    if sheet is None:
        return redirect("spreadsheet_upload")
    if request.GET:
        form = MappingForm(request.GET, headers=sheet.headers)
    else:
        mapping = mapping_guess(sheet.headers)
        date_column = mapping.get(Field.DATE_APPLIED)
        date_order = (
            date_order_evidence(sheet.column_values(date_column))
            if date_column is not None
            else None
        )
        form = MappingForm(
            headers=sheet.headers, initial=MappingForm.initial_for(mapping, date_order)
        )
    return _map_page(request, upload, sheet, form)


@dataclass
class Choices:
    """What the user chose on the map and preview pages, read back from a request."""

    mapping_form: MappingForm
    status_form: StatusForm
    options: services.ImportOptions

    @property
    def statuses_valid(self) -> bool:
        """False when a status choice is not one of the statuses (a tampered or stale form):
        the preview shows the error, and nothing is imported with a choice left out."""
        return not self.status_form.is_bound or self.status_form.is_valid()


def _choices(data: QueryDict, sheet: Sheet, *, skip_bad_rows: bool = False) -> Choices | None:
    """The mapping and status choices in `data`; None when the mapping is not valid."""
    mapping_form = MappingForm(data, headers=sheet.headers)
    if not mapping_form.is_valid():
        return None
    mapping = mapping_form.mapping()
    options = services.ImportOptions(
        date_order=mapping_form.cleaned_data["date_order"], skip_bad_rows=skip_bad_rows
    )
    values = services.spreadsheet_status_values(sheet=sheet, mapping=mapping, options=options)
    status_form = StatusForm(data if StatusForm.is_submitted(data) else None, values=values)
    if status_form.is_bound and status_form.is_valid():
        options = services.ImportOptions(
            date_order=options.date_order,
            statuses=status_form.statuses(),
            skip_bad_rows=skip_bad_rows,
        )
        values = services.spreadsheet_status_values(sheet=sheet, mapping=mapping, options=options)
        status_form = StatusForm(data, values=values)
        status_form.is_valid()
    return Choices(mapping_form=mapping_form, status_form=status_form, options=options)


def _preview_page(
    request: AuthenticatedHttpRequest,
    upload: SpreadsheetUpload,
    sheet: Sheet,
    choices: Choices,
    import_form: ImportForm,
    status: int = 200,
) -> HttpResponse:
    plan = services.spreadsheet_plan(
        user=request.user,
        sheet=sheet,
        mapping=choices.mapping_form.mapping(),
        options=choices.options,
    )
    mapping_params = choices.mapping_form.params()
    context = {
        "upload": upload,
        "plan": plan,
        "shown": plan.applications[:PREVIEW_ROWS],
        "not_shown": max(0, len(plan.applications) - PREVIEW_ROWS),
        "mapping_params": mapping_params,
        "status_form": choices.status_form,
        "status_params": choices.status_form.params(),
        "import_form": import_form,
    }
    query = QueryDict(mutable=True)
    for name, value in mapping_params:
        query[name] = value
    context["map_query"] = query.urlencode()
    return render(request, "portability/spreadsheet/preview.html", context, status=status)


@require_GET
def spreadsheet_preview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    upload = spreadsheet_upload_for_user(request.user, pk)
    sheet = _sheet(request, upload)
    if sheet is None:
        return redirect("spreadsheet_upload")
    choices = _choices(request.GET, sheet)
    if choices is None:
        return _map_page(request, upload, sheet, MappingForm(request.GET, headers=sheet.headers))
    status = 200 if choices.statuses_valid else 400
    return _preview_page(request, upload, sheet, choices, ImportForm(), status=status)


@require_POST
def spreadsheet_import(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    upload = spreadsheet_upload_for_user(request.user, pk)
    sheet = _sheet(request, upload)
    if sheet is None:
        return redirect("spreadsheet_upload")
    import_form = ImportForm(request.POST)
    import_form.is_valid()
    skip_bad_rows = bool(import_form.cleaned_data.get("skip_bad_rows"))
    choices = _choices(request.POST, sheet, skip_bad_rows=skip_bad_rows)
    if choices is None:
        return _map_page(request, upload, sheet, MappingForm(request.POST, headers=sheet.headers))
    if not choices.statuses_valid:
        messages.error(
            request, "Nothing was imported: choose again what each status becomes, below."
        )
        return _preview_page(request, upload, sheet, choices, import_form, status=400)
    result = services.spreadsheet_import(
        user=request.user,
        sheet=sheet,
        mapping=choices.mapping_form.mapping(),
        options=choices.options,
    )
    plan = result.plan
    if not result.written:
        errors = len(plan.errors)
        messages.error(
            request,
            f"Nothing was imported: {errors} row{pluralize(errors)} "
            f"{pluralize(errors, 'has,have')} errors. Fix the file or the choices below, "
            "or tick “Skip the rows with errors”.",
        )
        return _preview_page(request, upload, sheet, choices, import_form)
    upload.delete()
    messages.success(request, _summary(result))
    return redirect("application_list")


def _summary(result: services.ImportResult) -> str:
    plan = result.plan
    parts = [f"Imported {result.imported} application{pluralize(result.imported)}"]
    if plan.duplicates:
        count = len(plan.duplicates)
        parts.append(f"skipped {count} duplicate{pluralize(count)}")
    if plan.errors:
        count = len(plan.errors)
        parts.append(f"left out {count} row{pluralize(count)} with errors")
    rejections = sum(planned.status == Status.REJECTED for planned in plan.applications)
    if rejections:
        parts.append(f"opened a draft reflection for {rejections} rejection{pluralize(rejections)}")
    return ", ".join(parts) + "."
