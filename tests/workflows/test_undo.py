"""workflows.undo: each one-click change says what it did, and its undo puts back exactly the
state before (removing what the change created), or refuses and changes nothing."""

import datetime
import threading
from unittest import mock

import pytest
from django.conf import settings
from django.core import signing
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from applications import services as tracking
from applications.models import (
    Application,
    FeedbackTheme,
    Outcome,
    OutcomeThemeDecision,
    Status,
    StatusChange,
    ThemeDecision,
)
from core.undo import MAX_AGE, Change, UndoKind, change_from_token
from reflections import services as reflecting
from reflections.models import ActionItem, Reflection, ReflectionAnswer
from reflections.panels import funnel
from reflections.panels.filters import DashboardFilters
from tests.factories import ActionItemFactory, ApplicationFactory, OutcomeFactory, UserFactory
from workflows import undo

pytestmark = pytest.mark.django_db


def _steps(application) -> list[tuple[str, str]]:
    return list(application.status_changes.values_list("from_status", "to_status"))


def _undo(user, change: Change):
    return undo.change_undo(user=user, token=change.token())


# Status -------------------------------------------------------------------------------------


def test_undo_of_a_status_change_puts_the_status_back_and_removes_its_step(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    steps_before = _steps(application)
    change = undo.application_change_status(application=application, status=Status.SCREENING)
    assert (change.kind, change.before, change.after) == (
        UndoKind.STATUS,
        Status.APPLIED,
        Status.SCREENING,
    )

    undone = _undo(alice, change)

    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert _steps(application) == steps_before
    assert undone.message == f"Undone: {application} is Applied again."


def test_setting_the_same_status_is_not_a_change(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    assert undo.application_change_status(application=application, status=Status.APPLIED) is None


def test_undo_of_an_offer_removes_the_outcome_it_created(alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    change = undo.application_change_status(application=application, status=Status.OFFER)
    assert Outcome.objects.filter(application=application).exists()
    _undo(alice, change)
    assert not Outcome.objects.filter(application=application).exists()


def test_undo_of_a_reopening_brings_back_the_outcome_it_deleted(alice):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    decided_on = timezone.localdate() - datetime.timedelta(days=9)
    OutcomeFactory(
        application=application,
        result=Outcome.Result.REJECTED,
        decided_on=decided_on,
        stage_reached="technical",
        reason="Went with someone more senior",
    )
    change = undo.application_change_status(application=application, status=Status.INTERVIEWING)
    assert not Outcome.objects.filter(application=application).exists()

    _undo(alice, change)

    outcome = Outcome.objects.get(application=application)
    assert (outcome.result, outcome.decided_on, outcome.stage_reached, outcome.reason) == (
        Outcome.Result.REJECTED,
        decided_on,
        "technical",
        "Went with someone more senior",
    )


def test_undo_of_a_reopening_brings_back_the_theme_decisions_on_its_outcome(alice):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    outcome = OutcomeFactory(
        application=application, result=Outcome.Result.REJECTED, reason="not enough experience"
    )
    tracking.outcome_theme_dismiss(outcome=outcome, theme=FeedbackTheme.EXPERIENCE)
    tracking.outcome_theme_confirm(outcome=outcome, theme=FeedbackTheme.SALARY)
    change = undo.application_change_status(application=application, status=Status.INTERVIEWING)
    assert not OutcomeThemeDecision.objects.exists()

    _undo(alice, change)

    outcome = Outcome.objects.get(application=application)
    assert set(outcome.theme_decisions.values_list("theme", "decision")) == {
        (FeedbackTheme.EXPERIENCE, ThemeDecision.DISMISSED),
        (FeedbackTheme.SALARY, ThemeDecision.CONFIRMED),
    }
    states = {found.theme: found.state for found in outcome.reason_themes()}
    assert states[FeedbackTheme.EXPERIENCE] == ThemeDecision.DISMISSED


def test_undo_of_a_reopening_brings_back_a_long_non_ascii_reason(alice, alice_client):
    """10,000 CJK characters, the longest reason there is: the Undo form takes its token."""
    reason = "".join(chr(0x4E00 + (index * 7919) % 20_000) for index in range(10_000))
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    OutcomeFactory(application=application, result=Outcome.Result.REJECTED, reason=reason)
    change = undo.application_change_status(application=application, status=Status.INTERVIEWING)
    token = change.token()
    assert len(token) > 20_000

    response = alice_client.post(reverse("undo"), {"token": token, "view": "detail"})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert Outcome.objects.get(application=application).reason == reason


def test_undo_of_a_rejection_removes_its_untouched_draft_reflection(alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    change = undo.application_change_status(application=application, status=Status.REJECTED)
    assert application.reflections.count() == 1

    undone = _undo(alice, change)

    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING
    assert not application.reflections.exists()
    assert not Outcome.objects.filter(application=application).exists()
    assert "reflection" not in undone.message


def test_undo_of_a_rejection_keeps_a_reflection_already_written_in_and_says_so(alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    change = undo.application_change_status(application=application, status=Status.REJECTED)
    reflection = application.reflections.get()
    ReflectionAnswer.objects.create(
        reflection=reflection, section_key="fit", item_key="fit_notes", text="Too junior"
    )

    undone = _undo(alice, change)

    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING
    assert Reflection.objects.filter(pk=reflection.pk).exists()
    assert "Its reflection is kept, since you have written in it." in undone.message


def test_undo_of_a_second_rejection_keeps_the_reflection_the_first_one_opened(alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    undo.application_change_status(application=application, status=Status.REJECTED)
    undo.application_change_status(application=application, status=Status.INTERVIEWING)
    change = undo.application_change_status(application=application, status=Status.REJECTED)
    _undo(alice, change)
    assert application.reflections.count() == 1


def test_the_funnel_never_counts_an_undone_step(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    filters = DashboardFilters()
    before = funnel.compute(alice, filters)
    change = undo.application_change_status(application=application, status=Status.INTERVIEWING)
    assert funnel.compute(alice, filters) != before
    _undo(alice, change)
    assert funnel.compute(alice, filters) == before


# No response --------------------------------------------------------------------------------


def test_undo_of_no_response_puts_back_the_status_and_removes_outcome_and_step(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    change = undo.application_mark_no_response(application=application)
    assert change.kind == UndoKind.NO_RESPONSE
    assert application.status == Status.NO_RESPONSE

    _undo(alice, change)

    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not Outcome.objects.filter(application=application).exists()
    assert not StatusChange.objects.filter(
        application=application, to_status=Status.NO_RESPONSE
    ).exists()


def test_no_response_on_an_application_that_already_ended_is_not_a_change(alice):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    OutcomeFactory(application=application, result=Outcome.Result.REJECTED)
    assert undo.application_mark_no_response(application=application) is None
    application.refresh_from_db()
    assert application.status == Status.REJECTED


def test_undo_of_no_response_on_an_offer_puts_the_offer_back(alice):
    application = ApplicationFactory(user=alice, status=Status.OFFER)
    OutcomeFactory(application=application, result=Outcome.Result.OFFER)
    change = undo.application_mark_no_response(application=application)
    _undo(alice, change)
    application.refresh_from_db()
    assert application.status == Status.OFFER
    assert application.outcome.result == Outcome.Result.OFFER


# Archive ------------------------------------------------------------------------------------


def test_undo_of_archiving_restores_the_application(alice):
    application = ApplicationFactory(user=alice)
    change = tracking.application_set_archived(application=application, archived=True)
    assert (change.kind, change.before, change.after) == (UndoKind.ARCHIVE, "0", "1")
    undone = _undo(alice, change)
    application.refresh_from_db()
    assert application.archived is False
    assert undone.message == f"Undone: {application} is back in your list and on the board."


def test_undo_of_unarchiving_archives_it_again(alice):
    application = ApplicationFactory(user=alice, archived=True)
    change = tracking.application_set_archived(application=application, archived=False)
    _undo(alice, change)
    application.refresh_from_db()
    assert application.archived is True


def test_an_archive_undo_replayed_after_archiving_again_is_refused(alice):
    application = ApplicationFactory(user=alice)
    first = tracking.application_set_archived(application=application, archived=True)
    _undo(alice, first)
    tracking.application_set_archived(application=application, archived=True)

    with pytest.raises(undo.UndoRefused, match="has changed since"):
        _undo(alice, first)

    application.refresh_from_db()
    assert application.archived is True


def test_archiving_an_archived_application_is_not_a_change(alice):
    application = ApplicationFactory(user=alice, archived=True)
    assert tracking.application_set_archived(application=application, archived=True) is None


def test_archiving_from_a_stale_page_whose_row_is_already_archived_is_not_a_change(alice):
    application = ApplicationFactory(user=alice)
    stale = Application.objects.get(pk=application.pk)
    tracking.application_set_archived(application=application, archived=True)
    updated_at = Application.objects.get(pk=application.pk).updated_at

    assert tracking.application_set_archived(application=stale, archived=True) is None

    assert Application.objects.get(pk=application.pk).updated_at == updated_at


# A second submit from a stale page (a double click, two tabs, a retry) --------------------


def test_a_status_change_from_a_stale_page_whose_row_already_has_it_records_nothing(alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    stale = Application.objects.get(pk=application.pk)
    assert undo.application_change_status(application=application, status=Status.REJECTED)
    steps = StatusChange.objects.filter(application=application).count()

    assert undo.application_change_status(application=stale, status=Status.REJECTED) is None

    assert StatusChange.objects.filter(application=application).count() == steps
    assert stale.status == Status.REJECTED
    assert application.reflections.count() == 1


def test_no_response_from_a_stale_page_whose_row_already_ended_records_nothing(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    stale = Application.objects.get(pk=application.pk)
    assert undo.application_mark_no_response(application=application)
    steps = StatusChange.objects.filter(application=application).count()

    assert undo.application_mark_no_response(application=stale) is None

    assert StatusChange.objects.filter(application=application).count() == steps
    assert Outcome.objects.filter(application=application).count() == 1


def test_done_from_a_stale_page_whose_row_is_already_done_keeps_the_first_time(alice):
    item = ActionItemFactory(user=alice)
    stale = ActionItem.objects.get(pk=item.pk)
    reflecting.action_item_set_done(action_item=item, done=True)
    done_at = ActionItem.objects.get(pk=item.pk).done_at

    assert reflecting.action_item_set_done(action_item=stale, done=True) is None

    assert ActionItem.objects.get(pk=item.pk).done_at == done_at


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("application_status", {"status": Status.REJECTED}),
        ("application_status", {"status": Status.OFFER}),
        ("application_mark_no_response", {}),
    ],
)
def test_concurrent_double_submits_record_one_change_on_postgresql(url_name, data):
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("SQLite serialises writes, so the race cannot happen there")
    user = UserFactory(username="double-clicker")
    rounds, clients_per_round = 5, 2
    statuses: list[int] = []
    errors: list[BaseException] = []

    def submit(pk: int, barrier: threading.Barrier) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            statuses.append(client.post(reverse(url_name, args=[pk]), data).status_code)
        except BaseException as error:  # reported in the main thread
            errors.append(error)
        finally:
            connection.close()

    for _ in range(rounds):
        application = ApplicationFactory(user=user, status=Status.INTERVIEWING)
        steps_before = application.status_changes.count()
        barrier = threading.Barrier(clients_per_round)
        threads = [
            threading.Thread(target=submit, args=(application.pk, barrier))
            for _ in range(clients_per_round)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert application.status_changes.count() == steps_before + 1
        assert Outcome.objects.filter(application=application).count() == 1

    assert errors == []
    assert statuses == [302] * rounds * clients_per_round


# Done ---------------------------------------------------------------------------------------


def test_undo_of_marking_done_opens_the_item_again(alice):
    item = ActionItemFactory(user=alice)
    change = reflecting.action_item_set_done(action_item=item, done=True)
    assert change.kind == UndoKind.DONE
    undone = _undo(alice, change)
    item.refresh_from_db()
    assert item.done_at is None
    assert undone.message == f"Undone: “{item}” is open again."
    assert undone.action_item == item


def test_undo_of_reopening_puts_back_the_exact_time_it_was_done(alice):
    done_at = timezone.now() - datetime.timedelta(days=3)
    item = ActionItemFactory(user=alice, done_at=done_at)
    change = reflecting.action_item_set_done(action_item=item, done=False)
    _undo(alice, change)
    item.refresh_from_db()
    assert item.done_at == done_at


def test_marking_a_done_item_done_is_not_a_change(alice):
    done_at = timezone.now() - datetime.timedelta(days=3)
    item = ActionItemFactory(user=alice, done_at=done_at)
    assert reflecting.action_item_set_done(action_item=item, done=True) is None
    item.refresh_from_db()
    assert item.done_at == done_at


# Refusals -----------------------------------------------------------------------------------


def test_undo_refuses_another_users_token_and_changes_nothing(alice, bob):
    application = ApplicationFactory(user=alice)
    change = undo.application_mark_no_response(application=application)
    with pytest.raises(undo.UndoRefused, match="not understood"):
        _undo(bob, change)
    application.refresh_from_db()
    assert application.status == Status.NO_RESPONSE


def test_undo_refuses_a_token_naming_another_users_object(alice, bob):
    bobs = ApplicationFactory(user=bob, archived=True)
    forged = Change(UndoKind.ARCHIVE, user_id=alice.pk, object_id=bobs.pk, before="0", after="1")
    with pytest.raises(undo.UndoRefused, match="no longer exists"):
        _undo(alice, forged)
    bobs.refresh_from_db()
    assert bobs.archived is True


def test_undo_refuses_a_token_older_than_ten_minutes(alice):
    item = ActionItemFactory(user=alice)
    with mock.patch("django.core.signing.time.time", return_value=0):
        stale = reflecting.action_item_set_done(action_item=item, done=True).token()
    with pytest.raises(undo.UndoRefused, match="Too late to undo"):
        undo.change_undo(user=alice, token=stale)
    item.refresh_from_db()
    assert item.is_done


def test_undo_accepts_a_token_younger_than_ten_minutes(alice):
    item = ActionItemFactory(user=alice)
    change = reflecting.action_item_set_done(action_item=item, done=True)
    signed_at = timezone.now().timestamp() - MAX_AGE.total_seconds() + 30
    with mock.patch("django.core.signing.time.time", return_value=signed_at):
        token = change.token()
    undo.change_undo(user=alice, token=token)
    item.refresh_from_db()
    assert not item.is_done


def test_undo_refuses_a_tampered_token(alice):
    application = ApplicationFactory(user=alice)
    token = undo.application_mark_no_response(application=application).token()
    with pytest.raises(undo.UndoRefused, match="not understood"):
        undo.change_undo(user=alice, token=token[:-2] + "xx")
    with pytest.raises(undo.UndoRefused, match="not understood"):
        undo.change_undo(user=alice, token=signing.dumps({"kind": "status"}, salt="other"))


def test_undo_refuses_when_the_status_changed_since(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    change = undo.application_change_status(application=application, status=Status.SCREENING)
    undo.application_change_status(application=application, status=Status.INTERVIEWING)
    with pytest.raises(undo.UndoRefused, match="has changed since"):
        _undo(alice, change)
    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING
    assert StatusChange.objects.filter(application=application).count() == 3


def test_undo_refuses_when_the_status_went_away_and_came_back(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    change = undo.application_change_status(application=application, status=Status.SCREENING)
    undo.application_change_status(application=application, status=Status.INTERVIEWING)
    undo.application_change_status(application=application, status=Status.SCREENING)
    with pytest.raises(undo.UndoRefused, match="has changed since"):
        _undo(alice, change)
    application.refresh_from_db()
    assert application.status == Status.SCREENING


def test_undo_refuses_when_the_outcome_was_edited_since(alice):
    application = ApplicationFactory(user=alice)
    change = undo.application_mark_no_response(application=application)
    outcome = Outcome.objects.get(application=application)
    outcome.reason = "They wrote after all: the role was filled"
    outcome.save()
    with pytest.raises(undo.UndoRefused, match="has changed since"):
        _undo(alice, change)
    assert Outcome.objects.get(application=application).reason.startswith("They wrote")


def test_undo_refuses_when_the_item_was_reopened_and_done_again(alice):
    item = ActionItemFactory(user=alice)
    change = reflecting.action_item_set_done(action_item=item, done=True)
    reflecting.action_item_set_done(action_item=item, done=False)
    reflecting.action_item_set_done(action_item=item, done=True)
    with pytest.raises(undo.UndoRefused, match="has changed since"):
        _undo(alice, change)
    item.refresh_from_db()
    assert item.is_done


def test_undoing_twice_changes_nothing_the_second_time(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    change = undo.application_change_status(application=application, status=Status.SCREENING)
    _undo(alice, change)
    again = _undo(alice, change)
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert again.message.startswith("Already undone")
    assert application.status_changes.count() == 1


def test_a_token_reads_back_as_the_change_it_was_made_from(alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    change = undo.application_change_status(application=application, status=Status.OFFER)
    assert change_from_token(change.token()) == change
