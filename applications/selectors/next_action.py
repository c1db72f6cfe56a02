"""The one thing to do next on an application, with the reason, as its page shows it first.

It reads the application as `application_with_history` loads it and the timeline built from
it. Whether the rejection's reflection is finished comes from the reflection domain's events on
that timeline (kind "reflection"): this module never imports that domain.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone

from applications.models import Application, Interview, Outcome, Status
from applications.selectors.history import TimelineEvent


@dataclass(frozen=True)
class NextAction:
    kind: str  # "debrief", "outcome", "reflect", "prepare" or "schedule"
    label: str  # the button
    reason: str  # one line: why this is the next thing to do
    url: str  # the page that does it (works without JavaScript)
    # With htmx the form opens in place: the element it goes into, "" for a plain link.
    htmx_target: str = ""


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j M")


def _interview_name(interview: Interview) -> str:
    return f"{interview.get_stage_display().lower()} interview on {_when(interview.scheduled_at)}"


def _unfinished_rejection_reflection_url(timeline: Sequence[TimelineEvent]) -> str | None:
    for event in timeline:
        if event.kind != "reflection":
            continue
        reflection = event.item
        if reflection.trigger == "rejection" and not reflection.is_finished:
            url: str = reflection.get_absolute_url()
            return url
    return None


def next_action(
    application: Application,
    timeline: Sequence[TimelineEvent],
    now: datetime.datetime,
) -> NextAction | None:
    """The first that applies: debrief the latest past interview that has no debrief; record
    the outcome once the interviews are done; reflect on a rejection; prepare for the coming
    interview; schedule one. None for an application that has ended with nothing left to do."""
    interviews = list(application.interviews.all())  # prefetched, oldest first
    past = [interview for interview in interviews if interview.scheduled_at <= now]
    coming = [interview for interview in interviews if interview.scheduled_at > now]
    outcome: Outcome | None = getattr(application, "outcome", None)

    undebriefed = [interview for interview in past if not interview.has_debrief]
    if undebriefed:
        interview = undebriefed[-1]
        return NextAction(
            kind="debrief",
            label="Add the debrief",
            reason=f"Your {_interview_name(interview)} has no debrief yet: write it while it is "
            "fresh.",
            url=reverse("interview_debrief", args=[interview.pk]),
            htmx_target=f"#interview-{interview.pk}-debrief",
        )
    if past and not coming and outcome is None and not application.is_ended:
        return NextAction(
            kind="outcome",
            label="Record the outcome",
            reason="Your interviews are done and debriefed: record the offer or the rejection "
            "when it comes.",
            url=reverse("outcome_edit", args=[application.pk]),
            htmx_target="#history-new",
        )
    rejected = application.status == Status.REJECTED or (
        outcome is not None and outcome.result == Outcome.Result.REJECTED
    )
    if rejected:
        reflection_url = _unfinished_rejection_reflection_url(timeline)
        if reflection_url:
            return NextAction(
                kind="reflect",
                label="Reflect on it",
                reason="The rejection's reflection is not finished: a few minutes on what to "
                "keep and what to change.",
                url=reflection_url,
            )
    if outcome is not None or application.is_ended:
        return None
    if coming:
        interview = coming[0]
        return NextAction(
            kind="prepare",
            label="Prepare for it",
            reason=f"Your {_interview_name(interview)} is coming: note what to prepare.",
            url=reverse("interview_edit", args=[interview.pk]),
            htmx_target=f"#interview-{interview.pk}",
        )
    return NextAction(
        kind="schedule",
        label="Schedule an interview",
        reason="No interview yet: when they invite you, add it here.",
        url=reverse("interview_create", args=[application.pk]),
        htmx_target="#history-new",
    )
