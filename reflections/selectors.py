"""Reads of the reflection domain that need care: scoping and a fixed number of queries."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Contact, Feedback, Interview, Outcome, Stage
from reflections import checklist
from reflections.models import (
    ActionItem,
    FollowUp,
    Question,
    QuestionAsked,
    QuestionPractice,
    Reflection,
    ReflectionAnswer,
    RequirementCheck,
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
            Prefetch(
                "application__feedback", queryset=Feedback.objects.prefetch_related("theme_marks")
            ),
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


# What the application's records already show, in the reflection ----------------------------
# Derived when read, never stored: feedback recorded on the application marks the checklist's
# feedback steps done at once, in the reflection's page, its progress and every count of
# answers. An answer the person gave wins, except a "to do" given before the record came.

FEEDBACK_ASKED = "feedback_asked"
FEEDBACK_RECEIVED = "feedback_received"
RECORDED_ITEM_KEYS = (FEEDBACK_ASKED, FEEDBACK_RECEIVED)


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class RecordedStep:
    """A checklist step the application's feedback shows as done, and the feedback showing it."""

    item_key: str
    feedback: Feedback
    recorded_at: datetime.datetime  # when the latest feedback behind it was saved

    @property
    def note(self) -> str:
        """What was recorded, as the reflection shows it beside the item."""
        if self.item_key == FEEDBACK_ASKED:
            assert self.feedback.requested_on is not None
            return f"Recorded: feedback asked for on {_day(self.feedback.requested_on)}"
        assert self.feedback.received_on is not None
        note = f"Recorded: feedback received on {_day(self.feedback.received_on)}"
        themes = [mark.get_theme_display() for mark in self.feedback.theme_marks.all()]
        return f"{note}, themes: {', '.join(themes)}" if themes else note


def recorded_steps(reflection: Reflection) -> dict[str, RecordedStep]:
    """The feedback steps the application's feedback shows as done, by item key: asked when a
    feedback entry has a request date, received when one has a received date. A reflection on
    one interview counts feedback about that interview or about none in particular.
    Reads the application's prefetched feedback (and, for the notes, their theme marks)."""
    entries = [
        feedback
        for feedback in reflection.application.feedback.all()
        if reflection.interview_id is None
        or feedback.interview_id in (None, reflection.interview_id)
    ]
    steps: dict[str, RecordedStep] = {}
    asked = [feedback for feedback in entries if feedback.requested_on is not None]
    if asked:
        first = min(asked, key=lambda feedback: (feedback.requested_on, feedback.pk))
        latest = max(feedback.updated_at for feedback in asked)
        steps[FEEDBACK_ASKED] = RecordedStep(FEEDBACK_ASKED, first, latest)
    received = [feedback for feedback in entries if feedback.received_on is not None]
    if received:
        last = max(received, key=lambda feedback: (feedback.received_on, feedback.pk))
        latest = max(feedback.updated_at for feedback in received)
        steps[FEEDBACK_RECEIVED] = RecordedStep(FEEDBACK_RECEIVED, last, latest)
    return steps


def recorded_wins(answer: ReflectionAnswer | None, recorded: RecordedStep | None) -> bool:
    """Whether the record decides the item: there is one, and the person gave no choice, or
    said "to do" before the record came (the step has since been done)."""
    if recorded is None:
        return False
    if answer is None or not answer.choice:
        return True
    return answer.choice == checklist.StepState.TO_DO and answer.updated_at < recorded.recorded_at


def step_choice(answer: ReflectionAnswer | None, recorded: RecordedStep | None) -> str:
    """The choice that counts for an item: the record's "done" when it decides, else the
    person's (empty when none)."""
    if recorded_wins(answer, recorded):
        return checklist.StepState.DONE
    return answer.choice if answer is not None else ""


def _is_answered(
    item: checklist.Item,
    answer: ReflectionAnswer | None,
    recorded: RecordedStep | None,
    checks: list[RequirementCheck],
) -> bool:
    if item.kind == checklist.ItemKind.REQUIREMENTS:
        return bool(checks) and all(check.verdict for check in checks)
    if step_choice(answer, recorded):
        return True
    return answer is not None and (answer.rating is not None or bool(answer.text))


@dataclass(frozen=True)
class ReflectionProgress:
    """How far a reflection is, counted one way for its page, its list rows and home: the
    sections it shows that were saved, and the items it shows that have an answer (given, or
    recorded on the application), in all and by section key."""

    sections_saved: int
    sections_total: int
    answered: int
    items_total: int
    answered_by_section: dict[str, tuple[int, int]]
    # Roughly how long the sections take (checklist.seconds_to_answer): all, and those not saved.
    seconds_total: int = 0
    seconds_left: int = 0

    @property
    def minutes_total(self) -> int:
        return checklist.about_minutes(self.seconds_total)

    @property
    def minutes_left(self) -> int:
        return checklist.about_minutes(self.seconds_left)


