"""A rejection starts exactly one draft reflection; sections save one row per item."""

import pytest
from django.db import IntegrityError

from applications.models import Status
from reflections import checklist, services
from reflections.models import Reflection, ReflectionAnswer, RequirementCheck, SectionSave
from reflections.selectors import answer_counts_by_item
from tests.factories import ApplicationFactory, InterviewFactory, ReflectionFactory
from workflows import services as workflow_services

pytestmark = pytest.mark.django_db


def test_recording_a_rejection_creates_a_draft_reflection(alice):
    application = ApplicationFactory(user=alice, requirements="Python\n\nSQL\n  Docker  ")
    workflow_services.rejection_record(application=application)
    reflection = Reflection.objects.get(application=application)
    assert reflection.user == alice
    assert reflection.trigger == Reflection.Trigger.REJECTION
    assert not reflection.is_finished
    assert reflection.checklist_version == checklist.CURRENT_VERSION
    assert list(reflection.requirement_checks.values_list("requirement", flat=True)) == [
        "Python",
        "SQL",
        "Docker",
    ]


def test_recording_a_rejection_twice_keeps_exactly_one_reflection(alice):
    application = ApplicationFactory(user=alice)
    workflow_services.rejection_record(application=application)
    workflow_services.rejection_record(application=application, reason="Budget")
    workflow_services.application_change_status(application=application, status=Status.REJECTED)
    assert Reflection.objects.filter(application=application).count() == 1


def test_the_database_refuses_a_second_rejection_reflection(alice):
    reflection = ReflectionFactory(application=ApplicationFactory(user=alice))
    with pytest.raises(IntegrityError):
        Reflection.objects.create(
            user=alice, application=reflection.application, trigger=Reflection.Trigger.REJECTION
        )


def test_reflections_from_interviews_are_one_per_interview(alice):
    interview = InterviewFactory(application=ApplicationFactory(user=alice))
    first = services.reflection_start_for_interview(interview=interview)
    second = services.reflection_start_for_interview(interview=interview)
    assert first == second
    assert first.trigger == Reflection.Trigger.INTERVIEW


def test_saving_a_section_stores_one_row_per_item(alice):
    # Version 1's fit section (version 2 moved "matched needs" outside your control).
    reflection = ReflectionFactory(application=ApplicationFactory(user=alice), checklist_version=1)
    services.reflection_save_section(
        reflection=reflection,
        section_key="fit",
        answers={
            "fit_really_wanted": 4,
            "fit_culture_concerns": "  Long hours  ",
            "fit_interest_came_across": "needs_work",
            "fit_matched_needs": "",
        },
    )
    answers = {a.item_key: a for a in reflection.answers.all()}
    assert set(answers) == {item.key for item in checklist.section_by_key("fit", 1).items}
    assert answers["fit_really_wanted"].rating == 4
    assert answers["fit_culture_concerns"].text == "Long hours"
    assert answers["fit_interest_came_across"].choice == "needs_work"
    assert answers["fit_matched_needs"].choice == ""
    assert SectionSave.objects.filter(reflection=reflection, section_key="fit").count() == 1


def test_saving_a_section_again_updates_the_same_rows(alice):
    reflection = ReflectionFactory(application=ApplicationFactory(user=alice))
    for choice in ("needs_work", "went_well"):
        services.reflection_save_section(
            reflection=reflection,
            section_key="preparation",
            answers={"prep_company_research": choice},
        )
    answer = ReflectionAnswer.objects.get(reflection=reflection, item_key="prep_company_research")
    assert answer.choice == "went_well"
    assert reflection.answers.count() == len(checklist.section_by_key("preparation").items)
    assert reflection.section_saves.count() == 1


def test_requirement_verdicts_are_saved_per_requirement(alice):
    application = ApplicationFactory(user=alice, requirements="Python\nKubernetes")
    reflection = services.reflection_draft_for_rejection(application=application)
    python, kubernetes = reflection.requirement_checks.all()
    services.reflection_save_section(
        reflection=reflection,
        section_key="qualifications",
        requirement_verdicts={python.pk: "met", kubernetes.pk: "missing"},
    )
    assert dict(reflection.requirement_checks.values_list("requirement", "verdict")) == {
        "Python": "met",
        "Kubernetes": "missing",
    }
    titles = [s.title for s in services.action_item_suggestions(reflection)]
    assert "Find a course or a project that covers “Kubernetes”" in titles
    assert not any("Python" in title for title in titles)


