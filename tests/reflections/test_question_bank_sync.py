"""Debriefs and reflections keep the question bank in step: one question, one row per time asked."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from reflections import services
from reflections.models import Question, QuestionAsked
from reflections.selectors import question_bank
from tests.factories import ApplicationFactory, InterviewFactory, ReflectionFactory

pytestmark = pytest.mark.django_db

THREE_QUESTIONS = (
    "Tell me about a time you disagreed with your manager.\n"
    "\n"
    "How would you design a URL shortener?\n"
    "  Why do you want to work here?  \n"
)


def _interview(user, questions: str):
    return InterviewFactory(application=ApplicationFactory(user=user), questions=questions)


def test_each_line_of_a_debrief_becomes_a_question_asked_once(alice):
    interview = _interview(alice, THREE_QUESTIONS)
    services.questions_record_from_interview(interview=interview)
    assert sorted(Question.objects.filter(user=alice).values_list("text", flat=True)) == [
        "How would you design a URL shortener?",
        "Tell me about a time you disagreed with your manager.",
        "Why do you want to work here?",
    ]
    assert QuestionAsked.objects.filter(interview=interview).count() == 3


def test_new_questions_get_a_guessed_category(alice):
    services.questions_record_from_interview(interview=_interview(alice, THREE_QUESTIONS))
    categories = dict(Question.objects.values_list("text", "category"))
    assert categories["How would you design a URL shortener?"] == Question.Category.TECHNICAL
    assert categories["Why do you want to work here?"] == Question.Category.MOTIVATIONAL


def test_saving_the_debrief_again_duplicates_nothing(alice):
    interview = _interview(alice, THREE_QUESTIONS)
    services.questions_record_from_interview(interview=interview)
    services.questions_record_from_interview(interview=interview)
    assert Question.objects.filter(user=alice).count() == 3
    assert QuestionAsked.objects.filter(interview=interview).count() == 3


def test_the_same_question_in_another_interview_counts_twice(alice):
    first = _interview(alice, "Why do you want to work here?")
    second = _interview(alice, "  why do you   WANT to work here?")
    services.questions_record_from_interview(interview=first)
    services.questions_record_from_interview(interview=second)
    question = Question.objects.get(user=alice)
    assert question.text == "Why do you want to work here?"
    assert question.times_asked.count() == 2


def test_removing_a_line_removes_that_time_asked(alice):
    interview = _interview(alice, THREE_QUESTIONS)
    services.questions_record_from_interview(interview=interview)
    interview.questions = "How would you design a URL shortener?\nWhy do you want to work here?"
    interview.save()
    services.questions_record_from_interview(interview=interview)
    asked = QuestionAsked.objects.filter(interview=interview)
    assert sorted(asked.values_list("question__text", flat=True)) == [
        "How would you design a URL shortener?",
        "Why do you want to work here?",
    ]


def test_another_users_identical_question_stays_separate(alice, bob):
    services.questions_record_from_interview(interview=_interview(alice, "Why us?"))
    services.questions_record_from_interview(interview=_interview(bob, "Why us?"))
    alice_question = Question.objects.get(user=alice)
    bob_question = Question.objects.get(user=bob)
    assert alice_question != bob_question
    assert alice_question.times_asked.count() == 1
    assert bob_question.times_asked.count() == 1


def test_an_existing_question_keeps_its_practice_when_asked_again(alice):
    question = Question.objects.create(
        user=alice, text="Why us?", category=Question.Category.COMPANY, confidence=4
    )
    services.questions_record_from_interview(interview=_interview(alice, "WHY US?"))
    question.refresh_from_db()
    assert (question.category, question.confidence) == (Question.Category.COMPANY, 4)
    assert question.times_asked.count() == 1


def _save_performance(reflection, struggled: str) -> None:
    services.reflection_save_section(
        reflection=reflection,
        section_key="performance",
        answers={"perf_common_questions": "needs_work", "perf_struggled_questions": struggled},
    )


def test_questions_struggled_with_in_a_reflection_join_the_bank(alice):
    reflection = ReflectionFactory(application=ApplicationFactory(user=alice))
    _save_performance(reflection, "Explain a hash map.\n\nWhat is your biggest weakness?\n")
    assert sorted(Question.objects.filter(user=alice).values_list("text", flat=True)) == [
        "Explain a hash map.",
        "What is your biggest weakness?",
    ]
    assert QuestionAsked.objects.filter(reflection=reflection).count() == 2


def test_a_reflection_and_a_debrief_share_one_question(alice):
    interview = _interview(alice, "What is your biggest weakness?")
    services.questions_record_from_interview(interview=interview)
    reflection = ReflectionFactory(application=interview.application)
    _save_performance(reflection, "what is your biggest weakness?")
    _save_performance(reflection, "what is your biggest weakness?")
    question = Question.objects.get(user=alice)
    assert question.times_asked.count() == 2


def test_clearing_the_struggled_questions_removes_their_times_asked(alice):
    reflection = ReflectionFactory(application=ApplicationFactory(user=alice))
    _save_performance(reflection, "Explain a hash map.")
    _save_performance(reflection, "")
    assert not QuestionAsked.objects.filter(reflection=reflection).exists()
    # The question itself stays: its answer draft and confidence are the user's work.
    assert Question.objects.filter(user=alice, text="Explain a hash map.").exists()


def test_a_question_created_meanwhile_is_taken_not_a_server_error(alice):
    """Race-safe like company_get_or_create: the check finds nothing (another request has not
    committed yet), the insert meets the unique constraint, and the existing row is used."""
    from unittest import mock

    from reflections import services as reflection_services
    from reflections.models import Question

    existing = Question.objects.create(user=alice, text="Why us?")
    real_filter = Question.objects.filter
    calls = iter([Question.objects.none()])
    with mock.patch.object(
        Question.objects,
        "filter",
        side_effect=lambda *args, **kwargs: next(calls, real_filter(*args, **kwargs)),
    ):
        question = reflection_services._question_for_text(alice, "WHY   us?")
    assert question == existing
    assert Question.objects.filter(user=alice).count() == 1


# Asked N times counts interviews, not records --------------------------------------------------


def _asked_count(user, text: str) -> int:
    return question_bank(user).get(text__iexact=text).asked_count


def test_asked_in_an_interview_and_named_in_its_rejection_reflection_counts_once(alice):
    interview = _interview(alice, "What is your biggest weakness?")
    services.questions_record_from_interview(interview=interview)
    reflection = ReflectionFactory(application=interview.application)
    _save_performance(reflection, "what is your biggest weakness?")
    assert QuestionAsked.objects.count() == 2  # two records ...
    assert _asked_count(alice, "What is your biggest weakness?") == 1  # ... of one interview


def test_asked_in_an_interview_and_named_in_that_interviews_reflection_counts_once(alice):
    interview = _interview(alice, "Explain a hash map.")
    services.questions_record_from_interview(interview=interview)
    reflection = services.reflection_start_for_interview(interview=interview)
    _save_performance(reflection, "Explain a hash map.")
    assert _asked_count(alice, "Explain a hash map.") == 1


def test_asked_in_two_interviews_and_named_in_a_reflection_counts_twice(alice):
    application = ApplicationFactory(user=alice)
    for _ in range(2):
        interview = InterviewFactory(application=application, questions="Explain a hash map.")
        services.questions_record_from_interview(interview=interview)
    _save_performance(ReflectionFactory(application=application), "Explain a hash map.")
    assert _asked_count(alice, "Explain a hash map.") == 2


def test_a_reflection_on_another_interview_of_the_application_counts_that_interview(alice):
    """The debrief of the first interview lists it; the reflection on the second names it:
    two interviews asked it, even though the second debrief left it out."""
    application = ApplicationFactory(user=alice)
    first = InterviewFactory(application=application, questions="Explain a hash map.")
    services.questions_record_from_interview(interview=first)
    second = InterviewFactory(application=application)
    _save_performance(
        services.reflection_start_for_interview(interview=second), "Explain a hash map."
    )
    assert _asked_count(alice, "Explain a hash map.") == 2


def test_named_in_an_interview_reflection_and_the_rejection_reflection_counts_once(alice):
    interview = _interview(alice, "")
    _save_performance(
        services.reflection_start_for_interview(interview=interview), "Explain a hash map."
    )
    _save_performance(ReflectionFactory(application=interview.application), "Explain a hash map.")
    assert _asked_count(alice, "Explain a hash map.") == 1


def test_named_only_in_reflections_of_two_applications_counts_twice(alice):
    for _ in range(2):
        _save_performance(
            ReflectionFactory(application=ApplicationFactory(user=alice)), "Explain a hash map."
        )
    assert _asked_count(alice, "Explain a hash map.") == 2


def test_the_list_says_asked_once_for_a_debrief_and_its_reflection(alice_client, alice):
    interview = _interview(alice, "What is your biggest weakness?")
    services.questions_record_from_interview(interview=interview)
    _save_performance(
        ReflectionFactory(application=interview.application), "What is your biggest weakness?"
    )
    html = alice_client.get(reverse("question_list")).content.decode()
    assert "Asked 1 time<" in html
    assert "Asked 2 times" not in html


def test_the_delete_confirmation_counts_interviews_too(alice_client, alice):
    interview = _interview(alice, "What is your biggest weakness?")
    services.questions_record_from_interview(interview=interview)
    _save_performance(
        ReflectionFactory(application=interview.application), "What is your biggest weakness?"
    )
    question = Question.objects.get(user=alice)
    html = alice_client.get(reverse("question_delete", args=[question.pk])).content.decode()
    assert "its count of 1 time asked" in html


# The guessed category: only when the wording makes it plain -------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Tell me about a time you disagreed with your manager.", "behavioural"),
        ("Describe a situation where you missed a deadline.", "behavioural"),
        ("Can you give me an example of a time you led a project?", "behavioural"),
        ("Tell me about a time you negotiated your salary.", "behavioural"),
        ("Why do you want to work here?", "motivational"),
        ("Where do you see yourself in five years?", "motivational"),
        ("What do you know about our company?", "company"),
        ("How would you design a URL shortener?", "technical"),
        ("Write a SQL query for the top 3 customers.", "technical"),
        ("What is the time complexity of binary search?", "technical"),
        # Pay and terms have no category: blank, not "Behavioural".
        ("What are your salary expectations?", ""),
        ("What is your notice period?", ""),
        ("When can you start?", ""),
        # Nothing telling: blank for the user to choose.
        ("What is your biggest weakness?", ""),
        ("How do you handle a challenge?", ""),
        ("Do you have any questions for us?", ""),
        ("Which graphic design tools do you like?", ""),
    ],
)
def test_guess_category_guesses_only_on_a_clear_wording(text, category):
    assert services.guess_category(text) == category


def test_a_salary_question_from_a_debrief_joins_the_bank_without_a_category(alice):
    services.questions_record_from_interview(
        interview=_interview(alice, "What are your salary expectations?")
    )
    question = Question.objects.get(user=alice)
    assert question.category == ""
    assert question.get_category_display() == ""


@pytest.mark.django_db(transaction=True)
def test_times_asked_recorded_before_they_had_a_time_take_their_reflections_or_interviews():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate([("reflections", "0003_question_category_may_be_blank")])
    try:
        old_apps = executor.loader.project_state(
            [("reflections", "0003_question_category_may_be_blank")]
        ).apps
        OldQuestionAsked = old_apps.get_model("reflections", "QuestionAsked")
        user = ApplicationFactory().user
        question = Question.objects.create(user=user, text="Why us?")
        reflection = ReflectionFactory(application=ApplicationFactory(user=user))
        began = timezone.now() - datetime.timedelta(days=20)
        type(reflection).objects.filter(pk=reflection.pk).update(created_at=began)
        interview = InterviewFactory(
            application=reflection.application,
            scheduled_at=timezone.now() - datetime.timedelta(days=30),
        )
        struggled = OldQuestionAsked.objects.create(
            question_id=question.pk, reflection_id=reflection.pk
        )
        asked = OldQuestionAsked.objects.create(question_id=question.pk, interview_id=interview.pk)

        executor = MigrationExecutor(connection)
        executor.migrate([("reflections", "0004_question_asked_created_at")])

        times = dict(
            QuestionAsked.objects.filter(pk__in=[struggled.pk, asked.pk]).values_list(
                "pk", "created_at"
            )
        )
        assert times == {struggled.pk: began, asked.pk: interview.scheduled_at}
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
