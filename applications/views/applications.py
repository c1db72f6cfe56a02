"""Views of the applications themselves: the list, the board, quick add, and the writes on one
(a status change, which may open a reflection, is in workflows)."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, HttpResponseClientRefresh

from accounts.http import AuthenticatedHttpRequest
from applications import services
from applications.forms import (
    ApplicationFilterForm,
    NameSuggestionForm,
    QuickAddForm,
    QuickAddPrefillForm,
)
from applications.models import ENDED_STATUSES, Application, Status
from applications.posting import guess_posting
from applications.selectors.board import BOARD_COLUMN_CAP, BoardColumn, board_columns
from applications.selectors.names import company_named, company_suggestions, contact_suggestions
from applications.selectors.ownership import application_for_user
from applications.selectors.search import ApplicationFilters, Show, application_search
from core.http import push_url_once, safe_next_url, wants_fragment
from core.undo import Change, UndoOffer, undo_offer_message

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

# The filters folded behind the list's "Filters" toggle on phones (the search box stays in view).
TOGGLED_FILTERS = ("status", "source", "applied_from", "applied_to")


def active_filter_count(form: ApplicationFilterForm) -> int:
    """How many of the folded filters narrow the list: a valid value set, or archived
    applications shown (the sort order narrows nothing)."""
    form.is_valid()
    cleaned = form.cleaned_data
    count = sum(1 for name in TOGGLED_FILTERS if cleaned.get(name))
    return count + int(cleaned.get("show") not in ("", None, Show.ACTIVE))


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
    filter_count = active_filter_count(form)
    context = {
        "form": form,
        "page_obj": page_obj,
        "list_url": request.path,
        "drill_down": drill_down,
        "has_applications": page_obj.paginator.count > 0
        or Application.objects.filter(user=request.user).exists(),
        "next_url": request.get_full_path(),
        "status_choices": Status.choices,
        "active_filter_count": filter_count,
        "filters_open": filter_count > 0 or bool(form.errors),
        # htmx swaps only the results: the toggle's count comes along out of band.
        "swap_filter_count": wants_fragment(request),
    }
    template = "applications/application_list.html"
    if wants_fragment(request):
        # One history entry per filter change, though a change fires `change` and `submit`.
        response = render(request, template + "#results", context)
        return push_url_once(request, response, request.get_full_path())
    return render(request, template, context)


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def application_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ApplicationFilterForm(request.GET)
    # An invalid filter is shown as an error and left out of the search, never a 500.
    form.is_valid()
    applications = application_search(request.user, form.filters(), sort=form.sort_order())
    return application_list_response(request, form, applications)


def _list_row(
    request: AuthenticatedHttpRequest, application: Application, undo: UndoOffer | None = None
) -> HttpResponse:
    """One row of the list, annotated as the list shows it, after a change made in place (with
    the notice offering its undo)."""
    row = application_search(request.user, ApplicationFilters(show=Show.ALL)).get(pk=application.pk)
    context = {
        "application": row,
        "next_url": back_url(request, application),
        "status_choices": Status.choices,
        "undo": undo,
    }
    return render(request, "applications/application_list.html#row", context)


# The board ----------------------------------------------------------------------------


class BoardColumnForm(forms.Form):
    """The column the board shows on phones, as its switcher's links and its forms carry it."""

    column = forms.ChoiceField(choices=Status.choices, required=False)

    def column_or(self, default: str) -> str:
        """The column asked for, or `default` when none (or an unknown one) was."""
        if self.is_valid() and self.cleaned_data["column"]:
            return str(self.cleaned_data["column"])
        return default


def _first_column_with_cards(columns: list[BoardColumn]) -> str:
    return next((column.status for column in columns if column.total), Status.APPLIED.value)


