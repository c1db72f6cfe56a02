"""One application's page and its history: interviews, debriefs, feedback and the outcome.

Each part is added, edited and deleted in place with htmx; the same URLs serve whole pages
and redirect after a POST, so everything works without JavaScript.
"""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from accounts.http import AuthenticatedHttpRequest
from applications import services
from applications.forms import FeedbackForm, InterviewForm, JustAddedForm
from applications.models import Application, Feedback, Interview, Outcome, Status
from applications.selectors.history import application_timeline, application_with_history
from applications.selectors.next_action import next_action
from applications.selectors.ownership import (
    application_for_user,
    feedback_for_user,
    interview_for_user,
)
from core.http import wants_fragment

DETAIL = "applications/application_detail.html"
HISTORY_FORM = "applications/history_form.html"


def _added_pk(added: str, kind: str) -> int | None:
    """The id in `added` ("interview-12") when it is of that kind."""
    prefix = f"{kind}-"
    return int(added.removeprefix(prefix)) if added.startswith(prefix) else None


def detail_context(application: Application, added: str = "") -> dict[str, Any]:
    """What the page and its timeline partial show, from application_with_history.

    `added` is the id of an entry just added ("interview-12"): it is marked, focused and
    scrolled to, so its next step is in view.
    """
    timeline = application_timeline(application)
    now = timezone.now()
    return {
        "application": application,
        "timeline": timeline,
        "next_action": next_action(application, timeline, now),
        "outcome": getattr(application, "outcome", None),
        "statuses": Status.choices,
        "added": added,
        "added_interview_pk": _added_pk(added, "interview"),
        "added_feedback_pk": _added_pk(added, "feedback"),
        "now": now,
    }


def history_changed_response(
    request: AuthenticatedHttpRequest, application_pk: int, message: str, added: str = ""
) -> HttpResponse:
    """After a save or delete: htmx gets the fresh timeline in place of the form, others a redirect.

    With `added` (the new entry's id on the page), both show the page at that entry.
    """
    messages.success(request, message)
    if not request.htmx:
        url = reverse("application_detail", args=[application_pk])
        return redirect(f"{url}?added={added}#{added}" if added else url)
    application = application_with_history(request.user, application_pk)
    response = render(request, f"{DETAIL}#timeline", detail_context(application, added))
    # The form posted to itself; on success the whole timeline replaces it (htmx focuses the
    # new entry, marked autofocus, which scrolls it into view).
    return reswap(retarget(response, "#timeline"), "outerHTML")


def history_form_response(
    request: AuthenticatedHttpRequest, context: dict[str, Any]
) -> HttpResponse:
    """A form of the history with its errors: the #form fragment for htmx, its own page otherwise.

    `context` has the form, the application, the title, the `action` URL and the
    `submit_label`, and may have a `note` shown under the fields and a `script` (a static path)
    the form needs on its own page.
    """
    template_name = HISTORY_FORM
    if request.htmx:
        template_name += "#form"
    application = context["application"]
    context["cancel_url"] = application.get_absolute_url()
    return render(request, template_name, context)


