"""Workflows that touch both domains, each in one transaction: the tracking half through
`applications.services`, the reflection half through `reflections.services`."""

import datetime

from django.db import transaction

from applications import services as tracking
from applications.models import Application, Interview, Outcome, Status
from reflections import services as reflecting


@transaction.atomic
def rejection_record(
    *,
    application: Application,
    decided_on: datetime.date | None = None,
    stage_reached: str | None = None,
    reason: str | None = None,
) -> Outcome:
    """The one place a rejection is recorded: its outcome, the status step to rejected, and the
    draft reflection that walks the user through it (created once, however often this runs)."""
    outcome = tracking.outcome_record(
        application=application,
        result=Outcome.Result.REJECTED,
        decided_on=decided_on,
        stage_reached=stage_reached,
        reason=reason,
    )
    reflecting.reflection_draft_for_rejection(application=application)
    return outcome


@transaction.atomic
def outcome_record(
    *,
    application: Application,
    result: str,
    decided_on: datetime.date | None = None,
    stage_reached: str | None = None,
    reason: str | None = None,
) -> Outcome:
    """Record how an application ended (or its offer); a rejection goes through
    rejection_record."""
    if result == Outcome.Result.REJECTED:
        return rejection_record(
            application=application,
            decided_on=decided_on,
            stage_reached=stage_reached,
            reason=reason,
        )
    return tracking.outcome_record(
        application=application,
        result=result,
        decided_on=decided_on,
        stage_reached=stage_reached,
        reason=reason,
    )


@transaction.atomic
def application_change_status(*, application: Application, status: str) -> Application:
    """Move an application to any status; a move to rejected goes through rejection_record."""
    if status == application.status:
        return application
    if status == Status.REJECTED:
        rejection_record(application=application)
        return application
    return tracking.application_change_status(application=application, status=status)


@transaction.atomic
def application_update(
    *, application: Application, company_name: str | None = None, referrer_name: str = ""
) -> Application:
    """Save an edited application; requirements added to it join its unfinished reflections.

    With `company_name`, the company and referrer typed by name are found or created first, in
    the same transaction: a save that fails leaves no new company or contact behind.
    """
    if company_name is not None:
        tracking.application_set_company_and_referrer(
            application=application, company_name=company_name, referrer_name=referrer_name
        )
    application.save()
    reflecting.requirement_checks_sync_for_application(application=application)
    return application


@transaction.atomic
def interview_record_debrief(*, interview: Interview) -> Interview:
    """Save an interview's debrief and put the questions asked into the question bank."""
    interview.save()
    reflecting.questions_record_from_interview(interview=interview)
    return interview
