"""Undo of the one-click changes: a status change, "no response", archiving, and an action
item's done tick.

Each change returns what it did (a `core.undo.Change`, signed into the page as a token). The
status changes are recorded here, because what they create reaches both domains (a status step,
an outcome, a draft reflection); archiving and the done tick are recorded by their domain's
service. `change_undo` checks the token, the user and that the object is still as the change
left it, then puts back the state before and removes what the change created, so the funnel
never counts an undone step.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.dateparse import parse_date, parse_datetime

from accounts.models import User
from applications.models import Application, Outcome, OutcomeThemeDecision, Status, StatusChange
from core.undo import Change, UndoKind, UndoTokenError, change_from_token
from reflections.models import ActionItem, QuestionAsked, Reflection
from workflows import services

NOT_UNDONE = "Nothing was changed."


class UndoRefused(Exception):
    """The undo was not done, and nothing changed; the message says why, in words for the
    user."""


@dataclass(frozen=True)
class Undone:
    """What an undo put back: the object, as it is now, and the sentence that says so."""

    message: str
    application: Application | None = None
    action_item: ActionItem | None = None


# Recording the status changes --------------------------------------------------------------


def _outcome_snapshot(outcome: Outcome | None) -> dict[str, Any] | None:
    """The outcome's fields and the user's theme decisions on it: reopening deletes the
    outcome, and its decisions with it."""
    if outcome is None:
        return None
    return {
        "result": outcome.result,
        "decided_on": outcome.decided_on.isoformat(),
        "stage_reached": outcome.stage_reached,
        "reason": outcome.reason,
        "created_at": outcome.created_at.isoformat(),
        "themes": [
            [theme, decision]
            for theme, decision in outcome.theme_decisions.values_list("theme", "decision")
        ],
    }


def _outcome_stamp(application: Application) -> str:
    """When the application's outcome was last written ("" without one): an undo refuses to
    overwrite an outcome edited after the change."""
    updated_at = (
        Outcome.objects.filter(application=application).values_list("updated_at", flat=True).first()
    )
    return updated_at.isoformat() if updated_at else ""


def _rejection_reflection_id(application: Application) -> int | None:
    return (
        Reflection.objects.filter(application=application, trigger=Reflection.Trigger.REJECTION)
        .values_list("pk", flat=True)
        .first()
    )


def _status_change_recorded(application: Application, kind: UndoKind, status: str) -> Change:
    """Move the application to `status` through the workflow, and say what that created."""
    before = application.status
    outcome_before = _outcome_snapshot(Outcome.objects.filter(application=application).first())
    last_step = application.status_changes.aggregate(last=Max("pk"))["last"] or 0
    reflection_before = _rejection_reflection_id(application)
    services.application_change_status(application=application, status=status)
    reflection_after = _rejection_reflection_id(application)
    records: dict[str, Any] = {
        "steps": list(
            StatusChange.objects.filter(application=application, pk__gt=last_step).values_list(
                "pk", flat=True
            )
        ),
        "outcome_before": outcome_before,
        "outcome_stamp": _outcome_stamp(application),
        "reflection": reflection_after if reflection_after != reflection_before else None,
    }
    return Change(
        kind=kind,
        user_id=application.user_id,
        object_id=application.pk,
        before=before,
        after=application.status,
        records=records,
    )


def _lock_fresh(application: Application) -> None:
    """Lock the application's row until the transaction ends and read it afresh into
    `application`: of two submits at once (a double click, two tabs, a retry), the second
    waits, then sees what the first did and changes nothing."""
    application.refresh_from_db(
        fields=["status", "archived", "updated_at"],
        from_queryset=Application.objects.select_for_update(),
    )


@transaction.atomic
def application_change_status(*, application: Application, status: str) -> Change | None:
    """Move an application to any status (a rejection opens its reflection); None if it
    already has that status."""
    _lock_fresh(application)
    if status == application.status:
        return None
    return _status_change_recorded(application, UndoKind.STATUS, status)


@transaction.atomic
def application_mark_no_response(*, application: Application) -> Change | None:
    """Record that the employer never answered; None if the application has already ended,
    so a stale page (or a second click) never overwrites how it really ended."""
    _lock_fresh(application)
    if application.is_ended:
        return None
    return _status_change_recorded(application, UndoKind.NO_RESPONSE, Status.NO_RESPONSE)


# Undoing ------------------------------------------------------------------------------------


def _changed_since(thing: object) -> UndoRefused:
    return UndoRefused(f"{thing} has changed since, so it was not undone. {NOT_UNDONE}")


def _gone() -> UndoRefused:
    return UndoRefused(f"That item no longer exists. {NOT_UNDONE}")


def _reflection_untouched(reflection: Reflection) -> bool:
    """Nothing written in it yet: no answer, no saved section, no verdict, no step, no
    question, not finished."""
    return (
        reflection.finished_at is None
        and not reflection.answers.exists()
        and not reflection.section_saves.exists()
        and not reflection.requirement_checks.exclude(verdict="").exists()
        and not reflection.action_items.exists()
        and not QuestionAsked.objects.filter(reflection=reflection).exists()
    )


def _outcome_restore(application: Application, snapshot: dict[str, Any] | None) -> None:
    outcome = Outcome.objects.filter(application=application).first()
    if snapshot is None:
        if outcome is not None:
            outcome.delete()
        return
    outcome = outcome or Outcome(application=application)
    outcome.result = snapshot["result"]
    outcome.decided_on = parse_date(snapshot["decided_on"]) or outcome.decided_on
    outcome.stage_reached = snapshot["stage_reached"]
    outcome.reason = snapshot["reason"]
    outcome.save()
    created_at = parse_datetime(snapshot["created_at"])
    if created_at is not None:
        Outcome.objects.filter(pk=outcome.pk).update(created_at=created_at)
    outcome.theme_decisions.all().delete()
    OutcomeThemeDecision.objects.bulk_create(
        OutcomeThemeDecision(outcome=outcome, theme=theme, decision=decision)
        for theme, decision in snapshot.get("themes", [])
    )


def _status_undo(user: User, change: Change) -> Undone:
    application = (
        Application.objects.select_for_update()
        .select_related("company")
        .filter(user=user, pk=change.object_id)
        .first()
    )
    if application is None:
        raise _gone()
    steps: list[int] = change.records.get("steps", [])
    before_label = Status(change.before).label
    if (
        application.status == change.before
        and not application.status_changes.filter(pk__in=steps).exists()
    ):
        # A second click on Undo: already done, and nothing to say against it.
        return Undone(f"Already undone: {application} is {before_label} again.", application)
    later_steps = application.status_changes.filter(pk__gt=max(steps, default=0))
    if (
        application.status != change.after
        or later_steps.exists()
        or _outcome_stamp(application) != change.records.get("outcome_stamp", "")
    ):
        raise _changed_since(application)

    StatusChange.objects.filter(application=application, pk__in=steps).delete()
    _outcome_restore(application, change.records.get("outcome_before"))
    message = f"Undone: {application} is {before_label} again."
    reflection_id: int | None = change.records.get("reflection")
    reflection = (
        Reflection.objects.filter(pk=reflection_id, application=application).first()
        if reflection_id is not None
        else None
    )
    if reflection is not None:
        if _reflection_untouched(reflection):
            reflection.delete()
        else:
            message += " Its reflection is kept, since you have written in it."
    application.status = change.before
    application.save(update_fields=["status", "updated_at"])
    return Undone(message, application)


def _archive_undo(user: User, change: Change) -> Undone:
    application = (
        Application.objects.select_for_update()
        .select_related("company")
        .filter(user=user, pk=change.object_id)
        .first()
    )
    if application is None:
        raise _gone()
    archived_before = change.before == "1"
    if application.archived == archived_before:
        state = "archived" if archived_before else "in your list and on the board"
        return Undone(f"Already undone: {application} is {state} again.", application)
    # Archived (or restored) again after an undo, or edited since: that later change stands.
    stamp = change.records.get("updated_at")
    if stamp is not None and application.updated_at.isoformat() != stamp:
        raise _changed_since(application)
    application.archived = archived_before
    application.save(update_fields=["archived", "updated_at"])
    if archived_before:
        return Undone(f"Undone: {application} is archived again.", application)
    return Undone(f"Undone: {application} is back in your list and on the board.", application)


def _done_at_stamp(done_at: datetime.datetime | None) -> str:
    return done_at.isoformat() if done_at else ""


def _done_undo(user: User, change: Change) -> Undone:
    item = ActionItem.objects.select_for_update().filter(user=user, pk=change.object_id).first()
    if item is None:
        raise _gone()
    state = "done" if change.before else "open"
    current = _done_at_stamp(item.done_at)
    if current == change.before:
        return Undone(f"Already undone: “{item}” is {state} again.", action_item=item)
    if current != change.after:
        raise _changed_since(f"“{item}”")
    item.done_at = parse_datetime(change.before) if change.before else None
    item.save(update_fields=["done_at", "updated_at"])
    return Undone(f"Undone: “{item}” is {state} again.", action_item=item)


@transaction.atomic
def change_undo(*, user: User, token: str) -> Undone:
    """Put back the state before the change the token describes, or refuse (UndoRefused) and
    change nothing: a token that is not ours, too old, another user's, or whose object has
    changed since."""
    try:
        change = change_from_token(token)
    except UndoTokenError as error:
        raise UndoRefused(str(error)) from error
    if change.user_id != user.pk:
        raise UndoRefused(f"That undo was not understood. {NOT_UNDONE}")
    if change.kind in (UndoKind.STATUS, UndoKind.NO_RESPONSE):
        return _status_undo(user, change)
    if change.kind == UndoKind.ARCHIVE:
        return _archive_undo(user, change)
    return _done_undo(user, change)
