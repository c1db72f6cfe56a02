"""Workflows of the tracking domain that touch several models, each in one transaction."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone

from accounts.models import User
from applications.models import (
    Application,
    Company,
    Contact,
    Feedback,
    FeedbackThemeMark,
    Interview,
    Outcome,
    OutcomeThemeDecision,
    Stage,
    Status,
    StatusChange,
    ThemeDecision,
)

# One seam for the lookup: tests/applications/test_company_race.py replaces it to stage a race.
from applications.selectors.names import company_named as _company_named
from applications.selectors.names import contacts_named
from core.undo import Change, UndoKind

# Keyed by str: an outcome's `result` (or a status) is looked up as its plain value too.
RESULT_STATUS: dict[str, Status] = {
    Outcome.Result.OFFER: Status.OFFER,
    Outcome.Result.REJECTED: Status.REJECTED,
    Outcome.Result.WITHDRAWN: Status.WITHDRAWN,
    Outcome.Result.NO_RESPONSE: Status.NO_RESPONSE,
}
STATUS_RESULT: dict[str, str] = {status: result for result, status in RESULT_STATUS.items()}
SCREENING_STAGES = {Stage.RECRUITER_SCREEN, Stage.PHONE_SCREEN}
# How many names sharing a first word are compared when no name matches exactly.
NAME_CANDIDATES = 50


def same_name(stored: str, typed: str) -> bool:
    """Whether two names are the same once their spaces are collapsed, whatever their case
    (the way forms clean a typed name and the lookups compare it)."""
    return " ".join(stored.split()).lower() == " ".join(typed.split()).lower()


def _with_first_word[M: (Company, Contact)](queryset: QuerySet[M], name: str) -> QuerySet[M]:
    """The rows whose name starts with the name's first word: the few to compare a name with
    once its spaces are collapsed, when no row has exactly that name."""
    first_word = name.split()[0] if name.split() else ""
    return queryset.filter(name__istartswith=first_word)[:NAME_CANDIDATES]


def _company_named_loosely(user: User, name: str) -> Company | None:
    """The user's company of that name once the spaces of both are collapsed: names stored
    with two spaces in a row (an import, an old edit) are found from the name typed."""
    candidates = _with_first_word(Company.objects.filter(user=user), name)
    return next((company for company in candidates if same_name(company.name, name)), None)


def company_get_or_create(*, user: User, name: str) -> Company:
    """The user's company of that name, whatever its case, created if new.

    Two requests can both find no company and both insert it (a double-clicked quick add): the
    insert runs in a savepoint, and the loser of the race, refused by the unique constraint,
    takes the winner's row instead of failing the request.
    """
    name = " ".join(name.split())
    company = _company_named(user, name) or _company_named_loosely(user, name)
    if company is not None:
        return company
    try:
        with transaction.atomic():
            return Company.objects.create(user=user, name=name)
    except IntegrityError:
        company = _company_named(user, name)
        if company is None:
            raise
        return company


def referrer_get_or_create(
    *, user: User, name: str, company: Company, current_pk: int | None = None
) -> Contact:
    """The user's contact of that name, whatever its case, or a new referrer at `company`.

    Contacts may share a name: the current referrer is kept if it is one of them, else the one
    at `company`, else the oldest.
    """
    name = " ".join(name.split())
    preferred = [When(company=company, then=Value(1))]
    if current_pk is not None:
        preferred.insert(0, When(pk=current_pk, then=Value(0)))
    contact = (
        contacts_named(user, name)
        .alias(rank=Case(*preferred, default=Value(2), output_field=IntegerField()))
        .order_by("rank", "created_at", "pk")
        .first()
    )
    if contact is not None:
        return contact
    loosely = [
        contact
        for contact in _with_first_word(Contact.objects.filter(user=user), name)
        if same_name(contact.name, name)
    ]
    if loosely:
        return min(
            loosely,
            key=lambda contact: (
                contact.pk != current_pk,
                contact.company_id != company.pk,
                contact.created_at,
                contact.pk,
            ),
        )
    return Contact.objects.create(user=user, name=name, role=Contact.Role.REFERRER, company=company)


@transaction.atomic
def application_set_company_and_referrer(
    *, application: Application, company_name: str, referrer_name: str
) -> Application:
    """Point the application at the user's company and referrer of these names, creating the
    ones that are new; a blank referrer name clears the referrer. The caller saves the
    application (its other fields come from the same form)."""
    # The form shows the stored names; typed back, their spaces are collapsed. A stored name
    # with two spaces in a row ("Jane  Doe") is still the one the application points at.
    keeps_company = application.company_id is not None and same_name(
        application.company.name, company_name
    )
    if not keeps_company:
        application.company = company_get_or_create(user=application.user, name=company_name)
    referrer = application.referrer
    if referrer is not None and same_name(referrer.name, referrer_name):
        return application
    if referrer_name.strip():
        application.referrer = referrer_get_or_create(
            user=application.user,
            name=referrer_name,
            company=application.company,
            current_pk=application.referrer_id,
        )
    else:
        application.referrer = None
    return application


def company_save(*, company: Company) -> bool:
    """Save a new or renamed company; False if another of the user's companies took the name
    meanwhile (the form checked, but a second tab or a double submit can get in between)."""
    try:
        with transaction.atomic():
            company.save()
    except IntegrityError:
        return False
    return True


@transaction.atomic
def application_create(
    *,
    user: User,
    company_name: str,
    role_title: str,
    posting_url: str = "",
    date_applied: datetime.date | None = None,
    status: str = Status.APPLIED,
) -> Application:
    application = Application.objects.create(
        user=user,
        company=company_get_or_create(user=user, name=company_name),
        role_title=role_title.strip(),
        posting_url=posting_url,
        date_applied=date_applied or timezone.localdate(),
        status=status,
    )
    StatusChange.objects.create(
        application=application,
        from_status="",
        to_status=status,
        changed_at=_decision_time(application.date_applied),
    )
    return application


def _status_set(
    application: Application, status: str, changed_at: datetime.datetime | None = None
) -> None:
    """Move the application to `status` and write the step into its history."""
    if application.status == status:
        return
    StatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=status,
        changed_at=changed_at or timezone.now(),
    )
    application.status = status
    application.save(update_fields=["status", "updated_at"])


def _decision_time(decided_on: datetime.date | None) -> datetime.datetime:
    """When something dated in the past is recorded today, date its status step then."""
    now = timezone.now()
    if decided_on is None or decided_on >= timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.datetime.combine(decided_on, datetime.time(12)))


def stage_reached_so_far(application: Application) -> str:
    """The stage of the latest interview that has taken place, or the application itself."""
    last_interview = (
        application.interviews.filter(scheduled_at__lte=timezone.now())
        .order_by("-scheduled_at")
        .first()
    )
    return last_interview.stage if last_interview else Outcome.StageReached.APPLICATION


@transaction.atomic
def outcome_record(
    *,
    application: Application,
    result: str,
    decided_on: datetime.date | None = None,
    stage_reached: str | None = None,
    reason: str | None = None,
) -> Outcome:
    """Record how an application ended (or its offer), with the status step that goes with it.

    This is the tracking half of an ending; a rejection also opens a reflection, so views and
    other workflows record one through `workflows.services.rejection_record`.
    """
    outcome = Outcome.objects.filter(application=application).first() or Outcome(
        application=application
    )
    outcome.result = result
    outcome.decided_on = decided_on or outcome.decided_on or timezone.localdate()
    if stage_reached:
        outcome.stage_reached = stage_reached
    elif outcome.pk is None:
        outcome.stage_reached = stage_reached_so_far(application)
    if reason is not None:
        outcome.reason = reason
    outcome.save()
    _status_set(application, RESULT_STATUS[result], _decision_time(decided_on))
    return outcome


@transaction.atomic
def application_change_status(*, application: Application, status: str) -> Application:
    """Move an application to any status, keeping its outcome in step with it."""
    if status == application.status:
        return application
    if status in STATUS_RESULT:
        outcome_record(application=application, result=STATUS_RESULT[status])
        return application
    # Reopened, or moved back from an offer: the outcome no longer describes the application.
    # Accepting an offer keeps the offer.
    outcome = Outcome.objects.filter(application=application).first()
    if outcome and not (status == Status.ACCEPTED and outcome.result == Outcome.Result.OFFER):
        outcome.delete()
    _status_set(application, status)
    return application


def application_advance_for_interview(*, interview: Interview) -> None:
    """A scheduled interview moves an early-stage application along the pipeline; an
    interview logged after the fact dates the move when it happened."""
    application = interview.application
    moved_at = min(timezone.now(), interview.scheduled_at)
    if interview.stage in SCREENING_STAGES:
        if application.status in (Status.WISHLIST, Status.APPLIED):
            _status_set(application, Status.SCREENING, moved_at)
    elif application.status in (Status.WISHLIST, Status.APPLIED, Status.SCREENING):
        _status_set(application, Status.INTERVIEWING, moved_at)


@transaction.atomic
def application_mark_no_response(*, application: Application) -> Outcome:
    return outcome_record(application=application, result=Outcome.Result.NO_RESPONSE)


@transaction.atomic
def application_set_archived(*, application: Application, archived: bool) -> Change | None:
    """Archive or restore an application; what it did, for an undo, or None if it already was.

    The row is locked and read afresh first, so of two submits at once the second sees what
    the first did. The undo token carries `updated_at` after the change: replayed after the
    application was archived again (or edited), it refuses instead of restoring it."""
    application.refresh_from_db(
        fields=["status", "archived", "updated_at"],
        from_queryset=Application.objects.select_for_update(),
    )
    if application.archived == archived:
        return None
    application.archived = archived
    application.save(update_fields=["archived", "updated_at"])
    return Change(
        kind=UndoKind.ARCHIVE,
        user_id=application.user_id,
        object_id=application.pk,
        before="0" if archived else "1",
        after="1" if archived else "0",
        records={"updated_at": application.updated_at.isoformat()},
    )


def feedback_set_themes(*, feedback: Feedback, themes: list[str]) -> None:
    """Store the feedback's themes as one row each, replacing what was there."""
    wanted = set(themes)
    existing = set(feedback.theme_marks.values_list("theme", flat=True))
    feedback.theme_marks.filter(theme__in=existing - wanted).delete()
    # A concurrent save of the same feedback may add a theme first; the constraint keeps one.
    FeedbackThemeMark.objects.bulk_create(
        [FeedbackThemeMark(feedback=feedback, theme=theme) for theme in sorted(wanted - existing)],
        ignore_conflicts=True,
    )


