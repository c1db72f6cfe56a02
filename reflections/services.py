"""Workflows of the reflection domain, each in one transaction."""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Feedback, Interview
from core.undo import Change, UndoKind
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
from reflections.selectors import recorded_steps, step_choice


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
    A step the application's records show as done (feedback asked for or received) suggests
    nothing, whatever "to do" was ticked before the record came.
    Reads the reflection's prefetched answers, checks, action items and feedback.
    """
    items = checklist.items_by_key(reflection.checklist_version)
    answers = {answer.item_key: answer for answer in reflection.answers.all()}
    recorded = recorded_steps(reflection)
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
        elif (
            item.suggestion
            and step_choice(answer, recorded.get(key)) in NEEDS_WORK_CHOICES
            and key not in taken_items
        ):
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


@transaction.atomic
def action_item_set_done(*, action_item: ActionItem, done: bool) -> Change | None:
    """Mark a step done or open again; what it did, for an undo (the exact `done_at` before),
    or None if it already was. The row is locked and read afresh first: of two submits at once,
    the second sees what the first did."""
    action_item.refresh_from_db(
        fields=["done_at", "updated_at"], from_queryset=ActionItem.objects.select_for_update()
    )
    if action_item.is_done == done:
        return None
    before = action_item.done_at
    action_item.done_at = timezone.now() if done else None
    action_item.save(update_fields=["done_at", "updated_at"])
    return Change(
        kind=UndoKind.DONE,
        user_id=action_item.user_id,
        object_id=action_item.pk,
        before=before.isoformat() if before else "",
        after=action_item.done_at.isoformat() if action_item.done_at else "",
    )


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


# Only wordings that say clearly what a question is about: anything else is left blank for
# the user, so a salary question is never labelled "Behavioural" by default.
BEHAVIOURAL_OPENINGS = re.compile(
    r"\b(tell (me|us) about a (time|situation)|describe (a|an) (time|situation|occasion)"
    r"|give (me |us )?an example of (a|an) (time|situation)|walk (me|us) through a time)\b"
)
# Terms and conditions (pay, notice, start date) have no category of their own: blank.
TERMS_WORDS = re.compile(
    r"\b(salary|salaries|compensation|pay expectations|notice period|when can you start"
    r"|start date|benefits|equity|bonus)\b"
)
CATEGORY_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        Question.Category.MOTIVATIONAL,
        re.compile(
            r"\b(why do you want|why should we hire|why are you leaving|why did you leave"
            r"|where do you see yourself|what motivates you)\b"
        ),
    ),
    (
        Question.Category.COMPANY,
        re.compile(
            r"\b(what do you know about (us|our company|the company)"
            r"|our (company|product|products|mission|values|customers))\b"
        ),
    ),
    (
        Question.Category.TECHNICAL,
        re.compile(
            r"\b(algorithms?|sql|data structures?|(time|space) complexity|big o|debug\w*"
            r"|implement\w*|design an? (api|system|database|schema|cache|service|url shortener)"
            r"|system design|how would you (design|build|scale)|write (a|an) (function|query))\b"
        ),
    ),
)


def guess_category(text: str) -> str:
    """A question's category when its wording makes it plain, else blank for the user to set.

    "Tell me about a time…" is behavioural whatever it is about; a question about pay or
    notice is left blank; then the first list of telling words that matches decides.
    """
    lowered = " ".join(text.lower().split())
    if BEHAVIOURAL_OPENINGS.search(lowered):
        return Question.Category.BEHAVIOURAL
    if TERMS_WORDS.search(lowered):
        return ""
    for category, words in CATEGORY_WORDS:
        if words.search(lowered):
            return category
    return ""


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
def question_set_confidence(*, question: Question, confidence: int) -> list[ActionItem]:
    """Practising a question: its confidence now, and when it was last practised.

    The open action items that asked for this practice (a reflection's "Practise your answer
    to …") are done by it: they are ticked, and returned so the page can say so.
    """
    question.confidence = confidence
    question.last_practised_at = timezone.now()
    question.save(update_fields=["confidence", "last_practised_at", "updated_at"])
    QuestionPractice.objects.create(
        question=question, confidence=confidence, practised_at=question.last_practised_at
    )
    ticked = list(
        ActionItem.objects.filter(
            user_id=question.user_id, question=question, done_at__isnull=True
        ).order_by("pk")
    )
    for item in ticked:
        item.done_at = item.updated_at = question.last_practised_at
    ActionItem.objects.bulk_update(ticked, ["done_at", "updated_at"])
    return ticked


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
