"""The question bank views: the list, adding and editing, practising by confidence, deleting."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reflections import services
from reflections.models import ActionItem, Question, QuestionAsked, Reflection
from tests.factories import (
    ActionItemFactory,
    ApplicationFactory,
    InterviewFactory,
    QuestionFactory,
    ReflectionFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("question_list")
PRACTICE_URL = reverse("question_practice")
HTMX = {"HX-Request": "true"}


def _asked(question: Question, times: int = 1) -> Question:
    """Record the question as asked in `times` interviews of its owner."""
    application = ApplicationFactory(user=question.user)
    for _ in range(times):
        QuestionAsked.objects.create(
            question=question, interview=InterviewFactory(application=application)
        )
    return question


def _struggled_with(question: Question, *, days_ago: int = 0) -> Question:
    """Record the question as named a struggle `days_ago`, in a reflection begun then."""
    reflection = ReflectionFactory(application=ApplicationFactory(user=question.user))
    Reflection.objects.filter(pk=reflection.pk).update(created_at=_ago(days=days_ago))
    QuestionAsked.objects.create(
        question=question, reflection=reflection, created_at=_ago(days=days_ago)
    )
    return question


def _texts(response) -> list[str]:
    return [question.text for question in response.context["page_obj"]]


def _ago(**kwargs) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**kwargs)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The list ------------------------------------------------------------------------------------


def test_list_shows_how_many_times_each_question_was_asked(alice_client, alice):
    for _ in range(2):
        interview = InterviewFactory(
            application=ApplicationFactory(user=alice), questions="Why do you want this job?"
        )
        services.questions_record_from_interview(interview=interview)
    response = alice_client.get(LIST_URL)
    assert response.status_code == 200
    [question] = response.context["page_obj"]
    assert question.asked_count == 2
    assert "Asked 2 times" in response.content.decode()


def test_list_shows_only_the_users_questions(alice_client, alice, bob):
    QuestionFactory(user=alice, text="Mine?")
    QuestionFactory(user=bob, text="Bob's secret question?")
    response = alice_client.get(LIST_URL)
    assert _texts(response) == ["Mine?"]
    assert "secret" not in response.content.decode()


def test_list_shows_confidence_draft_and_last_practice(alice_client, alice):
    QuestionFactory(
        user=alice,
        text="Rated?",
        confidence=3,
        last_practised_at=_ago(days=2),
        answer_draft="I led the migration to Postgres.",
    )
    QuestionFactory(user=alice, text="Unrated?")
    html = alice_client.get(LIST_URL).content.decode()
    assert "Confidence: 3/5" in html
    assert "Confidence: not rated" in html
    assert "Last practised: never" in html
    assert "2\xa0days ago" in html
    assert "I led the migration to Postgres." in html


def test_list_filters_by_category(alice_client, alice):
    QuestionFactory(user=alice, text="Design a cache.", category=Question.Category.TECHNICAL)
    QuestionFactory(user=alice, text="Tell me about a conflict.")
    response = alice_client.get(LIST_URL, {"category": "technical"})
    assert _texts(response) == ["Design a cache."]


def test_list_search_matches_the_question_and_the_answer_draft(alice_client, alice):
    QuestionFactory(user=alice, text="Design a CACHE.")
    QuestionFactory(user=alice, text="Scaling?", answer_draft="Add a cache in front.")
    QuestionFactory(user=alice, text="Why us?")
    response = alice_client.get(LIST_URL, {"q": "cache"})
    assert sorted(_texts(response)) == ["Design a CACHE.", "Scaling?"]


def test_list_puts_the_least_ready_first_by_default(alice_client, alice):
    QuestionFactory(user=alice, text="Confident", confidence=5, last_practised_at=_ago(days=9))
    QuestionFactory(user=alice, text="Shaky", confidence=2, last_practised_at=_ago(days=1))
    QuestionFactory(
        user=alice, text="Shaky, long ago", confidence=2, last_practised_at=_ago(days=5)
    )
    QuestionFactory(user=alice, text="Unrated")
    _struggled_with(QuestionFactory(user=alice, text="Struggled", confidence=4))
    assert _texts(alice_client.get(LIST_URL)) == [
        "Struggled",
        "Shaky, long ago",
        "Shaky",
        "Unrated",
        "Confident",
    ]
    assert "You struggled with it" in alice_client.get(LIST_URL).content.decode()


def test_list_sorts_by_most_asked_recent_practice_and_text(alice_client, alice):
    _asked(QuestionFactory(user=alice, text="b once"), 1)
    _asked(QuestionFactory(user=alice, text="C twice", last_practised_at=_ago(days=3)), 2)
    QuestionFactory(user=alice, text="a never", last_practised_at=_ago(hours=1))
    assert _texts(alice_client.get(LIST_URL, {"sort": "asked"})) == ["C twice", "b once", "a never"]
    assert _texts(alice_client.get(LIST_URL, {"sort": "practised"})) == [
        "a never",
        "C twice",
        "b once",
    ]
    assert _texts(alice_client.get(LIST_URL, {"sort": "text"})) == ["a never", "b once", "C twice"]


def test_list_ignores_invalid_filters(alice_client, alice):
    QuestionFactory(user=alice, text="Still listed?")
    response = alice_client.get(LIST_URL, {"category": "bogus", "sort": "nope", "page": "x"})
    assert response.status_code == 200
    assert _texts(response) == ["Still listed?"]


def test_list_paginates_25_per_page(alice_client, alice):
    for n in range(30):
        QuestionFactory(user=alice, text=f"Question {n:02}?")
    first = alice_client.get(LIST_URL, {"sort": "text"})
    assert len(first.context["page_obj"]) == 25
    assert "?sort=text&amp;page=2" in first.content.decode()
    second = alice_client.get(LIST_URL, {"sort": "text", "page": 2})
    assert _texts(second) == [f"Question {n}?" for n in range(25, 30)]


def test_empty_bank_explains_where_questions_come_from(alice_client):
    html = alice_client.get(LIST_URL).content.decode()
    assert "Your question bank is empty" in html
    assert "questions you were asked" in html
    assert "questions you struggled with" in html
    assert f'href="{reverse("question_create")}"' in html


def test_no_match_is_not_the_empty_state(alice_client, alice):
    QuestionFactory(user=alice, text="Why us?")
    html = alice_client.get(LIST_URL, {"q": "zzz"}).content.decode()
    assert "No questions match these filters" in html
    assert "Your question bank is empty" not in html


def test_htmx_filtering_gets_only_the_results_fragment(alice_client, alice):
    QuestionFactory(user=alice, text="Why us?")
    response = alice_client.get(LIST_URL, {"q": "why"}, headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html
    assert "Why us?" in html
    assert "HX-Request" in response["Vary"]


def test_list_has_named_confidence_buttons(alice_client, alice):
    QuestionFactory(user=alice, text="Why us?")
    html = alice_client.get(LIST_URL).content.decode()
    for n in range(1, 6):
        assert f'aria-label="Confidence {n} of 5"' in html


def _query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _questions_asked_in_interviews(user, count: int) -> None:
    """`count` questions, each asked in one, two or three of a few interviews."""
    application = ApplicationFactory(user=user)
    interviews = [InterviewFactory(application=application) for _ in range(3)]
    questions = QuestionFactory.create_batch(count, user=user)
    QuestionAsked.objects.bulk_create(
        [
            QuestionAsked(question=question, interview=interview)
            for n, question in enumerate(questions)
            for interview in interviews[: n % 3 + 1]
        ]
    )


@pytest.mark.parametrize("url", [LIST_URL, PRACTICE_URL])
def test_queries_do_not_grow_with_the_number_of_questions(
    alice_client, alice, django_assert_num_queries, url
):
    _questions_asked_in_interviews(alice, 5)
    few = _query_count(alice_client, url)
    _questions_asked_in_interviews(alice, 55)
    with django_assert_num_queries(few):
        alice_client.get(url)


# Adding and editing -------------------------------------------------------------------------


def test_create_adds_the_question_for_the_user(alice_client, alice):
    response = alice_client.post(
        reverse("question_create"),
        {"text": "  Why   should we hire you? ", "category": "motivational", "answer_draft": ""},
    )
    assert response.status_code == 302
    assert response.url == LIST_URL
    question = Question.objects.get(user=alice)
    assert (question.text, question.category, question.confidence) == (
        "Why should we hire you?",
        "motivational",
        None,
    )


def test_create_refuses_a_duplicate_in_another_case(alice_client, alice):
    QuestionFactory(user=alice, text="Why us?")
    response = alice_client.post(
        reverse("question_create"), {"text": "WHY  US?", "category": "company"}
    )
    assert response.status_code == 200
    assert "already in your bank" in response.content.decode()
    assert Question.objects.filter(user=alice).count() == 1


def test_create_allows_a_question_another_user_has(alice_client, alice, bob):
    QuestionFactory(user=bob, text="Why us?")
    response = alice_client.post(
        reverse("question_create"), {"text": "Why us?", "category": "company"}
    )
    assert response.status_code == 302
    assert Question.objects.filter(user=alice, text="Why us?").exists()


def test_edit_in_place_gets_a_form_fragment(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    response = alice_client.get(reverse("question_edit", args=[question.pk]), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<article class="card mb-2" id="question-{question.pk}"')
    assert f'hx-post="{reverse("question_edit", args=[question.pk])}"' in html
    assert f'id="id_question{question.pk}_text"' in html
    assert "HX-Request" in response["Vary"]


def test_edit_in_place_post_returns_the_updated_card(alice_client, alice):
    question = _asked(QuestionFactory(user=alice, text="Why us?"), 2)
    response = alice_client.post(
        reverse("question_edit", args=[question.pk]),
        {
            "text": "Why us, really?",
            "category": "company",
            "answer_draft": "Your mission.",
            "confidence": "4",
        },
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith(f'<article class="card" id="question-{question.pk}"')
    assert "Why us, really?" in html and "Asked 2 times" in html and "Confidence: 4/5" in html
    question.refresh_from_db()
    assert (question.text, question.answer_draft, question.confidence) == (
        "Why us, really?",
        "Your mission.",
        4,
    )


def test_edit_in_place_with_errors_returns_the_form_with_status_200(alice_client, alice):
    QuestionFactory(user=alice, text="Why this role?")
    question = QuestionFactory(user=alice, text="Why us?")
    response = alice_client.post(
        reverse("question_edit", args=[question.pk]),
        {"text": "why THIS role?", "category": "company"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "already in your bank" in html
    assert "<form" in html
    question.refresh_from_db()
    assert question.text == "Why us?"


def test_edit_in_place_cancel_returns_the_card(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    response = alice_client.get(
        reverse("question_edit", args=[question.pk]), {"cancel": "1"}, headers=HTMX
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<article class="card" id="question-{question.pk}"')
    assert "<form" in html  # the confidence buttons, not the edit form
    assert "id_question" not in html


def test_edit_without_javascript_is_a_full_page_that_redirects(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    url = reverse("question_edit", args=[question.pk])
    page = alice_client.get(url)
    assert "<html" in page.content.decode()
    assert "hx-post" not in page.content.decode().split("<main", 1)[1].split("</form>")[0]
    response = alice_client.post(url, {"text": "Why us?", "category": "company"})
    assert response.status_code == 302
    assert response.url == LIST_URL
    question.refresh_from_db()
    assert question.category == "company"


def test_edit_refuses_the_text_of_another_of_your_questions(alice_client, alice):
    QuestionFactory(user=alice, text="Why this role?")
    question = QuestionFactory(user=alice, text="Why us?")
    response = alice_client.post(
        reverse("question_edit", args=[question.pk]),
        {"text": "WHY this role?", "category": "company"},
    )
    assert response.status_code == 200
    assert "already in your bank" in response.content.decode()


# Practice ------------------------------------------------------------------------------------


def test_practice_serves_the_lowest_rated_question_before_unrated_ones(alice_client, alice):
    QuestionFactory(user=alice, text="Confident", confidence=5)
    QuestionFactory(user=alice, text="Unrated, practised", last_practised_at=_ago(days=1))
    QuestionFactory(user=alice, text="Shaky", confidence=1, last_practised_at=_ago(days=30))
    QuestionFactory(user=alice, text="Unrated, never practised")
    response = alice_client.get(PRACTICE_URL)
    assert response.status_code == 200
    assert response.context["question"].text == "Shaky"
    html = response.content.decode()
    for n in range(1, 6):
        assert f'aria-label="Confidence {n} of 5"' in html


def _practice_round(client) -> list[str]:
    """The texts practice serves, one after another, skipping each."""
    served: list[str] = []
    seen: list[str] = []
    while (question := client.get(PRACTICE_URL, {"seen": seen}).context["question"]) is not None:
        served.append(question.text)
        seen.append(str(question.pk))
    return served


def test_practice_goes_flagged_then_not_confident_then_never_rated_then_confident(
    alice_client, alice
):
    QuestionFactory(user=alice, text="Rated 4", confidence=4, last_practised_at=_ago(days=3))
    QuestionFactory(user=alice, text="Rated 2", confidence=2, last_practised_at=_ago(days=3))
    QuestionFactory(
        user=alice, text="Rated 2, longer ago", confidence=2, last_practised_at=_ago(days=8)
    )
    QuestionFactory(user=alice, text="Never practised")
    # Struggled with in a reflection after its last practice: flagged, first despite its 5.
    _struggled_with(
        QuestionFactory(user=alice, text="Flagged", confidence=5, last_practised_at=_ago(days=9)),
        days_ago=2,
    )
    # Struggled with, then practised since: no longer flagged, back to its rating.
    _struggled_with(
        QuestionFactory(
            user=alice, text="Practised since", confidence=3, last_practised_at=_ago(days=1)
        ),
        days_ago=2,
    )
    # Another user's flagged question never shows.
    _struggled_with(QuestionFactory(text="Bob's flagged"))
    assert _practice_round(alice_client) == [
        "Flagged",
        "Rated 2, longer ago",
        "Rated 2",
        "Never practised",
        "Practised since",
        "Rated 4",
    ]


def test_a_struggled_with_question_never_practised_is_flagged(alice_client, alice):
    QuestionFactory(user=alice, text="Rated 1", confidence=1, last_practised_at=_ago(days=1))
    _struggled_with(QuestionFactory(user=alice, text="From my reflection"), days_ago=5)
    response = alice_client.get(PRACTICE_URL)
    assert response.context["question"].text == "From my reflection"
    assert "You struggled with it" in response.content.decode()


def test_a_struggle_written_after_practising_flags_a_question_from_an_older_reflection(
    alice_client, alice
):
    """Monday the reflection begins; Tuesday the question is practised; Wednesday the struggle
    is written into that reflection: it is flagged, though the reflection began before."""
    monday, tuesday = _ago(days=2), _ago(days=1)
    QuestionFactory(user=alice, text="Rated 1", confidence=1, last_practised_at=_ago(days=5))
    reflection = services.reflection_draft_for_rejection(application=ApplicationFactory(user=alice))
    Reflection.objects.filter(pk=reflection.pk).update(created_at=monday)
    question = QuestionFactory(
        user=alice, text="Tell me about a conflict", confidence=5, last_practised_at=tuesday
    )

    services.reflection_save_section(
        reflection=reflection,
        section_key="performance",
        answers={"perf_struggled_questions": "Tell me about a conflict"},
        item_keys=["perf_struggled_questions"],
    )

    asked = QuestionAsked.objects.get(question=question, reflection=reflection)
    assert asked.created_at > tuesday
    response = alice_client.get(PRACTICE_URL)
    assert response.context["question"].text == "Tell me about a conflict"
    assert "You struggled with it" in response.content.decode()


def test_a_question_without_a_category_shows_no_category_badge(alice_client, alice):
    QuestionFactory(user=alice, text="What are your salary expectations?", category="")
    html = alice_client.get(PRACTICE_URL).content.decode()
    assert "What are your salary expectations?" in html
    assert 'badge text-bg-secondary"></span>' not in html
    assert "Behavioural" not in html


def test_practice_breaks_ties_with_the_oldest_question(alice_client, alice):
    QuestionFactory(user=alice, text="A newer one")
    older = QuestionFactory(user=alice, text="An older one")
    Question.objects.filter(pk=older.pk).update(created_at=_ago(days=3))
    assert alice_client.get(PRACTICE_URL).context["question"] == older


def test_practice_never_serves_another_users_question(alice_client, alice, bob):
    QuestionFactory(user=bob, text="Bob's question?")
    response = alice_client.get(PRACTICE_URL)
    assert response.context["question"] is None
    assert "Nothing to practise yet" in response.content.decode()


def test_rating_from_practice_saves_and_serves_the_next_question(alice_client, alice):
    first = QuestionFactory(user=alice, text="First question?")
    QuestionFactory(user=alice, text="Second question?", confidence=3)
    response = alice_client.post(
        reverse("question_confidence", args=[first.pk]),
        {"confidence": "2", "next": "practice"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="practice-card"')
    assert response.context["question"].text == "Second question?"
    assert "Saved: “First question?” at 2/5." in html
    first.refresh_from_db()
    assert first.confidence == 2
    assert first.last_practised_at is not None
    assert timezone.now() - first.last_practised_at < datetime.timedelta(minutes=1)


def test_rating_the_least_confident_question_still_moves_on(alice_client, alice):
    shaky = QuestionFactory(user=alice, text="Shaky?", confidence=1)
    QuestionFactory(user=alice, text="Confident?", confidence=5, last_practised_at=_ago(days=1))
    response = alice_client.post(
        reverse("question_confidence", args=[shaky.pk]),
        {"confidence": "1", "next": "practice"},
        headers=HTMX,
    )
    assert response.context["question"].text == "Confident?"


def test_rating_from_practice_saves_the_answer_draft(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    alice_client.post(
        reverse("question_confidence", args=[question.pk]),
        {"confidence": "4", "next": "practice", "answer_draft": "  Your mission matters to me. "},
        headers=HTMX,
    )
    question.refresh_from_db()
    assert (question.answer_draft, question.confidence) == ("Your mission matters to me.", 4)


def test_after_every_question_the_round_is_over(alice_client, alice):
    first = QuestionFactory(user=alice, text="First?")
    second = QuestionFactory(user=alice, text="Second?", confidence=4)
    response = alice_client.post(
        reverse("question_confidence", args=[second.pk]),
        {"confidence": "4", "next": "practice", "seen": [str(first.pk)]},
        headers=HTMX,
    )
    assert response.context["question"] is None
    assert "You have been through every question" in response.content.decode()


def test_skip_serves_the_next_question_without_changing_confidence(alice_client, alice):
    first = QuestionFactory(user=alice, text="First?", confidence=1)
    QuestionFactory(user=alice, text="Second?", confidence=2)
    page = alice_client.get(PRACTICE_URL)
    assert page.context["question"] == first
    skip_url = reverse("question_skip", args=[first.pk])
    assert f'formaction="{skip_url}"' in page.content.decode()
    response = alice_client.post(skip_url, {"answer_draft": ""}, headers=HTMX)
    assert response.context["question"].text == "Second?"
    assert "<html" not in response.content.decode()
    first.refresh_from_db()
    assert (first.confidence, first.last_practised_at) == (1, None)


def test_skip_keeps_the_answer_typed_so_far(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?", confidence=1)
    QuestionFactory(user=alice, text="Next?", confidence=2)
    response = alice_client.post(
        reverse("question_skip", args=[question.pk]),
        {"answer_draft": "Your mission, and  half a thought", "seen": []},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.context["question"].text == "Next?"
    assert "your answer draft is kept" in response.content.decode()
    question.refresh_from_db()
    assert question.answer_draft == "Your mission, and  half a thought"
    assert question.confidence == 1  # skipping rates nothing
    # When the question comes round again, its draft is in the box.
    html = alice_client.get(PRACTICE_URL).content.decode()
    assert ">Your mission, and  half a thought</textarea>" in html


def test_skip_without_javascript_keeps_the_draft_and_redirects_to_the_next(alice_client, alice):
    earlier = QuestionFactory(user=alice, text="Earlier?")
    question = QuestionFactory(user=alice, text="Why us?")
    response = alice_client.post(
        reverse("question_skip", args=[question.pk]),
        {"answer_draft": "Half an answer", "seen": [str(earlier.pk)]},
    )
    assert response.status_code == 302
    assert response.url == f"{PRACTICE_URL}?seen={earlier.pk}&seen={question.pk}"
    assert "Skipped “Why us?”: your answer draft is kept for later." in _messages(response)
    question.refresh_from_db()
    assert question.answer_draft == "Half an answer"


def test_skip_refuses_an_oversized_draft_and_keeps_the_old_one(alice_client, alice):
    question = QuestionFactory(user=alice, answer_draft="Kept")
    url = reverse("question_skip", args=[question.pk])
    response = alice_client.post(url, {"answer_draft": "x" * 10_001}, headers=HTMX)
    assert response.status_code == 400
    assert "too long" in response.content.decode()
    response = alice_client.post(url, {"answer_draft": "x" * 10_001})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer_draft == "Kept"


def test_skip_rejects_get(alice_client, alice):
    question = QuestionFactory(user=alice)
    assert alice_client.get(reverse("question_skip", args=[question.pk])).status_code == 405


# Practising ticks the action item that asked for it ------------------------------------------


def test_practising_a_question_ticks_its_open_action_items(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    asked = ActionItemFactory(
        user=alice, title="Practise your answer to “Why us?” with a friend", question=question
    )
    done_before = ActionItemFactory(
        user=alice, title="Practised it once", question=question, done_at=_ago(days=3)
    )
    other = ActionItemFactory(user=alice, title="Find a course")
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]),
        {"confidence": "3", "next": "practice"},
        headers=HTMX,
    )
    assert "Marked done: “Practise your answer to “Why us?” with a friend”." in (
        response.content.decode()
    )
    asked.refresh_from_db()
    assert asked.is_done
    assert timezone.now() - asked.done_at < datetime.timedelta(minutes=1)
    done_before.refresh_from_db()
    assert done_before.done_at < _ago(days=2)  # already done: left as it was
    other.refresh_from_db()
    assert not other.is_done


def test_practising_without_javascript_says_which_items_it_ticked(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    ActionItemFactory(user=alice, title="Practise “Why us?”", question=question)
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]), {"confidence": "4", "next": "list"}
    )
    assert _messages(response) == [
        "Confidence in “Why us?” set to 4/5. Marked done: “Practise “Why us?””."
    ]
    assert not ActionItem.objects.filter(done_at__isnull=True).exists()


def test_rating_in_the_list_ticks_the_item_and_says_so_out_of_band(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    ActionItemFactory(user=alice, title="Practise “Why us?”", question=question)
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]),
        {"confidence": "4", "next": "list"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith(f'<article class="card" id="question-{question.pk}"')
    assert 'hx-swap-oob="innerHTML"' in html
    assert "Marked done: “Practise “Why us?””." in html


def test_practising_ticks_only_that_questions_items(alice):
    question = QuestionFactory(user=alice, text="Why us?")
    other_question = QuestionFactory(user=alice, text="Why now?")
    mine = ActionItemFactory(user=alice, question=other_question)
    ticked = services.question_set_confidence(question=question, confidence=2)
    assert ticked == []
    mine.refresh_from_db()
    assert not mine.is_done


def test_rating_without_an_action_item_says_nothing_more(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]),
        {"confidence": "3", "next": "practice"},
        headers=HTMX,
    )
    assert "Marked done" not in response.content.decode()


def test_practice_ignores_junk_in_the_seen_list(alice_client, alice):
    QuestionFactory(user=alice, text="Why us?")
    response = alice_client.get(PRACTICE_URL, {"seen": ["abc", "-1", "", "9" * 5000]})
    assert response.status_code == 200
    assert response.context["question"].text == "Why us?"


def test_rating_without_javascript_redirects_to_the_next_question(alice_client, alice):
    question = QuestionFactory(user=alice, text="Why us?")
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]), {"confidence": "3", "next": "practice"}
    )
    assert response.status_code == 302
    assert response.url == f"{PRACTICE_URL}?seen={question.pk}"
    assert "Confidence in “Why us?” set to 3/5." in _messages(response)


def test_rating_from_the_list_returns_the_updated_card(alice_client, alice):
    question = _asked(QuestionFactory(user=alice, text="Why us?"))
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]),
        {"confidence": "5", "next": "list"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith(f'<article class="card" id="question-{question.pk}"')
    assert "Confidence: 5/5" in html and "Asked 1 time" in html
    assert 'aria-current="true">5</button>' in html


def test_rating_from_the_list_without_javascript_redirects_to_the_list(alice_client, alice):
    question = QuestionFactory(user=alice)
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]), {"confidence": "5", "next": "list"}
    )
    assert response.status_code == 302
    assert response.url == LIST_URL


@pytest.mark.parametrize("value", ["0", "6", "abc", ""])
def test_an_invalid_confidence_is_a_400_for_htmx(alice_client, alice, value):
    question = QuestionFactory(user=alice)
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]),
        {"confidence": value, "next": "practice"},
        headers=HTMX,
    )
    assert response.status_code == 400
    assert "Pick a confidence from 1 to 5." in response.content.decode()
    question.refresh_from_db()
    assert (question.confidence, question.last_practised_at) == (None, None)


@pytest.mark.parametrize("next_page, url", [("practice", PRACTICE_URL), ("list", LIST_URL)])
def test_an_invalid_confidence_redirects_with_an_error(alice_client, alice, next_page, url):
    question = QuestionFactory(user=alice)
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]), {"confidence": "6", "next": next_page}
    )
    assert response.status_code == 302
    assert response.url == url
    assert "Pick a confidence from 1 to 5." in _messages(response)
    question.refresh_from_db()
    assert question.confidence is None


def test_an_oversized_answer_draft_is_refused_without_rating(alice_client, alice):
    question = QuestionFactory(user=alice)
    response = alice_client.post(
        reverse("question_confidence", args=[question.pk]),
        {"confidence": "3", "next": "practice", "answer_draft": "x" * 10_001},
        headers=HTMX,
    )
    assert response.status_code == 400
    question.refresh_from_db()
    assert (question.confidence, question.answer_draft) == (None, "")


def test_confidence_rejects_get(alice_client, alice):
    question = QuestionFactory(user=alice)
    response = alice_client.get(reverse("question_confidence", args=[question.pk]))
    assert response.status_code == 405


# Deleting ------------------------------------------------------------------------------------


def test_delete_asks_for_confirmation_saying_how_often_it_was_asked(alice_client, alice):
    question = _asked(QuestionFactory(user=alice, text="Why us?"), 2)
    response = alice_client.get(reverse("question_delete", args=[question.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Delete question?" in html
    assert "2 times asked" in html
    assert Question.objects.filter(pk=question.pk).exists()


def test_delete_removes_the_question_and_its_times_asked(alice_client, alice):
    question = _asked(QuestionFactory(user=alice, text="Why us?"), 2)
    kept = QuestionFactory(user=alice)
    response = alice_client.post(reverse("question_delete", args=[question.pk]))
    assert response.status_code == 302
    assert response.url == LIST_URL
    assert not Question.objects.filter(pk=question.pk).exists()
    assert not QuestionAsked.objects.filter(question_id=question.pk).exists()
    assert Question.objects.filter(pk=kept.pk).exists()


# Ownership -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, method",
    [
        ("question_edit", "get"),
        ("question_edit", "post"),
        ("question_confidence", "post"),
        ("question_skip", "post"),
        ("question_delete", "get"),
        ("question_delete", "post"),
    ],
)
def test_another_users_question_is_a_404(alice_client, bob, name, method):
    question = QuestionFactory(user=bob, text="Bob's question?", confidence=2)
    data = {
        "text": "Taken over?",
        "category": "technical",
        "confidence": "5",
        "answer_draft": "Overwritten?",
    }
    response = getattr(alice_client, method)(reverse(name, args=[question.pk]), data)
    assert response.status_code == 404
    question.refresh_from_db()
    assert (question.text, question.confidence, question.answer_draft) == (
        "Bob's question?",
        2,
        "",
    )


def test_pages_need_a_login(client):
    response = client.get(LIST_URL)
    assert response.status_code == 302
    assert reverse("login") in response.url
