"""Reads of the reflection domain that need care: scoping and a fixed number of queries."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Interview, Outcome, Stage
from reflections import checklist
from reflections.models import (
    ActionItem,
    Question,
    QuestionPractice,
    Reflection,
    ReflectionAnswer,
)


def reflection_for_user(user: User, pk: int) -> Reflection:
    """The user's reflection, or 404: another user's id never reveals anything."""
    return get_object_or_404(
        Reflection.objects.select_related("application__company", "interview"), pk=pk, user=user
    )


def action_item_for_user(user: User, pk: int) -> ActionItem:
    """The user's action item, or 404, with the reflection it came from (for its link)."""
    return get_object_or_404(
        ActionItem.objects.select_related("reflection__application__company"), pk=pk, user=user
    )


def question_for_user(user: User, pk: int) -> Question:
    """The user's question, or 404: another user's id never reveals anything."""
    return get_object_or_404(Question, pk=pk, user=user)


def reflection_with_answers(user: User, pk: int) -> Reflection:
    """A reflection with everything its page shows, in a fixed number of queries."""
    return get_object_or_404(
        Reflection.objects.select_related(
            "application__company", "application__outcome", "interview"
        ).prefetch_related(
            "answers",
            "requirement_checks",
            "section_saves",
            "application__interviews",
            Prefetch("action_items", queryset=ActionItem.objects.all()),
        ),
        pk=pk,
        user=user,
    )


# What happened, so the reflection asks only what fits ------------------------------------

CALL_STAGES = (Stage.PHONE_SCREEN,)


def _is_call(interview: Interview) -> bool:
    return interview.format == Interview.Format.PHONE or interview.stage in CALL_STAGES


def reflection_situation(reflection: Reflection) -> checklist.Situation:
    """Was there an interview, and were all of them calls? From the reflection's own interview,
    else the application's interviews (prefetched by `reflection_with_answers`), else the stage
    the rejection came at. With nothing known, everything is asked."""
    if reflection.interview is not None:
        interviews = [reflection.interview]
    else:
        interviews = list(reflection.application.interviews.all())
    if interviews:
        return checklist.Situation(
            interviewed=True, only_by_phone=all(_is_call(interview) for interview in interviews)
        )
    outcome = getattr(reflection.application, "outcome", None)
    if outcome is None:
        return checklist.Situation()
    if outcome.stage_reached == Outcome.StageReached.APPLICATION:
        return checklist.Situation(interviewed=False)
    return checklist.Situation(only_by_phone=outcome.stage_reached in CALL_STAGES)


def reflection_sections(reflection: Reflection) -> tuple[checklist.Section, ...]:
    """The sections of the reflection's checklist version that fit what happened, each with the
    items that fit; a section left without items is left out."""
    return checklist.sections_for(reflection_situation(reflection), reflection.checklist_version)


def debrief_questions(reflection: Reflection) -> list[str]:
    """The questions the debriefs recorded, each once: of the reflection's interview, else of
    every interview of the application (prefetched)."""
    if reflection.interview is not None:
        interviews = [reflection.interview]
    else:
        interviews = list(reflection.application.interviews.all())
    seen: dict[str, str] = {}
    for interview in interviews:
        for line in interview.question_lines():
            seen.setdefault(line.lower(), line[:500])
    return list(seen.values())


def earlier_answers(reflection: Reflection, item_keys: Iterable[str]) -> dict[str, str]:
    """The latest text the user gave each item in another reflection, in one query."""
    keys = list(item_keys)
    if not keys:
        return {}
    rows = (
        ReflectionAnswer.objects.filter(reflection__user_id=reflection.user_id, item_key__in=keys)
        .exclude(reflection=reflection)
        .exclude(text="")
        .order_by("-reflection__created_at", "-pk")
        .values_list("item_key", "text")
    )
    latest: dict[str, str] = {}
    for key, text in rows:
        latest.setdefault(key, text)
    return latest


def reflection_for_rejection(application: Application) -> Reflection:
    """The reflection a rejection of this application opened."""
    return Reflection.objects.get(application=application, trigger=Reflection.Trigger.REJECTION)


def reflections_with_section_counts(user: User) -> QuerySet[Reflection]:
    """The user's reflections, unfinished first, with what `section_progress` reads prefetched
    (a fixed number of queries for a page of them)."""
    return (
        Reflection.objects.filter(user=user)
        .select_related("application__company", "application__outcome", "interview")
        .prefetch_related("application__interviews", "section_saves")
        .order_by("finished_at", "-updated_at")
    )


def section_progress(reflection: Reflection) -> tuple[int, int]:
    """(saved, total) of the sections this reflection shows: those that fit what happened, as
    its page counts them, so "9 of 9" on a list means the same as on the page."""
    keys = {section.key for section in reflection_sections(reflection)}
    saved = sum(1 for save in reflection.section_saves.all() if save.section_key in keys)
    return saved, len(keys)


