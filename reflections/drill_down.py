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

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.enums import TextChoices

from accounts.models import User
from applications.models import Application, Milestone
from applications.selectors.conditions import (
    FirstInterview,
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
)
from applications.selectors.progress import (
    where_first_interview_decided,
    where_first_interview_passed,
    where_reached,
)
from applications.selectors.search import ApplicationFilters, Sort, application_search
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
        return condition


def drill_down_applications(
    user: User, filters: ApplicationFilters, drill_down: DrillDown, *, sort: str = Sort.NEWEST
) -> QuerySet[Application]:
    """The rows of the drill-down list: the list's filters, narrowed by the drill-down."""
    return application_search(user, filters, sort=sort, where=drill_down.condition())
