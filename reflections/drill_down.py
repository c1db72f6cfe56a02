"""The drill-down contract: a dashboard number, the link it opens and the list behind it.

A panel counts with a condition and links with a `DrillDown` naming that same condition; the
drill-down list reads the link back into a `DrillDown` (through `DrillDownForm`) and selects
the applications with `DrillDown.condition()`. The conditions are the tracking domain's
(`applications.selectors.conditions`, `.progress`) and the reflection domain's (below), so the
number and its rows cannot disagree.
"""

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.enums import TextChoices
from django.utils.formats import date_format

from accounts.models import User
from applications.models import (
    Application,
    Feedback,
    FeedbackTheme,
    Interview,
    Milestone,
    Outcome,
    Stage,
    Status,
)
from applications.selectors.conditions import (
    FeedbackProgress,
    FirstInterview,
    InterviewFate,
    where_applied_in_week,
    where_ended,
    where_feedback,
    where_interview_rated,
    where_interviewed_in_week,
    where_no_source,
    where_rejected_at,
    where_responded,
    where_sent,
    where_theme_given,
    where_theme_inferred,
)
from applications.selectors.progress import (
    where_first_interview_decided,
    where_first_interview_passed,
    where_reached,
)
from applications.selectors.search import ApplicationFilters, Sort, application_search
from reflections import checklist
from reflections.checklist import Assessment, Factor
from reflections.models import ActionItem, ReflectionAnswer, RequirementCheck


class Practice(TextChoices):
    """Reflections written before the first action item born from an item was done, or since."""

    BEFORE = "before", "Before you worked on it"
    SINCE = "since", "Since you worked on it"


def practised_from(item_key: str | OuterRef) -> Subquery:
    """When the reflection's user first finished an action item suggested by the item.

    Used inside a ReflectionAnswer query (OuterRef("reflection__user")); NULL when none is done.
    """
    done = ActionItem.objects.filter(
        user=OuterRef("reflection__user"), source_item_key=item_key, done_at__isnull=False
    ).order_by("done_at", "pk")
    return Subquery(done.values("done_at")[:1])


def where_practice(practice: str) -> Q:
    """A condition on ReflectionAnswer annotated with `practised_from`."""
    if practice == Practice.BEFORE:
        return Q(reflection__created_at__lt=F("practised_from"))
    if practice == Practice.SINCE:
        return Q(reflection__created_at__gte=F("practised_from"))
    return Q()


def param_value(value: object) -> str:
    """A DrillDown field's value as its link writes it."""
    if value is True:
        return "1"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def where_answered(item_key: str, *choices: str, practice: str = "") -> Q:
    """A condition on Application: one of its reflections gave one of these answers to this
    item; with `practice`, a reflection written before (or since) the user first finished an
    action item suggested by the item."""
    answers = ReflectionAnswer.objects.filter(
        reflection__application=OuterRef("pk"), item_key=item_key, choice__in=choices
    )
    if practice:
        answers = answers.annotate(practised_from=practised_from(item_key)).filter(
            where_practice(practice)
        )
    return Q(Exists(answers))


def where_requirement_marked(requirement: str, verdict: str) -> Q:
    """A condition on Application: a reflection marked this requirement (any case) so."""
    checks = RequirementCheck.objects.filter(
        reflection__application=OuterRef("pk"), requirement__iexact=requirement, verdict=verdict
    )
    return Q(Exists(checks))


