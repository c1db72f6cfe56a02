"""Views of the applications themselves: the list, the board, quick add, and the writes on one
(a status change, which may open a reflection, is in workflows)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRefresh

from accounts.http import AuthenticatedHttpRequest
from applications import services
from applications.forms import ApplicationFilterForm, QuickAddForm
from applications.models import ENDED_STATUSES, Application, Company, Status
from applications.selectors.board import BOARD_COLUMN_CAP, board_columns
from applications.selectors.ownership import application_for_user
from applications.selectors.search import ApplicationFilters, Show, application_search
from core.http import safe_next_url, wants_fragment

PAGE_SIZE = 25


def back_url(request: AuthenticatedHttpRequest, application: Application) -> str:
    """Where a change made from the list, board or detail page returns to without JavaScript."""
    view = request.POST.get("view")
    if view == "list":
        fallback = reverse("application_list")
    elif view == "board":
        fallback = reverse("application_board")
    else:
        fallback = application.get_absolute_url()
    return safe_next_url(request, fallback)


# The list ---------------------------------------------------------------------------


def application_list_response(
    request: AuthenticatedHttpRequest,
    form: ApplicationFilterForm,
    applications: QuerySet[Application],
    *,
    drill_down: bool = False,
) -> HttpResponse:
    """The list page (or, for htmx, its results) showing `applications`, filtered by `form`.

    The drill-down list of the dashboard answers with it too, with `drill_down` set.
    """
    page_obj = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "list_url": request.path,
        "drill_down": drill_down,
        "has_applications": page_obj.paginator.count > 0
        or Application.objects.filter(user=request.user).exists(),
        "next_url": request.get_full_path(),
        "status_choices": Status.choices,
    }
    template = "applications/application_list.html"
    if wants_fragment(request):
        template += "#results"
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def application_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ApplicationFilterForm(request.GET)
    # An invalid filter is shown as an error and left out of the search, never a 500.
    form.is_valid()
    applications = application_search(request.user, form.filters(), sort=form.sort_order())
    return application_list_response(request, form, applications)


def _list_row(request: AuthenticatedHttpRequest, application: Application) -> HttpResponse:
    """One row of the list, annotated as the list shows it, after a change made in place."""
    row = application_search(request.user, ApplicationFilters(show=Show.ALL)).get(pk=application.pk)
    context = {
        "application": row,
        "next_url": back_url(request, application),
        "status_choices": Status.choices,
    }
    return render(request, "applications/application_list.html#row", context)


# The board ----------------------------------------------------------------------------


def _render_board(request: AuthenticatedHttpRequest, template: str) -> HttpResponse:
    columns = board_columns(request.user)
    context = {
        "open_columns": [column for column in columns if column.status not in ENDED_STATUSES],
        "ended_columns": [column for column in columns if column.status in ENDED_STATUSES],
        "status_choices": Status.choices,
        "column_cap": BOARD_COLUMN_CAP,
    }
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def application_board(request: AuthenticatedHttpRequest) -> HttpResponse:
    template = "applications/application_board.html"
    if wants_fragment(request):
        template += "#board"
    return _render_board(request, template)


# Adding and editing -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def application_quick_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = QuickAddForm(request.POST)
        if form.is_valid():
            application = services.application_create(
                user=request.user,
                company_name=form.cleaned_data["company"],
                role_title=form.cleaned_data["role_title"],
                posting_url=form.cleaned_data["posting_url"],
                date_applied=form.cleaned_data["date_applied"],
            )
            messages.success(request, f"Added {application}.")
            return redirect("application_detail", application.pk)
        messages.error(request, "The application was not added: fix the fields marked below.")
    else:
        form = QuickAddForm()
    company_names = Company.objects.filter(user=request.user).values_list("name", flat=True)
    return render(
        request,
        "applications/application_quick_add.html",
        {"form": form, "company_names": company_names},
    )


# Changes made in place from the list, the board or the detail page -------------------


def changed_in_place_response(
    request: AuthenticatedHttpRequest, application: Application, message: str
) -> HttpResponse:
    """The updated row or board for htmx, a refreshed detail page, or a redirect back."""
    view = request.POST.get("view")
    if request.htmx and view == "list":
        return _list_row(request, application)
    if request.htmx and view == "board":
        return _render_board(request, "applications/application_board.html#board")
    messages.success(request, message)
    if request.htmx:
        return HttpResponseClientRefresh()
    return redirect(back_url(request, application))


@require_POST
@vary_on_headers("HX-Request")
def application_archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    # Buttons say which way they go, so a double submit cannot undo itself; without it, toggle.
    archived = request.POST.get("archived", "0" if application.archived else "1") == "1"
    services.application_set_archived(application=application, archived=archived)
    if archived:
        message = f"Archived {application}: it no longer shows in your list or on the board."
    else:
        message = f"Restored {application} to your list and board."
    return changed_in_place_response(request, application, message)
