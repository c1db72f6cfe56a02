"""Views of action items: the list of next steps, adding them from a reflection, changes in place."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from core.http import safe_next_url
from core.undo import Change, undo_offer_message
from reflections import checklist, services
from reflections.forms import ActionItemForm, SuggestionSourceForm
from reflections.models import ActionItem, Reflection
from reflections.selectors import (
    Ordering,
    action_item_for_user,
    reflection_with_answers,
)

PAGE_SIZE = 25
SHOW_CHOICES = ("open", "done", "all")
LIST_TEMPLATE = "reflections/action_item_list.html"
ITEM_TEMPLATE = "reflections/_action_item.html"
DUE_ITEM_TEMPLATE = "reflections/_action_item_due.html"
REFLECTION_TEMPLATE = "reflections/_reflection_action_items.html"
# Open items by due date, undated last; then done ones, the most recently done first.
LIST_ORDER: Ordering = [F("done_at").desc(nulls_first=True), F("due_on").asc(nulls_last=True), "pk"]


def _next_url(request: HttpRequest) -> str:
    """Where a change returns to without JavaScript: the page it was made on, or the list."""
    return safe_next_url(request, reverse("action_item_list"))


def _in_reflection(request: HttpRequest) -> bool:
    """The item is shown on its own reflection's page, where a link to that page is noise."""
    return (request.POST.get("place") or request.GET.get("place")) == "reflection"


def _item_context(request: HttpRequest, item: ActionItem) -> dict[str, Any]:
    return {"item": item, "next_url": _next_url(request), "in_reflection": _in_reflection(request)}


def _shown_tab(value: str | None) -> str:
    """Which tab of the list is shown ("open" unless it is one of the others)."""
    return value if value in SHOW_CHOICES else "open"


def _counts(user: User) -> dict[str, int]:
    """How many of the user's action items are open and done: the list's tabs show them."""
    return ActionItem.objects.filter(user=user).aggregate(
        open=Count("pk", filter=Q(done_at__isnull=True)),
        done=Count("pk", filter=Q(done_at__isnull=False)),
    )


def action_item_changed_response(
    request: AuthenticatedHttpRequest,
    item: ActionItem,
    message: str,
    change: Change | None = None,
) -> HttpResponse:
    """After a change to one item (its done tick, or the undo of one): for htmx, the item where
    it was, with `message` and Undo when `change` is given, and on the list the tabs' counts out
    of band, so they agree at once; without JavaScript, a redirect back with the message."""
    place = request.POST.get("place", "")
    show = _shown_tab(request.POST.get("show"))
    fields = {"next": _next_url(request)}
    if place in ("reflection", "home"):
        fields["place"] = place
    else:
        fields["show"] = show
    undo = change.offer(message, fields=fields, target="closest li") if change else None
    if not request.htmx:
        if undo:
            undo_offer_message(request, undo)
        else:
            messages.success(request, message)
        return redirect(_next_url(request))
    if place == "home":
        return render(request, DUE_ITEM_TEMPLATE, {"item": item, "undo": undo, "notice": message})
    context = _item_context(request, item) | {"undo": undo, "notice": message}
    if place != "reflection":
        context |= {"counts_oob": True, "counts": _counts(request.user), "show": show}
    return render(request, ITEM_TEMPLATE, context)


def _error_lines(form: ActionItemForm) -> list[str]:
    return [
        f"{form.fields[name].label}: {error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


# The list ---------------------------------------------------------------------------


def _list_context(request: AuthenticatedHttpRequest, form: ActionItemForm) -> dict[str, Any]:
    show = _shown_tab(request.GET.get("show"))
    counts = _counts(request.user)
    items = (
        ActionItem.objects.filter(user=request.user)
        .select_related("reflection__application__company")
        .order_by(*LIST_ORDER)
    )
    if show == "open":
        items = items.filter(done_at__isnull=True)
    elif show == "done":
        items = items.filter(done_at__isnull=False)
    page_obj = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    # Absolute, so the list rendered by a failed quick add still links back to the list.
    list_url = reverse("action_item_list")
    return {
        "form": form,
        "show": show,
        "counts": counts,
        "has_items": counts["open"] + counts["done"] > 0,
        "page_obj": page_obj,
        "open_items": [item for item in page_obj if not item.is_done],
        "done_items": [item for item in page_obj if item.is_done],
        "next_url": f"{list_url}?{request.GET.urlencode()}" if request.GET else list_url,
    }


@require_GET
def action_item_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, LIST_TEMPLATE, _list_context(request, ActionItemForm()))


@require_http_methods(["GET", "POST"])
def action_item_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "GET":
        # The quick-add form lives at the top of the list; there is no page of its own.
        query = request.GET.urlencode()
        return redirect(reverse("action_item_list") + (f"?{query}" if query else ""))
    form = ActionItemForm(request.POST)
    if form.is_valid():
        item = services.action_item_create(
            user=request.user, title=form.cleaned_data["title"], due_on=form.cleaned_data["due_on"]
        )
        messages.success(request, f"Added “{item}”.")
        return redirect("action_item_list")
    messages.error(request, "The action item was not added: fix the fields marked below.")
    return render(request, LIST_TEMPLATE, _list_context(request, form))


# Adding from a reflection -----------------------------------------------------------


SUGGESTIONS_SHOWN = 3