def month_span(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first day of `day`'s month and the first day of the month after."""
    first = day.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following


def where_applied_in_month(day: datetime.date) -> Q:
    first, following = month_span(day)
    return Q(date_applied__gte=first, date_applied__lt=following)


def _interviews_in_month(day: datetime.date) -> QuerySet[Interview]:
    first, following = month_span(day)
    return Interview.objects.filter(
        application=OuterRef("pk"),
        scheduled_at__date__gte=first,
        scheduled_at__date__lt=following,
    )


def where_interviewed_in_month(day: datetime.date) -> Q:
    """A condition on Application: an interview was scheduled in `day`'s month."""
    return Q(Exists(_interviews_in_month(day)))


@dataclass(frozen=True)
class DrillDown:
    """The condition behind one dashboard number. Empty fields add nothing."""

    sent: bool = False
    ended: bool = False
    responded: bool = False
    no_source: bool = False
    reached: Milestone | None = None
    first_interview: FirstInterview | None = None
    rejected_at: str = ""  # an Outcome.StageReached
    theme: str = ""  # a FeedbackTheme
    weakness: str = ""  # a checklist item answered "needs work"
    assessed: str = ""  # a checklist item answered "went well" or "needs work"
    practice: str = ""  # a Practice: narrows weakness and assessed to before or since
    outside: str = ""  # a checklist item answered "played a part"
    missing: str = ""  # a requirement marked missing
    partly: str = ""  # a requirement marked partly met
    rating: int | None = None
    rating_min: int | None = None
    rating_outcome: str = ""  # an InterviewFate, with rating or rating_min
    feedback: str = ""  # a FeedbackProgress
    week: datetime.date | None = None  # applied in the week starting then
    interview_week: datetime.date | None = None  # interviewed in the week starting then
    month: datetime.date | None = None  # applied in the month of that date
    interview_month: datetime.date | None = None  # interviewed in the month of that date

    @classmethod
    def from_cleaned(cls, cleaned: dict[str, Any]) -> "DrillDown":
        names = {field.name for field in dataclasses.fields(cls)}
        values = {name: value for name, value in cleaned.items() if name in names and value}
        if "reached" in values:
            values["reached"] = Milestone(values["reached"])
        if "first_interview" in values:
            values["first_interview"] = FirstInterview(values["first_interview"])
        for name in ("missing", "partly"):
            if name in values:
                values[name] = values[name].strip()
        return cls(**values)

    def as_params(self) -> dict[str, str]:
        """The link's query parameters, set fields only."""
        values = {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
        return {name: param_value(value) for name, value in values.items() if value}

    def condition(self) -> Q:
        """The applications behind the number."""
        condition = Q()
        if self.sent:
            condition &= where_sent()
        if self.ended:
            condition &= where_ended()
        if self.responded:
            condition &= where_sent() & where_responded()
        if self.no_source:
            condition &= where_no_source()
        if self.reached:
            condition &= where_reached(self.reached)
        if self.first_interview == FirstInterview.DECIDED:
            condition &= where_first_interview_decided()
        elif self.first_interview == FirstInterview.PASSED:
            condition &= where_first_interview_passed()
        if self.rejected_at:
            condition &= where_rejected_at(self.rejected_at)
        if self.theme:
            condition &= where_theme_given(self.theme)
        if self.weakness:
            condition &= where_answered(
                self.weakness, Assessment.NEEDS_WORK, practice=self.practice
            )
        if self.assessed:
            condition &= where_answered(
                self.assessed, Assessment.WENT_WELL, Assessment.NEEDS_WORK, practice=self.practice
            )
        if self.outside:
            condition &= where_answered(self.outside, Factor.PLAYED_A_PART)
        if self.missing:
            condition &= where_requirement_marked(self.missing, RequirementCheck.Verdict.MISSING)
        if self.partly:
            condition &= where_requirement_marked(self.partly, RequirementCheck.Verdict.PARTLY)
        if self.rating or self.rating_min:
            condition &= where_interview_rated(
                rating=self.rating, rating_min=self.rating_min, fate=self.rating_outcome
            )
        if self.feedback:
            condition &= where_feedback(self.feedback)
        if self.week:
            condition &= where_applied_in_week(self.week)
        if self.interview_week:
            condition &= where_interviewed_in_week(self.interview_week)
        if self.month:
            condition &= where_applied_in_month(self.month)
        if self.interview_month:
            condition &= where_interviewed_in_month(self.interview_month)
        return condition


def drill_down_applications(
    user: User, filters: ApplicationFilters, drill_down: DrillDown, *, sort: str = Sort.NEWEST
) -> QuerySet[Application]:
    """The rows of the drill-down list: the list's filters, narrowed by the drill-down, each
    with what `counted_because` reads to say why it was counted."""
    applications = application_search(user, filters, sort=sort, where=drill_down.condition())
    return with_counted(applications, drill_down, status=filters.status)


# Saying which number it is, and why each row counts ---------------------------------------


def _item_label(key: str) -> str:
    """A checklist item's label, from the newest checklist version that has it."""
    for version in sorted(checklist.CHECKLISTS, reverse=True):
        item = checklist.items_by_key(version).get(key)
        if item is not None:
            return item.label
    return key.replace("_", " ")


def _day(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return date_format(value, "j M Y")


def _label(choices: type[TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _rating_words(drill_down: DrillDown) -> str:
    if drill_down.rating:
        rated = f"An interview you rated {drill_down.rating} of 5"
    else:
        rated = f"An interview you rated {drill_down.rating_min} or more"
    fate: dict[str, str] = {
        InterviewFate.WENT_ON: ", and then went on",
        InterviewFate.REJECTED: ", and then the rejection",
        InterviewFate.DECIDED: ", since decided",
    }
    return rated + fate.get(drill_down.rating_outcome, "")


def describe(drill_down: DrillDown, *, status: str = "") -> str:
    """Which number the drill-down is, in words ("Rejected for Experience"), built from the
    same fields as its condition."""
    parts: list[str] = []
    rejected_named = bool(drill_down.rejected_at or drill_down.theme)
    if status and not (status == Status.REJECTED and rejected_named):
        parts.append(
            _label(Status, status)
            if status == Status.REJECTED
            else f"Status: {_label(Status, status)}"
        )
    if drill_down.rejected_at:
        parts.append(f"Rejected at: {_label(Outcome.StageReached, drill_down.rejected_at)}")
    if drill_down.theme:
        parts.append(f"Rejected for {_label(FeedbackTheme, drill_down.theme)}")
    if drill_down.reached:
        parts.append(_capitalized(drill_down.reached.label))
    if drill_down.first_interview == FirstInterview.DECIDED:
        parts.append("First interview decided (passed or not)")
    elif drill_down.first_interview == FirstInterview.PASSED:
        parts.append("Passed the first interview")
    if drill_down.responded:
        parts.append("The employer responded")
    if drill_down.ended:
        parts.append("Ended (rejected, withdrawn or no response)")
    if drill_down.no_source:
        parts.append("No source recorded")
    practice = f" ({_label(Practice, drill_down.practice).lower()})" if drill_down.practice else ""
    if drill_down.weakness:
        parts.append(f"“{_item_label(drill_down.weakness)}” needed work{practice}")
    if drill_down.assessed:
        parts.append(f"You assessed “{_item_label(drill_down.assessed)}”{practice}")
    if drill_down.outside:
        parts.append(f"“{_item_label(drill_down.outside)}” played a part")
    if drill_down.missing:
        parts.append(f"Missing “{drill_down.missing}”")
    if drill_down.partly:
        parts.append(f"Partly met “{drill_down.partly}”")
    if drill_down.rating or drill_down.rating_min:
        parts.append(_rating_words(drill_down))
    if drill_down.feedback:
        parts.append(f"Feedback {_label(FeedbackProgress, drill_down.feedback)}")
    if drill_down.week:
        parts.append(f"Applied in the week of {_day(drill_down.week)}")
    if drill_down.interview_week:
        parts.append(f"Interviewed in the week of {_day(drill_down.interview_week)}")
    if drill_down.month:
        parts.append(f"Applied in {date_format(drill_down.month, 'F Y')}")
    if drill_down.interview_month:
        parts.append(f"Had an interview in {date_format(drill_down.interview_month, 'F Y')}")
    if not parts:
        return "Sent applications"
    return ", ".join(
        [
            parts[0],
            *(part[:1].lower() + part[1:] if part[1:2].islower() else part for part in parts[1:]),
        ]
    )


def with_counted(
    applications: QuerySet[Application], drill_down: DrillDown, *, status: str = ""
) -> QuerySet[Application]:
    """Annotate each row with what its drill-down counted (`counted_*`): the stage it was
    rejected at, whether the theme was only inferred, the interview rating, the answer given.
    Subqueries, evaluated only for the rows of the page shown."""
    interviews = Interview.objects.filter(application=OuterRef("pk")).order_by("scheduled_at", "pk")
    annotations: dict[str, Any] = {}
    if drill_down.rejected_at or drill_down.theme or status == Status.REJECTED:
        annotations["counted_stage"] = F("outcome__stage_reached")
    if drill_down.theme:
        annotations["counted_theme_inferred"] = ExpressionWrapper(
            where_theme_inferred(drill_down.theme), output_field=BooleanField()
        )
        annotations["counted_reason"] = F("outcome__reason")
    if drill_down.reached or drill_down.first_interview:
        annotations["counted_interview_stage"] = Subquery(interviews.values("stage")[:1])
        annotations["counted_interview_at"] = Subquery(interviews.values("scheduled_at")[:1])
    if drill_down.first_interview:
        annotations["counted_first_passed"] = ExpressionWrapper(
            where_first_interview_passed(), output_field=BooleanField()
        )
    if drill_down.rating or drill_down.rating_min:
        rated = (
            interviews.filter(rating=drill_down.rating)
            if drill_down.rating
            else interviews.filter(rating__gte=drill_down.rating_min)
        )
        annotations["counted_rating"] = Subquery(rated.values("rating")[:1])
        annotations["counted_interview_stage"] = Subquery(rated.values("stage")[:1])
    if drill_down.interview_week or drill_down.interview_month:
        if drill_down.interview_week:
            start = drill_down.interview_week
            end = start + datetime.timedelta(days=7)
        else:
            assert drill_down.interview_month is not None
            start, end = month_span(drill_down.interview_month)
        within = interviews.filter(scheduled_at__date__gte=start, scheduled_at__date__lt=end)
        annotations["counted_interview_at"] = Subquery(within.values("scheduled_at")[:1])
    answered_key = drill_down.weakness or drill_down.assessed or drill_down.outside
    if answered_key:
        answers = (
            ReflectionAnswer.objects.filter(
                reflection__application=OuterRef("pk"), item_key=answered_key
            )
            .exclude(choice="")
            .order_by("-reflection__created_at")
        )
        annotations["counted_answer"] = Subquery(answers.values("choice")[:1])
    if drill_down.feedback:
        feedback = Feedback.objects.filter(application=OuterRef("pk")).order_by("-created_at")
        annotations["counted_requested_on"] = Subquery(
            feedback.filter(requested_on__isnull=False).values("requested_on")[:1]
        )
        annotations["counted_received_on"] = Subquery(
            feedback.filter(received_on__isnull=False).values("received_on")[:1]
        )
    return applications.annotate(**annotations) if annotations else applications


ANSWER_WORDS = {
    Assessment.WENT_WELL: "went well",
    Assessment.NEEDS_WORK: "needs work",
    Factor.PLAYED_A_PART: "played a part",
}


def counted_because(application: Application, drill_down: DrillDown, *, status: str = "") -> str:
    """What the drill-down counted in this row, in words, read from `with_counted`'s
    annotations ("Rejected at: Phone screen; Experience: inferred from the employer's words")."""
    row = application.__dict__
    parts: list[str] = []
    if "counted_stage" in row and application.status == Status.REJECTED:
        stage = row["counted_stage"]
        parts.append(f"Rejected at: {_label(Outcome.StageReached, stage)}" if stage else "Rejected")
    if drill_down.theme:
        theme = _label(FeedbackTheme, drill_down.theme)
        if row.get("counted_theme_inferred"):
            reason = " ".join((row.get("counted_reason") or "").split())
            quoted = reason if len(reason) <= 140 else reason[:139] + "…"
            parts.append(f"{theme}: inferred from the employer's words “{quoted}”")
        else:
            parts.append(f"{theme}: in the employer's feedback, or confirmed by you")
    if row.get("counted_rating"):
        stage = _label(Stage, row.get("counted_interview_stage") or "")
        parts.append(f"Interview rated {row['counted_rating']} of 5 ({stage})")
    elif drill_down.reached or drill_down.first_interview:
        if row.get("counted_interview_at"):
            stage = _label(Stage, row.get("counted_interview_stage") or "")
            parts.append(f"First interview: {stage}, {_day(row['counted_interview_at'])}")
        elif drill_down.reached:
            parts.append(f"Reached through its status: {application.get_status_display()}")
    if drill_down.first_interview:
        passed = row.get("counted_first_passed")
        parts.append("went past it" if passed else "did not go past it")
    if (drill_down.interview_week or drill_down.interview_month) and row.get(
        "counted_interview_at"
    ):
        parts.append(f"Interviewed {_day(row['counted_interview_at'])}")
    if row.get("counted_answer"):
        parts.append(
            f"Your reflection: {ANSWER_WORDS.get(row['counted_answer'], row['counted_answer'].replace('_', ' '))}"
        )
    if drill_down.missing:
        parts.append(f"“{drill_down.missing}” marked missing")
    if drill_down.partly:
        parts.append(f"“{drill_down.partly}” marked partly met")
    if drill_down.feedback:
        asked = _day(row.get("counted_requested_on"))
        received = _day(row.get("counted_received_on"))
        said = [
            f"feedback requested {asked}" if asked else "",
            f"received {received}" if received else "",
        ]
        parts.append(_capitalized(", ".join(text for text in said if text)))
    if drill_down.week or drill_down.month:
        parts.append(f"Applied {_day(application.date_applied)}")
    if drill_down.responded:
        parts.append(f"Employer responded ({application.get_status_display()})")
    if drill_down.ended:
        parts.append(f"Ended: {application.get_status_display()}")
    if drill_down.no_source:
        parts.append("No source recorded")
    return "; ".join(part for part in parts if part)