def reflection_progress(reflection: Reflection) -> ReflectionProgress:
    """Reads the reflection's prefetched answers, section saves, requirement checks and the
    application's interviews and feedback (`reflection_with_answers`,
    `reflections_with_progress`)."""
    sections = reflection_sections(reflection)
    sections_saved, sections_total = section_progress(reflection)
    answers = {answer.item_key: answer for answer in reflection.answers.all()}
    recorded = recorded_steps(reflection)
    checks = list(reflection.requirement_checks.all())
    by_section: dict[str, tuple[int, int]] = {}
    for section in sections:
        answered = sum(
            _is_answered(item, answers.get(item.key), recorded.get(item.key), checks)
            for item in section.items
        )
        by_section[section.key] = (answered, len(section.items))
    saved_keys = {save.section_key for save in reflection.section_saves.all()}
    return ReflectionProgress(
        sections_saved=sections_saved,
        sections_total=sections_total,
        answered=sum(answered for answered, _ in by_section.values()),
        items_total=sum(total for _, total in by_section.values()),
        answered_by_section=by_section,
        seconds_total=sum(checklist.seconds_to_answer(section.items) for section in sections),
        seconds_left=sum(
            checklist.seconds_to_answer(section.items)
            for section in sections
            if section.key not in saved_keys
        ),
    )


def reflections_with_section_counts(user: User) -> QuerySet[Reflection]:
    """The user's reflections, unfinished first, with what `section_progress` reads prefetched
    (a fixed number of queries for a page of them)."""
    return (
        Reflection.objects.filter(user=user)
        .select_related("application__company", "application__outcome", "interview")
        .prefetch_related("application__interviews", "section_saves")
        .order_by("finished_at", "-updated_at")
    )


