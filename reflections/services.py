"""Workflows of the reflection domain, each in one transaction."""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Feedback, Interview
from reflections import checklist
from reflections.checklist import ItemKind
from reflections.models import (
    ActionItem,
    FollowUp,
    Question,
    QuestionAsked,
    QuestionPractice,
    Reflection,
    ReflectionAnswer,
    RequirementCheck,
    SectionSave,
)


def _distinct_requirements(lines: list[str], known: Iterable[str] = ()) -> list[str]:
    """Requirement lines as stored (at most 500 characters), each once whatever its case."""
    seen = set(known)
    distinct = []
    for line in lines:
        requirement = line[:500].strip()
        if requirement and requirement.lower() not in seen:
            seen.add(requirement.lower())
            distinct.append(requirement)
    return distinct


def _prefill_requirements(reflection: Reflection) -> None:
    requirements = _distinct_requirements(reflection.application.requirement_lines())
    RequirementCheck.objects.bulk_create(
        [
            RequirementCheck(reflection=reflection, requirement=requirement, position=position)
            for position, requirement in enumerate(requirements)
        ]
    )


def _reflection_get_or_create(**lookup: Any) -> tuple[Reflection, bool]:
    """Get or create one reflection, safe against a second request creating it at the same time."""
    existing = Reflection.objects.filter(**lookup).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            reflection = Reflection.objects.create(**lookup)
            _prefill_requirements(reflection)
            return reflection, True
    except IntegrityError:
        return Reflection.objects.get(**lookup), False


@transaction.atomic
def reflection_draft_for_rejection(*, application: Application) -> Reflection:
    """The draft reflection of a rejected application: created once, then always the same one."""
    reflection, _ = _reflection_get_or_create(
        user=application.user, application=application, trigger=Reflection.Trigger.REJECTION
    )
    return reflection


@transaction.atomic
def reflection_start_for_interview(*, interview: Interview) -> Reflection:
    reflection, _ = _reflection_get_or_create(
        user=interview.application.user,
        application=interview.application,
        interview=interview,
        trigger=Reflection.Trigger.INTERVIEW,
    )
    return reflection


AnswerValue = str | int | None


@transaction.atomic
def reflection_save_section(
    *,
    reflection: Reflection,
    section_key: str,
    answers: Mapping[str, AnswerValue] | None = None,
    requirement_verdicts: Mapping[int, str] | None = None,
    item_keys: Iterable[str] | None = None,
) -> SectionSave:
    """Store one section's answers, one row per item, and mark the section saved.

    `answers` maps an item's key to its value (a choice, a rating, a text); an item left out is
    stored empty. `requirement_verdicts` maps a RequirementCheck's id to its verdict, for the
    section that holds the requirements; a check left out is stored without a verdict.
    `item_keys`, when given, limits the save to the items the page showed: an item that does not
    fit what happened keeps whatever it had.
    """
    section = checklist.section_by_key(section_key, reflection.checklist_version)
    shown = set(item_keys) if item_keys is not None else None
    for item in section.items:
        if shown is not None and item.key not in shown:
            continue
        if item.kind == ItemKind.REQUIREMENTS:
            _save_requirement_verdicts(reflection, requirement_verdicts or {})
            continue
        value = (answers or {}).get(item.key)
        choice, rating, text = "", None, ""
        if item.kind == ItemKind.RATING:
            rating = int(value) if value else None
        elif item.kind in (ItemKind.TEXT, ItemKind.LIST):
            text = str(value or "").strip()
        else:
            choice = str(value or "")
        ReflectionAnswer.objects.update_or_create(
            reflection=reflection,
            item_key=item.key,
            defaults={"section_key": section.key, "choice": choice, "rating": rating, "text": text},
        )
        if item.key == "perf_struggled_questions":
            _questions_record_from_reflection(reflection, text)
    save, _ = SectionSave.objects.update_or_create(reflection=reflection, section_key=section.key)
    Reflection.objects.filter(pk=reflection.pk).update(updated_at=timezone.now())
    return save


def _save_requirement_verdicts(reflection: Reflection, verdicts: Mapping[int, str]) -> None:
    checks = list(reflection.requirement_checks.all())
    for check in checks:
        check.verdict = verdicts.get(check.pk) or ""
    RequirementCheck.objects.bulk_update(checks, ["verdict"])


def reflection_finish(*, reflection: Reflection) -> None:
    reflection.finished_at = timezone.now()
    reflection.save(update_fields=["finished_at", "updated_at"])


def reflection_reopen(*, reflection: Reflection) -> None:
    reflection.finished_at = None
    reflection.save(update_fields=["finished_at", "updated_at"])


# Action items -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """A next step the reflection points to, as a sentence, with the item it comes from."""

    title: str
    item_key: str
    sources: tuple[checklist.Source, ...]
    question: str = ""  # the struggled-with question it is about, if any


