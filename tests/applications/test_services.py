"""The tracking workflows in applications/services.py."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from applications import services
from applications.models import Application, Company, Outcome, Stage, Status, StatusChange
from tests.factories import ApplicationFactory, CompanyFactory, InterviewFactory, OutcomeFactory

pytestmark = pytest.mark.django_db


def steps(application: Application) -> list[tuple[str, str]]:
    return list(application.status_changes.values_list("from_status", "to_status"))


def test_application_create_reuses_a_company_whatever_its_case(alice):
    existing = CompanyFactory(user=alice, name="Acme Corp")
    application = services.application_create(
        user=alice, company_name="  acme   CORP ", role_title="Analyst"
    )
    assert application.company == existing
    assert Company.objects.filter(user=alice).count() == 1


def test_application_create_does_not_reuse_another_users_company(alice, bob):
    CompanyFactory(user=bob, name="Acme")
    application = services.application_create(user=alice, company_name="Acme", role_title="Dev")
    assert application.company.user == alice
    assert Company.objects.filter(name="Acme").count() == 2


def test_application_create_writes_the_first_status_step(alice):
    application = services.application_create(user=alice, company_name="Acme", role_title="Dev")
    assert application.status == Status.APPLIED
    assert application.date_applied == timezone.localdate()
    assert steps(application) == [("", Status.APPLIED)]


def test_company_name_is_unique_per_user_in_the_database(alice):
    CompanyFactory(user=alice, name="Acme")
    with pytest.raises(IntegrityError):
        CompanyFactory(user=alice, name="ACME")


def test_salary_minimum_above_maximum_is_refused_by_the_database(alice):
    with pytest.raises(IntegrityError):
        ApplicationFactory(user=alice, salary_min=90_000, salary_max=50_000)


def test_recording_a_rejection_writes_outcome_and_status_step(alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    InterviewFactory(application=application, stage=Stage.TECHNICAL)
    outcome = services.outcome_record(
        application=application, result=Outcome.Result.REJECTED, reason="Went with another"
    )
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert outcome.result == Outcome.Result.REJECTED
    assert outcome.stage_reached == Stage.TECHNICAL
    assert outcome.reason == "Went with another"
    assert steps(application)[-1] == (Status.INTERVIEWING, Status.REJECTED)


def test_recording_a_rejection_twice_keeps_one_outcome_and_one_step(alice):
    application = ApplicationFactory(user=alice)
    services.outcome_record(application=application, result=Outcome.Result.REJECTED)
    services.outcome_record(
        application=application, result=Outcome.Result.REJECTED, reason="Budget"
    )
    assert Outcome.objects.filter(application=application).count() == 1
    assert Outcome.objects.get(application=application).reason == "Budget"
    assert (
        StatusChange.objects.filter(application=application, to_status=Status.REJECTED).count() == 1
    )


def test_rejection_without_interviews_stopped_at_the_application(alice):
    application = ApplicationFactory(user=alice)
    outcome = services.outcome_record(application=application, result=Outcome.Result.REJECTED)
    assert outcome.stage_reached == Outcome.StageReached.APPLICATION


def test_a_past_decision_dates_its_status_step_that_day(alice):
    application = ApplicationFactory(user=alice)
    decided_on = timezone.localdate() - datetime.timedelta(days=3)
    services.outcome_record(
        application=application, result=Outcome.Result.REJECTED, decided_on=decided_on
    )
    step = application.status_changes.get(to_status=Status.REJECTED)
    assert timezone.localtime(step.changed_at).date() == decided_on


@pytest.mark.parametrize(
    ("status", "result"),
    [
        (Status.REJECTED, Outcome.Result.REJECTED),
        (Status.WITHDRAWN, Outcome.Result.WITHDRAWN),
        (Status.NO_RESPONSE, Outcome.Result.NO_RESPONSE),
        (Status.OFFER, Outcome.Result.OFFER),
    ],
)
def test_changing_to_an_ending_status_records_the_outcome(alice, status, result):
    application = ApplicationFactory(user=alice)
    services.application_change_status(application=application, status=status)
    assert Outcome.objects.get(application=application).result == result
    assert steps(application)[-1] == (Status.APPLIED, status)


def test_reopening_an_ended_application_removes_its_outcome(alice):
    application = ApplicationFactory(user=alice, status=Status.REJECTED)
    OutcomeFactory(application=application)
    services.application_change_status(application=application, status=Status.INTERVIEWING)
    assert not Outcome.objects.filter(application=application).exists()
    assert steps(application)[-1] == (Status.REJECTED, Status.INTERVIEWING)


def test_accepting_an_offer_keeps_the_offer(alice):
    application = ApplicationFactory(user=alice)
    services.application_change_status(application=application, status=Status.OFFER)
    services.application_change_status(application=application, status=Status.ACCEPTED)
    assert Outcome.objects.get(application=application).result == Outcome.Result.OFFER
    assert [to for _, to in steps(application)] == [Status.APPLIED, Status.OFFER, Status.ACCEPTED]


def test_changing_to_the_same_status_writes_nothing(alice):
    application = ApplicationFactory(user=alice)
    services.application_change_status(application=application, status=Status.APPLIED)
    assert len(steps(application)) == 1


@pytest.mark.parametrize(
    ("before", "stage", "after"),
    [
        (Status.APPLIED, Stage.PHONE_SCREEN, Status.SCREENING),
        (Status.APPLIED, Stage.TECHNICAL, Status.INTERVIEWING),
        (Status.SCREENING, Stage.PANEL, Status.INTERVIEWING),
        (Status.INTERVIEWING, Stage.RECRUITER_SCREEN, Status.INTERVIEWING),
        (Status.OFFER, Stage.FINAL, Status.OFFER),
    ],
)
def test_a_scheduled_interview_moves_early_applications_along(alice, before, stage, after):
    application = ApplicationFactory(user=alice, status=before)
    interview = InterviewFactory(application=application, stage=stage)
    services.application_advance_for_interview(interview=interview)
    application.refresh_from_db()
    assert application.status == after


def test_feedback_themes_are_replaced_not_duplicated(alice):
    from tests.factories import FeedbackFactory

    feedback = FeedbackFactory(application=ApplicationFactory(user=alice), themes=["skills"])
    services.feedback_set_themes(feedback=feedback, themes=["skills", "experience"])
    services.feedback_set_themes(feedback=feedback, themes=["experience", "budget"])
    assert sorted(feedback.theme_marks.values_list("theme", flat=True)) == ["budget", "experience"]


def test_mark_no_response_ends_the_application(alice):
    application = ApplicationFactory(user=alice)
    services.application_mark_no_response(application=application)
    application.refresh_from_db()
    assert application.status == Status.NO_RESPONSE
    assert application.outcome.result == Outcome.Result.NO_RESPONSE


def test_a_back_dated_application_starts_its_history_on_the_date_applied(alice):
    applied = timezone.localdate() - datetime.timedelta(days=9)
    application = services.application_create(
        user=alice, company_name="Acme", role_title="Dev", date_applied=applied
    )
    first_step = application.status_changes.get()
    assert timezone.localtime(first_step.changed_at).date() == applied


def test_a_past_interview_dates_the_status_move_when_it_happened(alice):
    application = ApplicationFactory(user=alice)
    held = timezone.now() - datetime.timedelta(days=4)
    interview = InterviewFactory(application=application, stage=Stage.TECHNICAL, scheduled_at=held)
    services.application_advance_for_interview(interview=interview)
    assert application.status_changes.get(to_status=Status.INTERVIEWING).changed_at == held