def test_requirements_added_later_join_an_unfinished_reflection(alice):
    application = ApplicationFactory(user=alice, requirements="Python")
    reflection = services.reflection_draft_for_rejection(application=application)
    application.requirements = "Python\nGo"
    application.save()
    services.requirement_checks_sync(reflection=reflection)
    services.requirement_checks_sync(reflection=reflection)
    assert list(reflection.requirement_checks.values_list("requirement", flat=True)) == [
        "Python",
        "Go",
    ]
    assert RequirementCheck.objects.count() == 2


def test_answers_aggregate_per_item_in_a_fixed_number_of_queries(
    alice, bob, django_assert_num_queries
):
    for choice in ("needs_work", "needs_work", "went_well"):
        reflection = ReflectionFactory(application=ApplicationFactory(user=alice))
        services.reflection_save_section(
            reflection=reflection,
            section_key="performance",
            answers={"perf_confidence": choice},
        )
    other = ReflectionFactory(application=ApplicationFactory(user=bob))
    services.reflection_save_section(
        reflection=other, section_key="performance", answers={"perf_confidence": "needs_work"}
    )
    # The choices in one; the feedback steps (recorded feedback counts) in four more.
    with django_assert_num_queries(5):
        counts = answer_counts_by_item(alice)
    assert counts["perf_confidence"] == {"needs_work": 2, "went_well": 1}


def test_suggestions_skip_action_items_already_added(alice):
    reflection = ReflectionFactory(application=ApplicationFactory(user=alice))
    services.reflection_save_section(
        reflection=reflection,
        section_key="performance",
        answers={
            "perf_struggled_questions": "Why should we hire you?\n",
            "perf_confidence": "needs_work",
        },
    )
    # Version 2: real sentences, not "Practise answering: …" and "Work on: …".
    practise = "Practise your answer to “Why should we hire you?” with a friend or colleague"
    suggestions = [s.title for s in services.action_item_suggestions(reflection)]
    assert practise in suggestions
    assert "Practise your answers out loud with a friend or colleague" in suggestions
    services.action_item_create(user=alice, title=practise.lower(), reflection=reflection)
    titles = [s.title for s in services.action_item_suggestions(reflection)]
    assert practise not in titles


def test_deleting_the_account_removes_every_row_the_user_owns(alice_client, alice, bob):
    from django.urls import reverse

    from applications.models import Application, Company, Feedback, Interview, Outcome
    from reflections.models import ActionItem, Question
    from tests.factories import DEFAULT_PASSWORD, FeedbackFactory

    for user in (alice, bob):
        application = ApplicationFactory(user=user, requirements="SQL")
        interview = InterviewFactory(application=application, questions="Why us?")
        FeedbackFactory(application=application, themes=["skills"])
        workflow_services.rejection_record(application=application)
        services.questions_record_from_interview(interview=interview)
        services.action_item_create(user=user, title="Learn SQL")
    response = alice_client.post(
        reverse("delete_account"), {"password": DEFAULT_PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    for model in (
        Company,
        Application,
        Interview,
        Outcome,
        Feedback,
        Reflection,
        ActionItem,
        Question,
    ):
        assert model.objects.count() == 1, model.__name__
    assert Application.objects.get().user == bob


def test_requirements_are_taken_once_whatever_their_case(alice):
    application = ApplicationFactory(user=alice, requirements="Python\npython\n  SQL ")
    reflection = services.reflection_draft_for_rejection(application=application)
    application.requirements = "Python\nsql\nGo\nGO"
    application.save()
    services.requirement_checks_sync(reflection=reflection)
    assert list(reflection.requirement_checks.values_list("requirement", flat=True)) == [
        "Python",
        "SQL",
        "Go",
    ]