NEEDS_WORK_CHOICES = (checklist.Assessment.NEEDS_WORK, checklist.StepState.TO_DO)


def action_item_suggestions(reflection: Reflection) -> list[Suggestion]:
    """Next steps the reflection points to and the user has not added yet, in checklist order.

    An item that "needs work" (or a step still "to do") suggests its own sentence, once: after
    a step was added from it, it suggests nothing more. A requirement marked missing or partly,
    a skill to acquire and a question struggled with each suggest a step of their own.
    Reads the reflection's prefetched answers, checks and action items.
    """
    items = checklist.items_by_key(reflection.checklist_version)
    answers = {answer.item_key: answer for answer in reflection.answers.all()}
    added = list(reflection.action_items.all())
    taken_titles = {item.title.lower() for item in added}
    taken_items = {item.source_item_key for item in added if item.source_item_key}
    suggestions: list[Suggestion] = []
    for key, item in items.items():
        answer = answers.get(key)
        if item.kind == ItemKind.REQUIREMENTS:
            suggestions += [
                Suggestion(
                    f"Find a course or a project that covers “{check.requirement}”",
                    key,
                    item.sources,
                )
                for check in reflection.requirement_checks.all()
                if check.verdict
                in (RequirementCheck.Verdict.MISSING, RequirementCheck.Verdict.PARTLY)
            ]
        elif answer is None:
            continue
        elif key == "skills_to_acquire":
            suggestions += [
                Suggestion(f"Find a course or a project to learn {line}", key, item.sources)
                for line in answer.lines()
            ]
        elif key == "perf_struggled_questions":
            suggestions += [
                Suggestion(
                    f"Practise your answer to “{line}” with a friend or colleague",
                    key,
                    item.sources,
                    question=line,
                )
                for line in answer.lines()
            ]
        elif item.suggestion and answer.choice in NEEDS_WORK_CHOICES and key not in taken_items:
            suggestions.append(Suggestion(item.suggestion, key, item.sources))
    unique: dict[str, Suggestion] = {}
    for suggestion in suggestions:
        title = suggestion.title[:300]
        if title.lower() not in taken_titles and title.lower() not in unique:
            unique[title.lower()] = replace(suggestion, title=title)
    return list(unique.values())


def action_item_create(
    *,
    user: User,
    title: str,
    due_on: datetime.date | None = None,
    reflection: Reflection | None = None,
    source_item_key: str = "",
    question_text: str = "",
) -> ActionItem:
    """A next step; one suggested by a reflection remembers the item (and question) behind it."""
    question = None
    if question_text:
        question = Question.objects.filter(user=user, text__iexact=question_text.strip()).first()
    return ActionItem.objects.create(
        user=user,
        reflection=reflection,
        title=title.strip()[:300],
        due_on=due_on,
        source_item_key=source_item_key[:60],
        question=question,
    )


def action_item_set_done(*, action_item: ActionItem, done: bool) -> ActionItem:
    action_item.done_at = timezone.now() if done else None
    action_item.save(update_fields=["done_at", "updated_at"])
    return action_item


# Question bank ------------------------------------------------------------------------------


def _question_for_text(user: User, text: str) -> Question:
    """The user's question with this text, whatever its case, created if new; safe against a
    second request creating it at the same time (the database's unique constraint decides)."""
    text = " ".join(text.split())[:500]
    question = Question.objects.filter(user=user, text__iexact=text).first()
    if question is not None:
        return question
    try:
        with transaction.atomic():
            return Question.objects.create(user=user, text=text, category=guess_category(text))
    except IntegrityError:
        return Question.objects.get(user=user, text__iexact=text)


def guess_category(text: str) -> str:
    """A first guess at a question's category; the user can change it."""
    lowered = text.lower()
    if any(
        word in lowered
        for word in (
            "tell me about a time",
            "describe a situation",
            "example of",
            "conflict",
            "challenge",
            "mistake",
            "weakness",
            "strength",
        )
    ):
        return Question.Category.BEHAVIOURAL
    if any(
        word in lowered
        for word in (
            "why do you want",
            "why this",
            "five years",
            "5 years",
            "motivat",
            "why should we hire",
            "why are you leaving",
        )
    ):
        return Question.Category.MOTIVATIONAL
    if any(
        word in lowered
        for word in ("our company", "about us", "our product", "our mission", "know about")
    ):
        return Question.Category.COMPANY
    if any(
        word in lowered
        for word in (
            "design",
            "implement",
            "algorithm",
            "sql",
            "code",
            "debug",
            "complexity",
            "system",
            "how would you build",
        )
    ):
        return Question.Category.TECHNICAL
    return Question.Category.BEHAVIOURAL