def _render_board(
    request: AuthenticatedHttpRequest, template: str, undo: UndoOffer | None = None
) -> HttpResponse:
    columns = board_columns(request.user)
    asked = BoardColumnForm(request.POST if request.method == "POST" else request.GET)
    current_column = asked.column_or(_first_column_with_cards(columns))
    context = {
        "columns": columns,
        "current_column": current_column,
        "current_is_ended": current_column in ENDED_STATUSES,
        "open_columns": [column for column in columns if column.status not in ENDED_STATUSES],
        "ended_columns": [column for column in columns if column.status in ENDED_STATUSES],
        "status_choices": Status.choices,
        "column_cap": BOARD_COLUMN_CAP,
        "undo": undo,
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


def _prefilled_quick_add(request: AuthenticatedHttpRequest) -> tuple[QuickAddForm, bool]:
    """Quick add filled in from its query string (a posting saved with the bookmarklet), and
    whether some of what the link brought could not be read and was left out."""
    prefill = QuickAddPrefillForm(request.GET)
    values = prefill.values()
    guess = guess_posting(values.get("title", ""), values.get("url", ""))
    company_name = values.get("company") or guess.company
    # A company the user already has keeps its spelling ("ACME" on the page, "Acme" here).
    company = company_named(request.user, company_name) if company_name else None
    initial = {
        "company": company.name if company else company_name,
        "role_title": values.get("role") or guess.role,
        "posting_url": values.get("url", ""),
    }
    if "date_applied" in values:
        initial["date_applied"] = values["date_applied"]
    return QuickAddForm(initial={k: v for k, v in initial.items() if v}), prefill.left_out()


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def application_quick_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Log an application in four fields. A GET may carry the fields in its query string (the
    bookmarklet's link) and only fills the form in: nothing is saved without the submit.
    "Save and add another" comes back to an empty form, keeping the date used."""
    left_out = False
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
            date_applied = form.cleaned_data["date_applied"]
            if "add_another" not in request.POST:
                messages.success(request, f"Added {application}.")
                if request.htmx:
                    return HttpResponseClientRedirect(application.get_absolute_url())
                return redirect("application_detail", application.pk)
            messages.success(request, f"Added {application}. Ready for the next one.")
            if not request.htmx:
                next_url = reverse("application_quick_add")
                if date_applied != timezone.localdate():
                    next_url += "?" + urlencode({"date_applied": date_applied.isoformat()})
                return redirect(next_url)
            form = QuickAddForm(initial={"date_applied": date_applied})
            form.fields["company"].widget.attrs["autofocus"] = True
        else:
            messages.error(request, "The application was not added: fix the fields marked below.")
    else:
        form, left_out = _prefilled_quick_add(request)
    template = "applications/application_quick_add.html"
    if wants_fragment(request) and request.method == "POST":
        template += "#quick_add_form"
    context = {
        "form": form,
        "company_options": [(name, "") for name in company_suggestions(request.user, "")],
        "left_out": left_out,
    }
    return render(request, template, context)


@require_GET
def company_name_suggestions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's company names matching what is typed in a company box, as <option>s."""
    typed = NameSuggestionForm(request.GET).typed("company")
    names = [] if typed is None else company_suggestions(request.user, typed)
    options = [(name, "") for name in names]
    return render(request, "applications/_name_options.html", {"options": options})


@require_GET
def contact_name_suggestions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's contacts matching what is typed in a referrer box, as <option>s (a contact's
    company beside the name tells two people of the same name apart)."""
    typed = NameSuggestionForm(request.GET).typed("referrer")
    contacts = [] if typed is None else contact_suggestions(request.user, typed)
    options = [(contact.name, str(contact)) for contact in contacts]
    return render(request, "applications/_name_options.html", {"options": options})


# Changes made in place from the list, the board or the detail page -------------------


def changed_in_place_response(
    request: AuthenticatedHttpRequest,
    application: Application,
    message: str,
    change: Change | None = None,
) -> HttpResponse:
    """The updated row or board for htmx, a refreshed detail page, or a redirect back. With
    the `change` made, the row or board shows `message` with Undo in place; the detail page
    and a page without JavaScript show it as a message with an Undo button."""
    view = request.POST.get("view")
    fields = {"view": view or "detail", "next": back_url(request, application)}
    if request.htmx and view == "list":
        undo = change.offer(message, fields=fields, target="closest tr") if change else None
        return _list_row(request, application, undo)
    if request.htmx and view == "board":
        # The undo keeps the column the board shows on phones.
        board_fields = {**fields, "column": BoardColumnForm(request.POST).column_or("")}
        undo = change.offer(message, fields=board_fields, target="#board") if change else None
        return _render_board(request, "applications/application_board.html#board", undo)
    if change:
        undo_offer_message(request, change.offer(message, fields=fields))
    else:
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
    change = services.application_set_archived(application=application, archived=archived)
    if change is None:
        state = "archived" if archived else "in your list and on the board"
        message = f"{application} is already {state}."
        response = changed_in_place_response(request, application, message)
        if request.htmx and request.POST.get("view") in ("list", "board"):
            # The row or board has no place for a notice: the message comes out of band.
            messages.info(request, message)
            response.content += render(request, "_messages_oob.html").content
        return response
    if archived:
        message = f"Archived {application}: it no longer shows in your list or on the board."
    else:
        message = f"Restored {application} to your list and board."
    return changed_in_place_response(request, application, message, change)