def _delete_confirmation(
    request: AuthenticatedHttpRequest, context: dict[str, Any]
) -> HttpResponse:
    """Ask before deleting: in place for htmx, the shared confirmation page otherwise."""
    if request.htmx:
        return render(request, f"{DETAIL}#delete_confirmation", context)
    return render(request, "confirm_delete.html", context)


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def application_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_with_history(request.user, pk)
    added = JustAddedForm(request.GET).entry()
    template_name = f"{DETAIL}#timeline" if wants_fragment(request) else DETAIL
    return render(request, template_name, detail_context(application, added))


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def interview_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    form = InterviewForm(
        request.POST if request.method == "POST" else None,
        application=application,
        instance=Interview(application=application),
        auto_id="id_new_interview_%s",
    )
    if request.method == "POST" and form.is_valid():
        interview = services.interview_add(
            interview=form.save(commit=False),
            interviewers=list(form.cleaned_data["interviewers"]),
        )
        return history_changed_response(
            request, application.pk, "Interview added.", added=f"interview-{interview.pk}"
        )
    return history_form_response(
        request,
        {
            "form": form,
            "application": application,
            "title": "Add an interview",
            "action": reverse("interview_create", args=[application.pk]),
            "submit_label": "Save the interview",
            "note": "A new interview moves an application that was only applied for to "
            "screening or interviewing.",
            "script": "js/interview_form.js",
        },
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def interview_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = interview_for_user(request.user, pk)
    application = interview.application
    form = InterviewForm(
        request.POST if request.method == "POST" else None,
        application=application,
        instance=interview,
        auto_id=f"id_interview_{interview.pk}_%s",
    )
    if request.method == "POST" and form.is_valid():
        services.interview_update(
            interview=form.save(commit=False),
            interviewers=list(form.cleaned_data["interviewers"]),
        )
        return history_changed_response(request, application.pk, "Interview saved.")
    return history_form_response(
        request,
        {
            "form": form,
            "application": application,
            "title": "Edit the interview",
            "action": reverse("interview_edit", args=[interview.pk]),
            "submit_label": "Save the interview",
            "script": "js/interview_form.js",
        },
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def interview_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = interview_for_user(request.user, pk)
    application = interview.application
    if request.method == "POST":
        interview.delete()
        return history_changed_response(request, application.pk, "Interview deleted.")
    return _delete_confirmation(
        request,
        {
            "object": f"{interview.get_stage_display()} interview on "
            f"{timezone.localtime(interview.scheduled_at):%d %b %Y}, {application}",
            "object_kind": "interview",
            "consequences": [],
            "delete_url": reverse("interview_delete", args=[interview.pk]),
            "cancel_url": application.get_absolute_url(),
        },
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def feedback_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        application=application,
        instance=Feedback(application=application),
        auto_id="id_new_feedback_%s",
    )
    if request.method == "POST" and form.is_valid():
        feedback = services.feedback_save(
            feedback=form.save(commit=False), themes=form.cleaned_data["themes"]
        )
        return history_changed_response(
            request, application.pk, "Feedback added.", added=f"feedback-{feedback.pk}"
        )
    return history_form_response(
        request,
        {
            "form": form,
            "application": application,
            "title": "Add feedback",
            "action": reverse("feedback_create", args=[application.pk]),
            "submit_label": "Save the feedback",
            "script": "js/tag_suggestions.js",
        },
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def feedback_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback = feedback_for_user(request.user, pk)
    application = feedback.application
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        application=application,
        instance=feedback,
        auto_id=f"id_feedback_{feedback.pk}_%s",
    )
    if request.method == "POST" and form.is_valid():
        services.feedback_save(feedback=form.save(commit=False), themes=form.cleaned_data["themes"])
        return history_changed_response(request, application.pk, "Feedback saved.")
    return history_form_response(
        request,
        {
            "form": form,
            "application": application,
            "title": "Edit the feedback",
            "action": reverse("feedback_edit", args=[feedback.pk]),
            "submit_label": "Save the feedback",
            "script": "js/tag_suggestions.js",
        },
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def feedback_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    feedback = feedback_for_user(request.user, pk)
    application = feedback.application
    if request.method == "POST":
        feedback.delete()
        return history_changed_response(request, application.pk, "Feedback deleted.")
    themes = [mark.get_theme_display() for mark in feedback.theme_marks.all()]
    return _delete_confirmation(
        request,
        {
            "object": f"Feedback from {feedback.from_whom or 'the employer'} on {application}",
            "object_kind": "feedback",
            "consequences": [f"Its themes: {', '.join(themes)}"] if themes else [],
            "delete_url": reverse("feedback_delete", args=[feedback.pk]),
            "cancel_url": application.get_absolute_url(),
        },
    )


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def outcome_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    outcome: Outcome | None = getattr(application, "outcome", None)
    if outcome is None:
        raise Http404("This application has no outcome.")
    if request.method == "POST":
        outcome.delete()
        return history_changed_response(
            request, application.pk, "Outcome deleted; the status is unchanged."
        )
    return _delete_confirmation(
        request,
        {
            "object": f"{outcome.get_result_display()} on {outcome.decided_on:%d %b %Y}, "
            f"{application}. Only the outcome goes: the status stays "
            f"“{application.get_status_display()}”; change it on the application page.",
            "object_kind": "outcome",
            "consequences": [],
            "delete_url": reverse("outcome_delete", args=[application.pk]),
            "cancel_url": application.get_absolute_url(),
        },
    )
