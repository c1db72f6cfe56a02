"""workflows/services.py: the writes that reach both domains go through one place each."""

import pytest
from django.urls import reverse

from applications.models import Outcome, Status
from reflections.models import QuestionAsked, Reflection, RequirementCheck
from tests.factories import ApplicationFactory, InterviewFactory
from workflows import services

pytestmark = pytest.mark.django_db


def test_changing_to_rejected_goes_through_rejection_record(alice, monkeypatch):
    calls = []
    original = services.rejection_record

    def spy(**kwargs):
        calls.append(kwargs["application"].pk)
        return original(**kwargs)

    monkeypatch.setattr(services, "rejection_record", spy)
    application = ApplicationFactory(user=alice)
    services.application_change_status(application=application, status=Status.REJECTED)
    services.outcome_record(application=application, result=Outcome.Result.REJECTED)
    assert calls == [application.pk, application.pk]


def test_rejection_record_writes_the_outcome_the_step_and_one_draft(alice):
    application = ApplicationFactory(user=alice, status=Status.INTERVIEWING)
    outcome = services.rejection_record(application=application, reason="Budget")
    services.rejection_record(application=application)
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert outcome.result == Outcome.Result.REJECTED
    assert Outcome.objects.get(application=application).reason == "Budget"
    assert (
        Reflection.objects.filter(
            application=application, trigger=Reflection.Trigger.REJECTION
        ).count()
        == 1
    )


def test_other_endings_open_no_reflection(alice):
    application = ApplicationFactory(user=alice)
    services.application_change_status(application=application, status=Status.WITHDRAWN)
    services.outcome_record(application=application, result=Outcome.Result.NO_RESPONSE)
    assert not Reflection.objects.exists()


def test_requirements_added_on_the_edit_page_join_the_unfinished_reflection(alice_client, alice):
    application = ApplicationFactory(user=alice, requirements="Python", role_title="Dev")
    services.rejection_record(application=application)
    response = alice_client.post(
        reverse("application_edit", args=[application.pk]),
        {
            "company": application.company.name,
            "role_title": "Dev",
            "requirements": "Python\nGo",
            "date_applied": application.date_applied.isoformat(),
            "status": Status.REJECTED,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    checks = RequirementCheck.objects.filter(reflection__application=application)
    assert list(checks.values_list("requirement", flat=True)) == ["Python", "Go"]


def test_a_finished_reflection_keeps_its_requirements(alice):
    application = ApplicationFactory(user=alice, requirements="Python")
    services.rejection_record(application=application)
    reflection = Reflection.objects.get(application=application)
    reflection.finished_at = reflection.created_at
    reflection.save()
    application.requirements = "Python\nGo"
    services.application_update(application=application)
    assert list(reflection.requirement_checks.values_list("requirement", flat=True)) == ["Python"]


def test_the_reflection_page_writes_nothing_on_get(alice_client, alice):
    application = ApplicationFactory(user=alice, requirements="Python")
    services.rejection_record(application=application)
    reflection = Reflection.objects.get(application=application)
    # A requirement written behind the services' back must not be added by reading the page.
    type(application).objects.filter(pk=application.pk).update(requirements="Python\nGo")
    response = alice_client.get(reflection.get_absolute_url())
    assert response.status_code == 200
    assert reflection.requirement_checks.count() == 1


def test_a_debrief_feeds_the_question_bank(alice):
    interview = InterviewFactory(application=ApplicationFactory(user=alice))
    interview.rating = 4
    interview.questions = "Why us?\nTell me about a conflict."
    services.interview_record_debrief(interview=interview)
    asked = QuestionAsked.objects.filter(interview=interview)
    assert sorted(asked.values_list("question__text", flat=True)) == [
        "Tell me about a conflict.",
        "Why us?",
    ]


def test_an_edit_that_fails_to_save_leaves_no_new_company_or_referrer(
    alice_client, alice, monkeypatch
):
    application = ApplicationFactory(user=alice, role_title="Engineer")
    companies_before = alice.companies.count()

    def fail(**kwargs):
        raise RuntimeError("the save failed half-way")

    monkeypatch.setattr(services.reflecting, "requirement_checks_sync_for_application", fail)
    with pytest.raises(RuntimeError):
        services.application_update(
            application=application, company_name="Brand New Co", referrer_name="Nina Newname"
        )

    assert alice.companies.count() == companies_before
    assert not alice.contacts.filter(name="Nina Newname").exists()
    application.refresh_from_db()
    assert application.company.name != "Brand New Co"
