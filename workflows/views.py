"""The home page: what needs the user's attention now, and a quick way to log an application."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from applications import selectors, services
from reflections import checklist
from reflections.selectors import unfinished_reflections


def _reminders_context(request: HttpRequest) -> dict:
    return {
        "reminders": selectors.reminders_for_user(request.user),
        "upcoming_days": selectors.UPCOMING_WINDOW.days,
        "no_news_days": selectors.NO_NEWS_DAYS,
    }


def home(request: HttpRequest) -> HttpResponse:
    context = _reminders_context(request) | {
        "unfinished_reflections": unfinished_reflections(request.user),
        "total_sections": len(checklist.sections()),
    }
    return render(request, "applications/home.html", context)


@require_POST
@vary_on_headers("HX-Request")
def mark_no_response(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for_user(request.user, pk)
    if application.is_ended:
        # A stale page must not overwrite how the application really ended.
        messages.info(
            request, f"{application} has already ended ({application.get_status_display()})."
        )
    else:
        services.application_mark_no_response(application=application)
        messages.success(request, f"Marked {application} as no response.")
    if request.htmx:
        # The list is swapped in place; the message travels with it, out of band.
        context = _reminders_context(request) | {"messages_out_of_band": True}
        return render(request, "applications/home.html#reminders", context)
    return redirect("home")
