from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from applications.selectors.ownership import interview_for_user
from reflections import checklist, services
from reflections.forms import ActionItemForm, SectionForm
from reflections.models import Reflection
from reflections.selectors import (
    reflection_for_user,
    reflection_with_answers,
    reflections_with_section_counts,
)

DETAIL_TEMPLATE = "reflections/reflection_detail.html"


def _section_entries(
    reflection: Reflection, *, bound_key: str = "", data: QueryDict | None = None
) -> list[dict[str, Any]]:
    """Each section of the reflection's checklist with its form and when it was last saved."""
    answers = {answer.item_key: answer for answer in reflection.answers.all()}
    saves = {save.section_key: save for save in reflection.section_saves.all()}
    checks = list(reflection.requirement_checks.all())
    entries: list[dict[str, Any]] = []
    for number, section in enumerate(reflection.sections(), start=1):
        form = SectionForm(
            data if section.key == bound_key else None,
            section=section,
            answers=answers,
            requirement_checks=checks,
            prefix=section.key,
        )
        entries.append(
            {
                "number": number,
                "section": section,
                "form": form,
                "save": saves.get(section.key),
                "has_requirements": bool(checks),
            }
        )
    return entries


def _progress(reflection: Reflection) -> dict[str, Any]:
    total = len(reflection.sections())
    saved = reflection.section_saves.count()
    return {"saved": saved, "total": total}


def _page_context(reflection: Reflection, entries: list[dict[str, Any]]) -> dict[str, Any]:
    saved = sum(1 for entry in entries if entry["save"])
    first_unsaved = next((entry["section"].key for entry in entries if not entry["save"]), "")
    return {
        "reflection": reflection,
        "entries": entries,
        "first_unsaved": first_unsaved,
        "progress": {"saved": saved, "total": len(entries)},
        "action_items": list(reflection.action_items.all()),
        "suggestions": services.action_item_suggestions(reflection),
        "action_item_form": ActionItemForm(),
        "old_version": reflection.checklist_version != checklist.CURRENT_VERSION,
    }


def reflection_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(reflections_with_section_counts(request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reflections/reflection_list.html",
        {
            "page_obj": page,
            "reflections": page.object_list,
            "total_sections": len(checklist.sections()),
        },
    )


def reflection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = reflection_with_answers(request.user, pk)
    return render(request, DETAIL_TEMPLATE, _page_context(reflection, _section_entries(reflection)))


@require_POST
@vary_on_headers("HX-Request")
def reflection_section_save(
    request: AuthenticatedHttpRequest, pk: int, section_key: str
) -> HttpResponse:
    reflection = reflection_with_answers(request.user, pk)
    try:
        checklist.section_by_key(section_key, reflection.checklist_version)
    except KeyError:
        raise Http404("No such section") from None
    entries = _section_entries(reflection, bound_key=section_key, data=request.POST)
    entry = next(entry for entry in entries if entry["section"].key == section_key)
    form = entry["form"]
    if not form.is_valid():
        if request.htmx:
            return render(request, f"{DETAIL_TEMPLATE}#section_status", {"entry": entry})
        return render(request, DETAIL_TEMPLATE, _page_context(reflection, entries))

    entry["save"] = services.reflection_save_section(
        reflection=reflection,
        section_key=section_key,
        answers=form.answers(),
        requirement_verdicts=form.requirement_verdicts(),
    )
    if request.POST.get("autosave"):
        # Sent by the browser as the page closes: nobody is there to read an answer.
        return HttpResponse(status=204)
    if not request.htmx:
        messages.success(request, f"Saved “{entry['section'].title}”.")
        return redirect(f"{reverse('reflection_detail', args=[pk])}#section-{section_key}")
    reflection = reflection_with_answers(request.user, pk)
    context = {
        "entry": entry,
        "reflection": reflection,
        "progress": _progress(reflection),
        "refresh_action_items": section_key != "actions",
        "action_items": list(reflection.action_items.all()),
        "suggestions": services.action_item_suggestions(reflection),
        "action_item_form": ActionItemForm(),
    }
    return render(request, f"{DETAIL_TEMPLATE}#section_saved", context)


@require_POST
def reflection_finish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = reflection_for_user(request.user, pk)
    if request.POST.get("action") == "reopen":
        services.reflection_reopen(reflection=reflection)
        messages.info(request, "The reflection is open again.")
    else:
        services.reflection_finish(reflection=reflection)
        messages.success(request, "Reflection finished. It now counts on your dashboard.")
    return redirect("reflection_detail", pk=pk)


def reflection_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = reflection_for_user(request.user, pk)
    if request.method == "POST":
        reflection.delete()
        messages.success(request, f"Deleted the reflection on {reflection.application}.")
        return redirect("reflection_list")
    answered = reflection.answers.count()
    return render(
        request,
        "confirm_delete.html",
        {
            "object": reflection,
            "object_kind": "reflection",
            "consequences": [f"{answered} saved answer{'s' if answered != 1 else ''}"],
            "cancel_url": reverse("reflection_detail", args=[pk]),
        },
    )


@require_POST
def reflection_start_for_interview(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    interview = interview_for_user(request.user, pk)
    reflection = services.reflection_start_for_interview(interview=interview)
    return redirect(reflection)