@transaction.atomic
def interview_add(*, interview: Interview, interviewers: list[Contact]) -> Interview:
    """Save a new interview with its interviewers, and move its application along."""
    interview.save()
    interview.interviewers.set(interviewers)
    application_advance_for_interview(interview=interview)
    return interview


@transaction.atomic
def interview_update(*, interview: Interview, interviewers: list[Contact]) -> Interview:
    interview.save()
    interview.interviewers.set(interviewers)
    return interview


@transaction.atomic
def feedback_save(*, feedback: Feedback, themes: list[str]) -> Feedback:
    """Save new or changed feedback with its themes."""
    feedback.save()
    feedback_set_themes(feedback=feedback, themes=themes)
    return feedback


# The themes of an outcome: inferred from the employer's words, confirmed or corrected -------


def _outcome_theme_decide(*, outcome: Outcome, theme: str, decision: str) -> OutcomeThemeDecision:
    found, _ = OutcomeThemeDecision.objects.update_or_create(
        outcome=outcome, theme=theme, defaults={"decision": decision}
    )
    return found


def outcome_theme_confirm(*, outcome: Outcome, theme: str) -> OutcomeThemeDecision:
    """The theme was a reason for this outcome: it counts, no longer as inferred."""
    return _outcome_theme_decide(outcome=outcome, theme=theme, decision=ThemeDecision.CONFIRMED)


def outcome_theme_dismiss(*, outcome: Outcome, theme: str) -> OutcomeThemeDecision:
    """The user said "not this": the reason mentions the theme, but it was not a reason. It no
    longer counts from the outcome (feedback marked with it still counts)."""
    return _outcome_theme_decide(outcome=outcome, theme=theme, decision=ThemeDecision.DISMISSED)


def outcome_theme_undecide(*, outcome: Outcome, theme: str) -> None:
    """Take back the user's word on the theme: counted as inferred again if the reason mentions
    it, no longer counted if it was only picked instead of another."""
    OutcomeThemeDecision.objects.filter(outcome=outcome, theme=theme).delete()


@transaction.atomic
def outcome_theme_correct(*, outcome: Outcome, theme: str, instead: str) -> OutcomeThemeDecision:
    """The reason was read as `theme`, but it meant `instead`: dismiss one, confirm the other."""
    if theme == instead:
        raise ValueError("A theme cannot be corrected to itself.")
    outcome_theme_dismiss(outcome=outcome, theme=theme)
    return outcome_theme_confirm(outcome=outcome, theme=instead)
