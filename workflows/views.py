"""Pages and writes that span both domains: the home page, and the three writes whose
consequences reach the reflection domain (a status change or an outcome that may be a
rejection, an edit that may add requirements to a reflection, and a debrief that feeds the
question bank)."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect, reswap

from accounts.http import AuthenticatedHttpRequest
from accounts.models import DEMO_PASSWORD, DEMO_USERNAME, demo_account_exists
from applications import services as tracking
from applications.forms import ApplicationForm, DebriefForm, OutcomeForm, StatusForm
from applications.models import Application, Status
from applications.selectors.ownership import (
    application_for_user,
    company_for_user,
    interview_for_user,
)
from applications.selectors.reminders import NO_NEWS_DAYS, UPCOMING_WINDOW, reminders_for_user
from applications.views.applications import back_url, changed_in_place_response
from applications.views.history import history_changed_response, history_form_response
from core.http import safe_next_url
from core.undo import undo_offer_message
from reflections.selectors import (
    ACTION_ITEMS_DUE_SOON_DAYS,
    action_items_due_soon,
    reflection_for_rejection,
    reflections_unfinished,
)
from reflections.views.action_items import action_item_changed_response
from workflows import services, undo
from workflows.forms import UndoForm
from workflows.selectors import company_deletion_consequences, deletion_consequences

INVALID_STATUS = "Pick one of the listed statuses."
REFLECT_NOW = (
    "Rejection recorded. Take a few minutes to reflect on it while it is fresh; "
    "each section saves as you go."
)


def _to_reflection_if_newly_rejected(
    request: AuthenticatedHttpRequest, application: Application, status_before: str
) -> HttpResponse | None:
    """After a change that may end in a rejection: a new rejection takes the user to its draft
    reflection (htmx follows too); anything else returns None and the view answers as usual."""
    if application.status != Status.REJECTED or status_before == Status.REJECTED:
        return None
    reflection = reflection_for_rejection(application)
    messages.info(request, REFLECT_NOW)
    if request.htmx:
        return HttpResponseClientRedirect(reflection.get_absolute_url())
    return redirect(reflection)


# Home -------------------------------------------------------------------------------------


def _reminders_context(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {
        "reminders": reminders_for_user(request.user),
        "upcoming_days": UPCOMING_WINDOW.days,
        "no_news_days": NO_NEWS_DAYS,
    }


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = _reminders_context(request) | {
        "unfinished_reflections": reflections_unfinished(request.user),
        "due_action_items": action_items_due_soon(request.user),
        "due_days": ACTION_ITEMS_DUE_SOON_DAYS,
    }
    # A new account is offered ways in instead of "all caught up", the demo among them when
    # the operator has made it.
    context["has_applications"] = request.user.applications.exists()
    if not context["has_applications"]:
        context["demo_account"] = demo_account_exists() and {
            "username": DEMO_USERNAME,
            "password": DEMO_PASSWORD,
        }
    return render(request, "workflows/home.html", context)


def _no_news_row(
    request: AuthenticatedHttpRequest, application: Application, notice: str = ""
) -> HttpResponse:
    """A row of home's "no news" list, alone: as it was, or (with a notice) in its place,
    so nothing moves under the cursor."""
    context = {"application": application, "notice": notice, "undo": None}
    return render(request, "workflows/home.html#no_news_row", context)


@require_POST
@vary_on_headers("HX-Request")
def mark_no_response(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    # None when it has already ended: a stale page (or a second click) must not overwrite how
    # the application really ended.
    change = undo.application_mark_no_response(application=application)
    if change is None:
        message = f"{application} has already ended ({application.get_status_display()})."
        if request.htmx:
            return _no_news_row(request, application, notice=message)
        messages.info(request, message)
        return redirect("home")
    message = f"Marked {application} as no response."
    fields = {"view": "home", "next": reverse("home")}
    if request.htmx:
        # The row stays where it was, replaced by the notice and its Undo.
        context = {
            "application": application,
            "undo": change.offer(message, fields=fields, target="closest li"),
        }
        return render(request, "workflows/home.html#no_news_row", context)
    undo_offer_message(request, change.offer(message, fields=fields))
    return redirect("home")


# Undo of a one-click change -----------------------------------------------------------------


def _with_messages(request: AuthenticatedHttpRequest, response: HttpResponse) -> HttpResponse:
    """An htmx answer that also brings the pending messages, out of band, to the live region
    (#messages), so a screen reader hears what happened."""
    response.content += render_to_string("_messages_oob.html", request=request).encode()
    return response


@require_POST
@vary_on_headers("HX-Request")
def change_undo(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Put back what a one-click change did, and answer in the place the change was made: the
    row of home or of the list, the board, the action item; a page without JavaScript goes
    back where it came from. A refusal changes nothing and says why."""
    form = UndoForm(request.POST)
    try:
        if not form.is_valid():
            raise undo.UndoRefused(f"That undo was not understood. {undo.NOT_UNDONE}")
        undone = undo.change_undo(user=request.user, token=form.cleaned_data["token"])
    except undo.UndoRefused as refusal:
        messages.error(request, str(refusal))
        if request.htmx:
            # The notice stays as it was; only the message is shown.
            return reswap(render(request, "_messages_oob.html"), "none")
        return redirect(safe_next_url(request, reverse("home")))
    if undone.action_item is not None:
        response = action_item_changed_response(request, undone.action_item, undone.message)
        if request.htmx:
            messages.success(request, undone.message)
            return _with_messages(request, response)
        return response
    application = undone.application
    assert application is not None
    view = request.POST.get("view")
    if request.htmx and view in ("home", "list", "board"):
        if view == "home":
            response = _no_news_row(request, application)
        else:
            response = changed_in_place_response(request, application, undone.message)
        messages.success(request, undone.message)
        return _with_messages(request, response)
    return changed_in_place_response(request, application, undone.message)


# Writes with consequences in the reflection domain -----------------------------------------


@require_http_methods(["GET", "POST"])
def application_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    # Named before binding: an invalid form still copies its valid fields onto the instance.
    title = str(application)
    if request.method == "POST":
        form = ApplicationForm(request.POST, user=request.user, instance=application)
        if form.is_valid():
            # The company and referrer are typed by name: new ones are created with the save.
            services.application_update(
                application=form.save(commit=False),
                company_name=form.cleaned_data["company"],
                referrer_name=form.cleaned_data["referrer"],
            )
            messages.success(request, f"Saved {application}.")
            return redirect("application_detail", application.pk)
        messages.error(request, "The changes were not saved: fix the fields marked below.")
    else:
        form = ApplicationForm(user=request.user, instance=application)
    return render(
        request,
        "applications/application_form.html",
        {"form": form, "application": application, "title": title},
    )


@require_POST
@vary_on_headers("HX-Request")
def application_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        if request.htmx:
            return HttpResponseBadRequest(INVALID_STATUS)
        messages.error(request, INVALID_STATUS)
        return redirect(back_url(request, application))
    change = undo.application_change_status(
        application=application, status=form.cleaned_data["status"]
    )
    if change is None:
        # A second submit of the same status: nothing to do, nothing to undo.
        message = f"{application} is already {application.get_status_display()}."
        response = changed_in_place_response(request, application, message)
        if request.htmx and request.POST.get("view") in ("list", "board"):
            # The row or board has no place for a notice: the message comes out of band.
            messages.info(request, message)
            return _with_messages(request, response)
        return response
    # The status before as the locked row had it, not as this (perhaps stale) page showed it.
    status_before = change.before
    message = f"Moved {application} to {application.get_status_display()}."
    if status_before != Status.REJECTED and application.status == Status.REJECTED:
        # The reflection page, where the user is sent, offers the undo as a message.
        fields = {
            "view": request.POST.get("view") or "detail",
            "next": back_url(request, application),
        }
        undo_offer_message(request, change.offer(message, fields=fields))
    if to_reflection := _to_reflection_if_newly_rejected(request, application, status_before):
        return to_reflection
    return changed_in_place_response(request, application, message, change)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def outcome_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    outcome = getattr(application, "outcome", None)
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        application=application,
        instance=outcome,
        initial=None if outcome else {"stage_reached": tracking.stage_reached_so_far(application)},
    )
    if request.method == "POST" and form.is_valid():
        # Never saved here: outcome_record keeps the status and its history in step, and
        # sends rejections through rejection_record.
        status_before = application.status
        services.outcome_record(
            application=application,
            result=form.cleaned_data["result"],
            decided_on=form.cleaned_data["decided_on"],
            stage_reached=form.cleaned_data["stage_reached"],
            reason=form.cleaned_data["reason"],
        )
        if to_reflection := _to_reflection_if_newly_rejected(request, application, status_before):
            return to_reflection
        return history_changed_response(request, application.pk, "Outcome saved.")
    return history_form_response(
        request,
        {
            "form": form,
            "application": application,
            "title": "Edit the outcome" if outcome else "Record the outcome",
            "action": reverse("outcome_edit", args=[application.pk]),
            "submit_label": "Save the outcome",
            "note": "Saving sets the application's status to match the result.",
        },
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def interview_debrief(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = interview_for_user(request.user, pk)
    form = DebriefForm(
        request.POST if request.method == "POST" else None,
        instance=interview,
        auto_id=f"id_debrief_{interview.pk}_%s",
    )
    if request.method == "POST" and form.is_valid():
        services.interview_record_debrief(interview=form.save(commit=False))
        return history_changed_response(request, interview.application_id, "Debrief saved.")
    return history_form_response(
        request,
        {
            "form": form,
            "application": interview.application,
            "title": f"Debrief of the {interview.get_stage_display().lower()} interview",
            "action": reverse("interview_debrief", args=[interview.pk]),
            "submit_label": "Save the debrief",
        },
    )


# Deleting an application or a company: what goes with it is in both domains -----------------


@require_http_methods(["GET", "POST"])
def application_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    if request.method == "POST":
        description = str(application)
        application.delete()
        messages.success(request, f"Deleted {description}.")
        return redirect("application_list")
    gone, kept = deletion_consequences(Application.objects.filter(pk=application.pk))
    context = {
        "object": application,
        "object_kind": "application",
        "consequences": gone,
        "kept": kept,
        "offer_export": True,
        "cancel_url": application.get_absolute_url(),
    }
    return render(request, "confirm_delete.html", context)


@require_http_methods(["GET", "POST"])
def company_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    company = company_for_user(request.user, pk)
    applications = Application.objects.filter(company=company, user=request.user)
    count = applications.count()
    if request.method == "POST":
        company.delete()
        extra = f" and {count} application{pluralize(count)}" if count else ""
        messages.success(request, f"Deleted {company}{extra}.")
        return redirect("company_list")
    consequences, kept = company_deletion_consequences(company, applications)
    context = {
        "object": company,
        "object_kind": "company",
        "consequences": consequences,
        "kept": kept,
        "offer_export": True,
        "cancel_url": company.get_absolute_url(),
    }
    return render(request, "confirm_delete.html", context)