@transaction.atomic
def questions_record_from_interview(*, interview: Interview) -> None:
    """Keep the question bank in step with an interview's debrief: one 'asked' per question."""
    user = interview.application.user
    wanted = {_question_for_text(user, line).pk for line in interview.question_lines()}
    QuestionAsked.objects.filter(interview=interview).exclude(question_id__in=wanted).delete()
    already = set(
        QuestionAsked.objects.filter(interview=interview).values_list("question_id", flat=True)
    )
    QuestionAsked.objects.bulk_create(
        [QuestionAsked(question_id=pk, interview=interview) for pk in sorted(wanted - already)]
    )


def _questions_record_from_reflection(reflection: Reflection, text: str) -> None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    wanted = {_question_for_text(reflection.user, line).pk for line in lines}
    QuestionAsked.objects.filter(reflection=reflection).exclude(question_id__in=wanted).delete()
    already = set(
        QuestionAsked.objects.filter(reflection=reflection).values_list("question_id", flat=True)
    )
    QuestionAsked.objects.bulk_create(
        [QuestionAsked(question_id=pk, reflection=reflection) for pk in sorted(wanted - already)]
    )


@transaction.atomic
def question_set_confidence(*, question: Question, confidence: int) -> Question:
    """Practising a question: its confidence now, and when it was last practised."""
    question.confidence = confidence
    question.last_practised_at = timezone.now()
    question.save(update_fields=["confidence", "last_practised_at", "updated_at"])
    QuestionPractice.objects.create(
        question=question, confidence=confidence, practised_at=question.last_practised_at
    )
    return question


# Follow-up messages -------------------------------------------------------------------------


@transaction.atomic
def follow_up_mark_sent(
    *,
    user: User,
    application: Application,
    kind: str,
    subject: str,
    body: str,
    recipient: str = "",
    interview: Interview | None = None,
    sent_on: datetime.date | None = None,
) -> FollowUp:
    """Record a sent follow-up, and what it means elsewhere: thank-you sent, feedback asked."""
    sent_on = sent_on or timezone.localdate()
    follow_up = FollowUp.objects.create(
        user=user,
        application=application,
        interview=interview,
        kind=kind,
        recipient=recipient,
        subject=subject,
        body=body,
        sent_on=sent_on,
    )
    if (
        kind == FollowUp.Kind.THANK_YOU
        and interview is not None
        and not interview.thank_you_sent_on
    ):
        interview.thank_you_sent_on = sent_on
        interview.save(update_fields=["thank_you_sent_on", "updated_at"])
    asks_for_feedback = kind in (FollowUp.Kind.REJECTION_THANKS, FollowUp.Kind.COMPARISON)
    if asks_for_feedback and not application.feedback.filter(requested_on__isnull=False).exists():
        Feedback.objects.create(
            application=application,
            interview=interview,
            requested_on=sent_on,
            channel=Feedback.Channel.EMAIL,
            from_whom=recipient,
        )
    _mark_follow_up_steps_done(application, kind)
    return follow_up


FOLLOW_UP_STEPS: dict[str, list[str]] = {
    FollowUp.Kind.REJECTION_THANKS: [
        "followup_thanks",
        "followup_feedback_request",
        "feedback_asked",
    ],
    FollowUp.Kind.COMPARISON: ["feedback_asked"],
    FollowUp.Kind.INFLUENCE_LETTER: ["followup_influence_letter"],
}


def _mark_follow_up_steps_done(application: Application, kind: str) -> None:
    """Tick the matching follow-up steps in the application's rejection reflection, if any."""
    item_keys: list[str] = FOLLOW_UP_STEPS.get(kind) or []
    reflection = application.reflections.filter(trigger=Reflection.Trigger.REJECTION).first()
    if not item_keys or reflection is None:
        return
    items = checklist.items_by_key(reflection.checklist_version)
    for key in item_keys:
        if key in items:
            ReflectionAnswer.objects.update_or_create(
                reflection=reflection,
                item_key=key,
                defaults={
                    "section_key": _section_of(key, reflection.checklist_version),
                    "choice": "done",
                },
            )


def _section_of(item_key: str, version: int) -> str:
    for section in checklist.sections(version):
        if any(item.key == item_key for item in section.items):
            return section.key
    raise KeyError(item_key)


def requirement_checks_sync_for_application(*, application: Application) -> None:
    """Bring every unfinished reflection of the application in step with its requirements."""
    for reflection in application.reflections.filter(finished_at__isnull=True):
        requirement_checks_sync(reflection=reflection)


def requirement_checks_sync(*, reflection: Reflection) -> None:
    """Add requirements logged on the application after the reflection began (unfinished only)."""
    if reflection.is_finished:
        return
    known = {check.requirement.lower() for check in reflection.requirement_checks.all()}
    start = len(known)
    new_requirements = _distinct_requirements(reflection.application.requirement_lines(), known)
    RequirementCheck.objects.bulk_create(
        [
            RequirementCheck(
                reflection=reflection, requirement=requirement, position=start + offset
            )
            for offset, requirement in enumerate(new_requirements)
        ]
    )
