from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from accounts.http import AuthenticatedHttpRequest
from applications.selectors.ownership import interview_for_user
from core.http import push_url_once, wants_fragment
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


def _left_to_the_record(
    reflection: Reflection, section: checklist.Section, answers: dict[str, Any]
) -> set[str]:
    """The section's items the record decides that come back as the page showed them ("done"):
    the record's word, not the person's, so their stored answer (if any) is left as it was and
    the item follows the record (it is no longer done if the feedback is deleted)."""
    stored = {answer.item_key: answer for answer in reflection.answers.all()}
    recorded = recorded_steps(reflection)
    return {
        item.key
        for item in section.items
        if recorded_wins(stored.get(item.key), recorded.get(item.key))
        and answers.get(item.key) == checklist.StepState.DONE
    }


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
    reflection: Reflection, entries: list[dict[str, Any]], *, current_key: str = ""
) -> dict[str, Any]:
    """The page shows one section at a time: the one asked for, else the one whose answers were
    just refused (to show why), else the first not saved yet, else the first."""
    current = (
        next((entry for entry in entries if entry["section"].key == current_key), None)
        or next((entry for entry in entries if entry["form"].is_bound), None)
        or next((entry for entry in entries if not entry["save"]), None)
        or entries[0]
    )
    index = entries.index(current)
    return {
        "reflection": reflection,
        "entries": entries,
        "current": current,
        "previous": entries[index - 1] if index > 0 else None,
        "next": entries[index + 1] if index + 1 < len(entries) else None,
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


def _section_url(pk: int, section_key: str) -> str:
    return f"{reverse('reflection_detail', args=[pk])}?section={section_key}"


def _known_section(entries: list[dict[str, Any]], section_key: str) -> str:
    """The key if the page shows that section, else "" (the value came from the request)."""
    return section_key if any(entry["section"].key == section_key for entry in entries) else ""


def _show_section(
    request: AuthenticatedHttpRequest, reflection: Reflection, section_key: str, *, saved: str = ""
) -> HttpResponse:
    """Move to another section: htmx swaps it in place of the one shown and puts its address in
    the history; a plain request is sent to its address. `saved`: the title of the section
    just saved on the way."""
    if not wants_fragment(request):
        if saved:
            messages.success(request, f"Saved “{saved}”.")
        return redirect(f"{_section_url(reflection.pk, section_key)}#section-{section_key}")
    context = _page_context(reflection, _section_entries(reflection), current_key=section_key)
    response = render(
        request,
        f"{DETAIL_TEMPLATE}#section_shown",
        {**context, "saved_title": saved, "focus_heading": True},
    )
    push_url_once(request, response, _section_url(reflection.pk, context["current"]["section"].key))
    retarget(response, "#reflection-section")
    return reswap(response, "outerHTML")


@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def reflection_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    reflection = reflection_with_answers(request.user, pk)
    entries = _section_entries(reflection)
    # "open" is the older name of "section", still in links that lead to one section. Asked
    # for none: where the user left off; asked for one the page does not show: the first.
    asked = request.GET.get("section") or request.GET.get("open", "")
    current_key = (_known_section(entries, asked) or entries[0]["section"].key) if asked else ""
    if wants_fragment(request):
        return _show_section(request, reflection, current_key)
    context = _page_context(reflection, entries, current_key=current_key)
    return render(request, DETAIL_TEMPLATE, {**context, "focus_heading": bool(asked)})


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
    # Next, Previous or a section picked from the list: save on the way, then show that one.
    go_to = _known_section(entries, request.POST.get("go", ""))
    if go_to and not form.has_changed():
        # Nothing to store, and a save would count a section only looked at as done.
        return _show_section(request, reflection, go_to)

    answers = form.answers()
    left_to_the_record = _left_to_the_record(reflection, entry["section"], answers)
    entry["save"] = services.reflection_save_section(
        reflection=reflection,
        section_key=section_key,
        answers=answers,
        requirement_verdicts=form.requirement_verdicts(),
        item_keys=[
            item.key for item in entry["section"].items if item.key not in left_to_the_record
        ],
    )
    if request.POST.get("autosave"):
        # Sent by the browser as the page closes: nobody is there to read an answer.
        return HttpResponse(status=204)
    if not request.htmx:
        messages.success(request, f"Saved “{entry['section'].title}”.")
        shown = go_to or section_key
        return redirect(f"{_section_url(pk, shown)}#section-{shown}")
    reflection = reflection_with_answers(request.user, pk)
    if go_to:
        return _show_section(request, reflection, go_to, saved=entry["section"].title)
    progress = _progress(reflection)
    entry["answered"], entry["items_total"] = progress.answered_by_section[section_key]
    context = {
        "entry": entry,
        "reflection": reflection,
        "progress": progress,
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