def with_section_progress(reflections: Iterable[Reflection]) -> list[Reflection]:
    """The reflections, each with `sections_saved` and `sections_total` set for a list."""
    listed = list(reflections)
    for reflection in listed:
        reflection.sections_saved, reflection.sections_total = section_progress(reflection)
    return listed


def reflections_unfinished(user: User, limit: int = 10) -> list[Reflection]:
    """What the home page lists under "Reflections to finish"."""
    unfinished = reflections_with_section_counts(user).filter(finished_at__isnull=True)
    return with_section_progress(unfinished[:limit])


def answer_counts_by_item(user: User) -> dict[str, dict[str, int]]:
    """How often each choice was given for each checklist item, across all the user's reflections.

    One query: {"perf_confidence": {"needs_work": 4, "went_well": 2}, ...}
    """
    rows = (
        ReflectionAnswer.objects.filter(reflection__user=user)
        .exclude(choice="")
        .values("item_key", "choice")
        .annotate(count=Count("pk"))
        .order_by("item_key", "choice")
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["item_key"], {})[row["choice"]] = row["count"]
    return counts


# The question bank ----------------------------------------------------------------------

# What order_by() takes: field names and expressions.
Ordering = list[str | Combinable]

LEAST_CONFIDENT_FIRST: Ordering = [
    F("confidence").asc(nulls_first=True),
    F("last_practised_at").asc(nulls_first=True),
]
QUESTION_SORTS: dict[str, tuple[str, Ordering]] = {
    "confidence": ("Least confident first", [*LEAST_CONFIDENT_FIRST, Lower("text"), "pk"]),
    "asked": ("Most asked", [F("asked_count").desc(), Lower("text"), "pk"]),
    "practised": (
        "Recently practised",
        [F("last_practised_at").desc(nulls_last=True), Lower("text"), "pk"],
    ),
    "text": ("A–Z", [Lower("text"), "pk"]),
}
# Practice: least confident (unrated first), then least recently practised (never first), oldest.
PRACTICE_ORDER: Ordering = [*LEAST_CONFIDENT_FIRST, "created_at", "pk"]


def _practices(field: str) -> Subquery:
    """A field of the question's first practice (the outer query is on Question)."""
    first = QuestionPractice.objects.filter(question=OuterRef("pk")).order_by("practised_at", "pk")
    return Subquery(first.values(field)[:1])


def question_bank(user: User, filters: dict[str, Any] | None = None) -> QuerySet[Question]:
    """The user's questions with how often each was asked, filtered and sorted, in one query.

    With how confidence moved with practice: the first practice's confidence (against the
    current one), how many practices, and, since the first practice, how often the question
    was asked in an interview and how often a reflection said it was a struggle again.
    """
    filters = filters or {}
    practice_count = (
        QuestionPractice.objects.filter(question=OuterRef("pk"))
        .values("question")
        .annotate(count=Count("pk"))
        .values("count")
    )
    questions = (
        Question.objects.filter(user=user)
        .annotate(
            first_practised_at=_practices("practised_at"),
            first_confidence=_practices("confidence"),
            practice_count=Coalesce(Subquery(practice_count), 0),
        )
        .annotate(
            asked_count=Count("times_asked"),
            asked_since=Count(
                "times_asked",
                filter=Q(times_asked__interview__scheduled_at__gte=F("first_practised_at")),
            ),
            struggled_since=Count(
                "times_asked",
                filter=Q(times_asked__reflection__created_at__gte=F("first_practised_at")),
            ),
        )
    )
    if category := filters.get("category"):
        questions = questions.filter(category=category)
    if query := filters.get("q"):
        questions = questions.filter(Q(text__icontains=query) | Q(answer_draft__icontains=query))
    _, order = QUESTION_SORTS.get(filters.get("sort") or "confidence", QUESTION_SORTS["confidence"])
    return questions.order_by(*order)


def next_question_to_practise(user: User, exclude: Iterable[int] = ()) -> Question | None:
    return question_bank(user).exclude(pk__in=exclude).order_by(*PRACTICE_ORDER).first()


ACTION_ITEMS_DUE_SOON_DAYS = 7


def action_items_due_soon(
    user: User, days: int = ACTION_ITEMS_DUE_SOON_DAYS, limit: int = 10
) -> list[ActionItem]:
    """Open action items due within `days` from today, overdue ones included, soonest first
    (home and the reminder email show them)."""
    until = timezone.localdate() + datetime.timedelta(days=days)
    return list(
        user.action_items.filter(done_at__isnull=True, due_on__lte=until).order_by("due_on", "pk")[
            :limit
        ]
    )