def action_items_context(
    reflection: Reflection, form: ActionItemForm, errors: list[str] | None = None
) -> dict[str, Any]:
    """What the reflection page gives `_reflection_action_items.html`, plus any errors: at most
    three suggestions at a time, the next one taking the place of one added."""
    suggestions = services.action_item_suggestions(reflection)
    return {
        "reflection": reflection,
        "action_items": list(reflection.action_items.all()),
        "suggestions": suggestions[:SUGGESTIONS_SHOWN],
        "more_suggestions": max(0, len(suggestions) - SUGGESTIONS_SHOWN),
        "action_item_form": form,
        "action_item_errors": errors or [],
    }


def _suggestion_source(
    reflection: Reflection, request: AuthenticatedHttpRequest
) -> tuple[str, str]:
    """The checklist item (one of the reflection's version) and the question a suggestion came
    from; nothing for the user's own step or an unreadable value."""
    source = SuggestionSourceForm(request.POST)
    if not source.is_valid():
        return "", ""
    key = source.cleaned_data["source_item_key"]
    if key not in checklist.items_by_key(reflection.checklist_version):
        return "", ""
    return key, source.cleaned_data["question"]


@require_POST
@vary_on_headers("HX-Request")
def reflection_action_item_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Add a suggested or the user's own next step to a reflection."""
    reflection = reflection_with_answers(request.user, pk)
    form = ActionItemForm(request.POST)
    if form.is_valid():
        source_item_key, question_text = _suggestion_source(reflection, request)
        item = services.action_item_create(
            user=request.user,
            title=form.cleaned_data["title"],
            due_on=form.cleaned_data["due_on"],
            reflection=reflection,
            source_item_key=source_item_key,
            question_text=question_text,
        )
        messages.success(request, f"Added “{item}” to your action items.")
        if not request.htmx:
            # Back to where the user was: the section stays open, scrolled to.
            url = reverse("reflection_detail", args=[pk])
            return redirect(f"{url}?open=actions#section-actions")
        reflection = reflection_with_answers(request.user, pk)
        own_form = ActionItemForm()
        errors = []
    else:
        # A suggestion's form has a hidden title: its errors belong above, not in the own form.
        own_form = ActionItemForm() if "suggestion" in request.POST else form
        errors = _error_lines(form)
    context = action_items_context(reflection, own_form, errors)
    if not request.htmx:
        return render(request, "reflections/reflection_action_item_create.html", context)
    # The clicked button is gone after the swap: keep the keyboard in the section.
    own_form.fields["title"].widget.attrs["autofocus"] = True
    # The template brings the pending messages along, out of band.
    return render(request, REFLECTION_TEMPLATE, context)


# Changes to one item ----------------------------------------------------------------


@require_POST
@vary_on_headers("HX-Request")
def action_item_toggle_done(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = action_item_for_user(request.user, pk)
    # The button says which way it goes, so a double submit cannot undo itself.
    done = request.POST.get("done", "0" if item.is_done else "1") == "1"
    change = services.action_item_set_done(action_item=item, done=done)
    if change is None:
        state = "done" if done else "open"
        return action_item_changed_response(request, item, f"“{item}” is already {state}.")
    message = f"Marked “{item}” done." if done else f"“{item}” is open again."
    return action_item_changed_response(request, item, message, change)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def action_item_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = action_item_for_user(request.user, pk)
    if "cancel" in request.POST:
        if request.htmx:
            return render(request, ITEM_TEMPLATE, _item_context(request, item))
        return redirect(_next_url(request))
    # Named before binding: an invalid form still copies its fields onto the instance.
    title = item.title
    form = ActionItemForm(request.POST or None, instance=item, auto_id=f"action-item-{pk}-%s")
    if request.method == "POST" and form.is_valid():
        form.save()
        if request.htmx:
            return render(request, ITEM_TEMPLATE, _item_context(request, item))
        messages.success(request, f"Saved “{item}”.")
        return redirect(_next_url(request))
    context = {**_item_context(request, item), "form": form, "title": title}
    if request.htmx:
        # The Edit link that had the focus is gone: the title field takes it.
        form.fields["title"].widget.attrs["autofocus"] = True
        return render(request, "reflections/_action_item_form.html", context)
    return render(request, "reflections/action_item_edit.html", context)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def action_item_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = action_item_for_user(request.user, pk)
    if request.method == "POST":
        if "cancel" in request.POST:
            if request.htmx:
                return render(request, ITEM_TEMPLATE, _item_context(request, item))
            return redirect(_next_url(request))
        title = item.title
        item.delete()
        messages.success(request, f"Deleted “{title}”.")
        if request.htmx:
            # Nothing but the message and, on the list, the tabs' counts, out of band: the empty
            # swap removes the item, and the message tells screen readers it went.
            if request.POST.get("place") == "reflection":
                return render(request, "_messages_oob.html")
            return render(
                request, "reflections/_action_item_deleted.html", {"counts": _counts(request.user)}
            )
        return redirect(_next_url(request))
    if request.htmx:
        return render(request, "reflections/_action_item_delete.html", _item_context(request, item))
    context = {
        "object": item,
        "object_kind": "action item",
        "consequences": [],
        "cancel_url": _next_url(request),
    }
    return render(request, "confirm_delete.html", context)
