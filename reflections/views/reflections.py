from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from applications.selectors.ownership import interview_for_user
from reflections import checklist, services
from reflections.forms import ActionItemForm, SectionForm
from reflections.models import Reflection, ReflectionAnswer
from reflections.selectors import (
    RecordedStep,
    ReflectionProgress,
    debrief_questions,
    earlier_answers,
    recorded_steps,
    recorded_wins,
    reflection_for_user,
    reflection_progress,
    reflection_sections,
    reflection_with_answers,
    reflections_with_progress,
)
from reflections.views.action_items import action_items_context

DETAIL_TEMPLATE = "reflections/reflection_detail.html"


def _carried(reflection: Reflection, sections: tuple[checklist.Section, ...]) -> dict[str, Any]:
    """What the product already knows, by item key, to start an unanswered item off."""
    items = [item for section in sections for item in section.items]
    carried: dict[str, Any] = {}
    for item in items:
        if item.carry_over == checklist.CarryOver.INTEREST:
            carried[item.key] = reflection.application.interest
    last = [item.key for item in items if item.carry_over == checklist.CarryOver.LAST_REFLECTION]
    carried.update(earlier_answers(reflection, last))
    return carried


def _recorded_notes(
    section: checklist.Section,
    answers: dict[str, ReflectionAnswer],
    recorded: dict[str, RecordedStep],
    form: SectionForm,
) -> list[dict[str, Any]]:
    """The section's items that the application's records show as done: each note, and the
    person's own answer when it differs (theirs is kept). Where the record decides, the item
    starts ticked "done"."""
    notes = []
    for item in section.items:
        step = recorded.get(item.key)
        if step is None:
            continue
        answer = answers.get(item.key)
        if recorded_wins(answer, step):
            if not form.is_bound:
                form.initial[item.key] = checklist.StepState.DONE
            kept = ""
        else:
            assert answer is not None
            kept = dict(item.choices).get(answer.choice, "")
            kept = "" if answer.choice == checklist.StepState.DONE else kept
        notes.append({"item": item, "note": step.note, "kept_answer": kept})
    return notes


def _section_entries(
    reflection: Reflection, *, bound_key: str = "", data: QueryDict | None = None
) -> list[dict[str, Any]]:
    """Each section that fits what happened, with its form, when it was last saved, how many
    of its items are answered and what the application's records already answer."""
    answers = {answer.item_key: answer for answer in reflection.answers.all()}
    saves = {save.section_key: save for save in reflection.section_saves.all()}
    checks = list(reflection.requirement_checks.all())
    sections = reflection_sections(reflection)
    carried = _carried(reflection, sections)
    questions = debrief_questions(reflection)
    recorded = recorded_steps(reflection)
    progress = reflection_progress(reflection)
    entries: list[dict[str, Any]] = []
    for number, section in enumerate(sections, start=1):
        form = SectionForm(
            data if section.key == bound_key else None,
            section=section,
            answers=answers,
            requirement_checks=checks,
            carried=carried,
            debrief_questions=questions,
            prefix=section.key,
        )
        answered, total = progress.answered_by_section[section.key]
        entries.append(
            {
                "number": number,
                "section": section,
                "form": form,
                "save": saves.get(section.key),
                "answered": answered,
                "items_total": total,
                "recorded": _recorded_notes(section, answers, recorded, form),
                "has_requirements": bool(checks),
                "carried_interest": section.key == "fit"
                and reflection.application.interest is not None
                and "fit_really_wanted" not in answers,
            }
        )
    return entries


def _progress(reflection: Reflection) -> ReflectionProgress:
    """The page's progress, as every list and home count it (reflections.selectors)."""
    return reflection_progress(reflection)


def _page_context(
    reflection: Reflection, entries: list[dict[str, Any]], *, open_key: str = ""
) -> dict[str, Any]:
    first_unsaved = next((entry["section"].key for entry in entries if not entry["save"]), "")
    return {
        "reflection": reflection,
        "entries": entries,
        "first_unsaved": first_unsaved,
        "open_key": open_key,
        "progress": _progress(reflection),
        **action_items_context(reflection, ActionItemForm()),
        "old_version": reflection.checklist_version != checklist.CURRENT_VERSION,
    }


@require_safe
def reflection_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(reflections_with_progress(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reflections/reflection_list.html",
        {
            "page_obj": page,
            "rows": [
                {"reflection": reflection, "progress": reflection_progress(reflection)}
                for reflection in page.object_list
            ],
        },
    )


def reflection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = reflection_with_answers(request.user, pk)
    # "open" keeps a section open across a redirect without JavaScript (after adding a step).
    open_key = request.GET.get("open", "")
    return render(
        request,
        DETAIL_TEMPLATE,
        _page_context(reflection, _section_entries(reflection), open_key=open_key),
    )


@require_POST
@vary_on_headers("HX-Request")
def reflection_section_save(
    request: AuthenticatedHttpRequest, pk: int, section_key: str
) -> HttpResponse:
    reflection = reflection_with_answers(request.user, pk)
    entries = _section_entries(reflection, bound_key=section_key, data=request.POST)
    entry = next((entry for entry in entries if entry["section"].key == section_key), None)
    if entry is None:
        raise Http404("No such section")
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
        item_keys=[item.key for item in entry["section"].items],
    )
    if request.POST.get("autosave"):
        # Sent by the browser as the page closes: nobody is there to read an answer.
        return HttpResponse(status=204)
    if not request.htmx:
        messages.success(request, f"Saved “{entry['section'].title}”.")
        return redirect(f"{reverse('reflection_detail', args=[pk])}#section-{section_key}")
    reflection = reflection_with_answers(request.user, pk)
    progress = _progress(reflection)
    entry["answered"], entry["items_total"] = progress.answered_by_section[section_key]
    context = {
        "entry": entry,
        "reflection": reflection,
        "progress": progress,
        "refresh_action_items": section_key != "actions",
        **action_items_context(reflection, ActionItemForm()),
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
        return redirect("reflection_closing", pk=pk)
    return redirect("reflection_detail", pk=pk)


LOW_FEELING = 2  # 1 = flattened … 5 = fine: at 2 or below the closing page leads with kindness


def reflection_closing(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The page after finishing: what went well, the one next action, and perspective."""
    reflection = reflection_with_answers(request.user, pk)
    answers = {answer.item_key: answer for answer in reflection.answers.all()}
    feeling = answers["feeling"].rating if "feeling" in answers else None
    went_well = answers["went_well"].lines() if "went_well" in answers else []
    proud_of = answers["proud_of"].text if "proud_of" in answers else ""
    next_focus = answers["next_focus"].text if "next_focus" in answers else ""
    open_items = [item for item in reflection.action_items.all() if not item.is_done]
    return render(
        request,
        "reflections/reflection_closing.html",
        {
            "reflection": reflection,
            "low": feeling is not None and feeling <= LOW_FEELING,
            "went_well": went_well,
            "proud_of": proud_of,
            "next_action": next_focus or (open_items[0].title if open_items else ""),
            "perspective": checklist.PERSPECTIVE_QUOTES,
            "support_asked": answers.get("support_needed") is not None
            and answers["support_needed"].choice in ("yes", "not_sure"),
        },
    )


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