def reflections_with_progress(user: User) -> QuerySet[Reflection]:
    """`reflections_with_section_counts`, with what `reflection_progress` reads as well."""
    return reflections_with_section_counts(user).prefetch_related(
        "answers", "requirement_checks", "application__feedback"
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
    """How often each choice was given for each checklist item, across all the user's reflections,
    the feedback steps counted as the reflections show them (recorded feedback included).

    A fixed number of queries: {"perf_confidence": {"needs_work": 4, "went_well": 2}, ...}
    """
    rows = (
        ReflectionAnswer.objects.filter(reflection__user=user)
        .exclude(choice="")
        .exclude(item_key__in=RECORDED_ITEM_KEYS)
        .values("item_key", "choice")
        .annotate(count=Count("pk"))
        .order_by("item_key", "choice")
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["item_key"], {})[row["choice"]] = row["count"]
    reflections = Reflection.objects.filter(user=user).prefetch_related(
        Prefetch(
            "answers", queryset=ReflectionAnswer.objects.filter(item_key__in=RECORDED_ITEM_KEYS)
        ),
        "application__feedback",
    )
    for reflection in reflections:
        answers = {answer.item_key: answer for answer in reflection.answers.all()}
        recorded = recorded_steps(reflection)
        for key in RECORDED_ITEM_KEYS:
            if choice := step_choice(answers.get(key), recorded.get(key)):
                by_choice = counts.setdefault(key, {})
                by_choice[choice] = by_choice.get(choice, 0) + 1
    return counts


# The question bank ----------------------------------------------------------------------

# What order_by() takes: field names and expressions.
Ordering = list[str | Combinable]

# Least ready first: what the user struggled with since last practising it, then the lowest
# rating; a question never rated sits between "not confident" (1-2) and "fairly confident"
# (3-5), so new questions from a debrief come before the ones already mastered. Among equals,
# the longest since practised.
UNRATED_READINESS = 5  # on the doubled scale below: after 2 (rated 1) and 4 (2), before 6 (3)
LEAST_READY_FIRST: Ordering = [
    F("flagged").desc(),
    Coalesce(F("confidence") * 2, Value(UNRATED_READINESS)).asc(),
    F("last_practised_at").asc(nulls_first=True),
]
QUESTION_SORTS: dict[str, tuple[str, Ordering]] = {
    "confidence": ("Least ready first", [*LEAST_READY_FIRST, Lower("text"), "pk"]),
    "asked": ("Most asked", [F("asked_count").desc(), Lower("text"), "pk"]),
    "practised": (
        "Recently practised",
        [F("last_practised_at").desc(nulls_last=True), Lower("text"), "pk"],
    ),
    "text": ("A–Z", [Lower("text"), "pk"]),
}
# Practice: least ready first, then the oldest question.
PRACTICE_ORDER: Ordering = [*LEAST_READY_FIRST, "created_at", "pk"]


def _practices(field: str) -> Subquery:
    """A field of the question's first practice (the outer query is on Question)."""
    first = QuestionPractice.objects.filter(question=OuterRef("pk")).order_by("practised_at", "pk")
    return Subquery(first.values(field)[:1])


def _interviews_asked_in() -> Coalesce:
    """How many interviews asked the question (the outer query is on Question).

    A debrief records the interview itself. A reflection naming the question as a struggle
    adds an interview only when nothing else records that one: a reflection on an interview
    whose debrief already lists the question adds nothing, and a reflection on a rejection (no
    interview of its own) adds one only if no other record of the question comes from the same
    application. So a question asked once counts once, however many records mention it.
    """
    rows = QuestionAsked.objects.annotate(
        asked_in_interview=F("reflection__interview"),
        asked_in_application=F("reflection__application"),
    )
    debriefed_in_that_interview = QuestionAsked.objects.filter(
        question=OuterRef("question"), interview=OuterRef("asked_in_interview")
    )
    recorded_elsewhere_in_that_application = QuestionAsked.objects.filter(
        Q(interview__application=OuterRef("asked_in_application"))
        | Q(
            Q(reflection__application=OuterRef("asked_in_application")),
            Q(reflection__interview__isnull=False) | Q(pk__lt=OuterRef("pk")),
        ),
        question=OuterRef("question"),
    )
    counted = rows.filter(question=OuterRef("pk")).filter(
        Q(interview__isnull=False)
        | Q(Q(reflection__interview__isnull=False), ~Exists(debriefed_in_that_interview))
        | Q(
            Q(reflection__isnull=False, reflection__interview__isnull=True),
            ~Exists(recorded_elsewhere_in_that_application),
        )
    )
    count = counted.values("question").annotate(count=Count("pk")).values("count")
    return Coalesce(Subquery(count), 0)


def interviews_asked_in(question: Question) -> int:
    """How many interviews asked the question, counted as the question bank counts them."""
    asked: int = (
        Question.objects.filter(pk=question.pk)
        .annotate(asked=_interviews_asked_in())
        .values_list("asked", flat=True)
        .get()
    )
    return asked


def _last_struggled_at() -> Subquery:
    """When a reflection last named the question as a struggle (outer: Question): when that was
    written, not when the reflection began, which can be days before."""
    latest = (
        QuestionAsked.objects.filter(question=OuterRef("pk"), reflection__isnull=False)
        .order_by("-created_at")
        .values("created_at")
    )
    return Subquery(latest[:1])


def question_bank(user: User, filters: dict[str, Any] | None = None) -> QuerySet[Question]:
    """The user's questions with how many interviews asked each (`asked_count`) and whether a
    reflection flagged it as a struggle since it was last practised (`flagged`), filtered and
    sorted, in one query.

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
            asked_count=_interviews_asked_in(),
            last_struggled_at=_last_struggled_at(),
        )
        .annotate(
            # Flagged: a reflection named it a struggle, and it has not been practised since.
            flagged=Case(
                When(
                    Q(last_struggled_at__isnull=False)
                    & (
                        Q(last_practised_at__isnull=True)
                        | Q(last_practised_at__lt=F("last_struggled_at"))
                    ),
                    then=True,
                ),
                default=False,
                output_field=BooleanField(),
            ),
        )
        .annotate(
            asked_since=Count(
                "times_asked",
                filter=Q(times_asked__interview__scheduled_at__gte=F("first_practised_at")),
            ),
            struggled_since=Count(
                "times_asked",
                filter=Q(
                    times_asked__reflection__isnull=False,
                    times_asked__created_at__gte=F("first_practised_at"),
                ),
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


# Follow-up messages ---------------------------------------------------------------------


@dataclass(frozen=True)
class KnownContact:
    """Someone at the company a follow-up can go to: a name to greet (blank if only the address
    is known) and an email address (blank if only the name is)."""

    name: str
    email: str


def follow_up_known_contact(application: Application) -> KnownContact | None:
    """Whom the user already deals with at the application's company, among their own records.

    The address their latest follow-up to that company went to (named when it is one of their
    contacts); else their recruiter or hiring manager there (one with an address first); else
    the application's referrer. None when there is nobody, and the message greets the team.
    """
    user_id = application.user_id
    written_to = (
        FollowUp.objects.filter(user_id=user_id, application__company_id=application.company_id)
        .exclude(recipient="")
        .order_by("-sent_on", "-created_at", "-pk")
        .values_list("recipient", flat=True)
        .first()
    )
    if written_to:
        contact = (
            Contact.objects.filter(user_id=user_id, email__iexact=written_to)
            .order_by(
                Case(When(company_id=application.company_id, then=0), default=1), "name", "pk"
            )
            .first()
        )
        return KnownContact(contact.name.strip() if contact else "", written_to)
    at_company = (
        Contact.objects.filter(
            user_id=user_id,
            company_id=application.company_id,
            role__in=[Contact.Role.RECRUITER, Contact.Role.HIRING_MANAGER],
        )
        .order_by(
            Case(When(email="", then=1), default=0),
            Case(When(role=Contact.Role.RECRUITER, then=0), default=1),
            Lower("name"),
            "pk",
        )
        .first()
    )
    if at_company is not None:
        return KnownContact(at_company.name.strip(), at_company.email)
    referrer = application.referrer
    if referrer is not None and referrer.user_id == user_id:
        return KnownContact(referrer.name.strip(), referrer.email)
    return None


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
