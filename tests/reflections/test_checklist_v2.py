"""Checklist version 2: its order, each item's control (and the sentence it rests on), each
item's answer scale, the new advice items, and a reflection that fits what happened."""

import re

import pytest
from django.urls import reverse

from applications.models import THEMES_OUTSIDE_CONTROL, FeedbackTheme, Interview, Outcome, Stage
from reflections import checklist, services
from reflections.checklist import CHECKLISTS, Control
from reflections.models import ActionItem, ReflectionAnswer
from reflections.panels import reasons, weaknesses
from reflections.panels.filters import DashboardFilters
from reflections.selectors import reflection_sections, reflection_with_answers
from tests.factories import ApplicationFactory, InterviewFactory, ReflectionFactory
from tests.reflections.test_checklist_citations import _files_with_title, article_files  # noqa: F401

V2 = checklist.items_by_key(2)
P, W, OUT = Control.PERSPECTIVE, Control.WITHIN, Control.OUTSIDE

# Perspective and what went well first, then what you control, then what you don't.
ORDER = [
    ("perspective", P),
    ("strengths", P),
    ("fit", W),
    ("qualifications", W),
    ("cv", W),
    ("preparation", W),
    ("performance", W),
    ("feedback", W),
    ("follow_ups", W),
    ("outside_control", OUT),
    ("actions", W),
]

# Every version 2 item: its control, and the article sentence the classification rests on.
CONTROL = {
    "feeling": (P, "While it's okay to feel disappointed, try not to dwell on it."),
    "support_needed": (P, "consider seeking support from a career coach or counselor."),
    "went_well": (P, "Assess what went well and what could be improved."),
    "proud_of": (P, "reflecting on your accomplishments and strengths"),
    "to_improve": (W, "listing all the strengths and weaknesses of the interview."),
    "fit_really_wanted": (W, "Applying only for the positions you truly care about"),
    "fit_culture_concerns": (W, "consider adjusting your job search accordingly."),
    "fit_interest_came_across": (W, "had a genuinely conveyed interest in the company."),
    "requirements": (W, "educational credentials you don’t already have"),
    "skills_to_acquire": (W, "educational credentials you don’t already have"),
    "experience_level": (W, "Gain more experience."),
    "cv_represents_you": (W, "Maybe it’s time to revise your resume and cover letter."),
    "cv_over_or_under_stated": (W, "you understated your skills"),
    "pitch_achievements": (W, "look at how you pitch and sell them in interview."),
    "cv_revised": (W, "Maybe it’s time to revise your resume and cover letter."),
    "cv_changes": (W, "Maybe it’s time to revise your resume and cover letter."),
    "prep_company_research": (W, "Did you research the company enough?"),
    "prep_dress_code": (W, "Could you have asked HR what dress code was appropriate?"),
    "prep_video_ready": (W, "you were busy setting up your camera."),
    "prep_on_time": (W, "If you were hideously late"),
    "perf_common_questions": (W, "Prepare those answers beforehand."),
    "perf_competency_examples": (W, "Come up with competency-based answers"),
    "perf_confidence": (W, "Try practising with a friend or colleague"),
    "perf_no_interrupting": (W, "Do you remember interrupting the interviewer"),
    "perf_asked_questions": (W, "Ask questions about the company."),
    "perf_skills_test": (W, "couldn’t perform a skills test very well"),
    "perf_struggled_questions": (W, "you can practice generating relevant answers."),
    "perf_could_do_better": (W, "“what could I have done better?”"),
    "feedback_asked": (W, "ask for feedback from the interviewer or recruiter."),
    "feedback_received": (OUT, "If they are not responsive to the request for feedback"),
    "feedback_open_minded": (W, "remain open-minded and avoid becoming defensive."),
    "feedback_asked_again": (W, "request a little bit of detailed information"),
    "feedback_summary": (W, "write down key pieces of feedback"),
    "feedback_comparison": (W, "how you measure up to other candidates"),
    "followup_thanks": (W, "Thank the company for their time"),
    "followup_feedback_request": (W, "Approach them respectfully via email"),
    "followup_influence_letter": (W, "how you plan on tackling those issues."),
    "followup_stay_in_touch": (W, "attend relevant events to expand your network."),
    "followup_tell_recruiter": (W, "talking to your recruiting agency"),
    "outside_fit": (OUT, "This isn’t necessarily a reflection of your abilities"),
    "outside_internal_candidate": (OUT, "an internal candidate might be preferred"),
    "outside_budget": (OUT, "unforeseen budget constraints"),
    "outside_panel": (OUT, "a single person’s negative feedback can overshadow"),
    "outside_first_impression": (OUT, "that will never be something you can control"),
    "next_focus": (W, "come up with actionable steps for improvement."),
    "search_objectives": (W, "Defining clear objectives for your job search"),
    "plan_still_right": (W, "reassess your whole plan."),
    "search_only_wanted": (W, "Applying only for the positions you truly care about"),
    "research_next": (W, "before you start applying for roles"),
    "practise_with_friend": (W, "Try practising with a friend or colleague"),
    "keep_applying": (W, "Keep applying to other opportunities"),
    "network_beyond": (W, "Engage with industry professionals"),
}

MATCH = ["Yes", "Needs work", "Not sure"]
ASSESS = ["Went well", "Needs work", "Not applicable"]
STEP = ["Done", "To do", "Not applicable"]
FACTOR = ["Played a part", "Did not", "Not sure"]
RATING, TEXT = "1 to 5", "text"
# Every version 2 item's answer scale.
SCALE = {
    "feeling": RATING,
    "support_needed": ["Yes", "No", "Not sure"],
    "went_well": TEXT,
    "proud_of": TEXT,
    "to_improve": TEXT,
    "fit_really_wanted": RATING,
    "fit_culture_concerns": TEXT,
    "fit_interest_came_across": MATCH,
    "requirements": ["Met", "Partly", "Missing"],
    "skills_to_acquire": TEXT,
    "experience_level": MATCH,
    "cv_represents_you": MATCH,
    "cv_over_or_under_stated": TEXT,
    "pitch_achievements": ASSESS,
    "cv_revised": STEP,
    "cv_changes": TEXT,
    "prep_company_research": ASSESS,
    "prep_dress_code": ASSESS,
    "prep_video_ready": ASSESS,
    "prep_on_time": ASSESS,
    "perf_common_questions": ASSESS,
    "perf_competency_examples": ASSESS,
    "perf_confidence": ASSESS,
    "perf_no_interrupting": ASSESS,
    "perf_asked_questions": ASSESS,
    "perf_skills_test": ASSESS,
    "perf_struggled_questions": TEXT,
    "perf_could_do_better": TEXT,
    "feedback_asked": STEP,
    "feedback_received": STEP,
    "feedback_open_minded": MATCH,
    "feedback_asked_again": STEP,
    "feedback_summary": TEXT,
    "feedback_comparison": TEXT,
    "followup_thanks": STEP,
    "followup_feedback_request": STEP,
    "followup_influence_letter": STEP,
    "followup_stay_in_touch": STEP,
    "followup_tell_recruiter": STEP,
    "outside_fit": FACTOR,
    "outside_internal_candidate": FACTOR,
    "outside_budget": FACTOR,
    "outside_panel": FACTOR,
    "outside_first_impression": FACTOR,
    "next_focus": TEXT,
    "search_objectives": TEXT,
    "plan_still_right": TEXT,
    "search_only_wanted": STEP,
    "research_next": STEP,
    "practise_with_friend": STEP,
    "keep_applying": STEP,
    "network_beyond": STEP,
}


def _scale(item: checklist.Item):
    if item.kind == checklist.ItemKind.RATING:
        return RATING
    if item.kind in (checklist.ItemKind.TEXT, checklist.ItemKind.LIST):
        return TEXT
    if item.kind == checklist.ItemKind.REQUIREMENTS:
        return ["Met", "Partly", "Missing"]
    return [label for _, label in item.choices]


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text)


def test_version_2_is_current_and_version_1_is_kept():
    assert checklist.CURRENT_VERSION == 2
    assert sorted(CHECKLISTS) == [1, 2]


def test_sections_open_with_perspective_and_what_went_well_then_within_then_outside():
    assert [section.key for section in CHECKLISTS[2]] == [key for key, _ in ORDER]
    for section in CHECKLISTS[2]:
        expected = dict(ORDER)[section.key]
        if expected != W:  # within-control sections hold a few perspective-free exceptions
            assert {item.control for item in section.items} <= {expected, W}, section.key
    assert CHECKLISTS[2][0].items[0].key == "feeling"
    assert "doesn’t define your worth" in CHECKLISTS[2][0].intro


def test_every_item_is_classified_as_the_table_says():
    assert {key: item.control for key, item in V2.items()} == {
        key: control for key, (control, _) in CONTROL.items()
    }


@pytest.mark.parametrize("key", sorted(CONTROL))
def test_control_rests_on_a_sentence_of_an_article_the_item_cites(article_files, key):  # noqa: F811
    item = V2[key]
    assert _normal(CONTROL[key][1]) in _normal(item.control_reason)
    texts = [
        _normal("\n".join(article_files[name]))
        for source in item.sources
        for name in _files_with_title(article_files, source.title)
    ]
    assert any(_normal(item.control_reason) in text for text in texts), (
        f"{key}: {item.control_reason!r} is not a sentence of the articles it cites"
    )


@pytest.mark.parametrize("key", sorted(SCALE))
def test_each_item_has_the_answer_scale_that_fits_its_question(key):
    assert _scale(V2[key]) == SCALE[key]
    assert set(SCALE) == set(V2)


def test_a_coach_is_asked_on_a_yes_no_scale_not_the_outside_factor_one():
    assert _scale(V2["support_needed"]) == ["Yes", "No", "Not sure"]
    assert _scale(checklist.items_by_key(1)["support_needed"]) == FACTOR


def test_fit_is_outside_control_and_experience_within_in_checklist_and_themes():
    assert "fit_matched_needs" not in V2
    assert V2["outside_fit"].control == OUT
    assert "outside_more_experienced" not in V2
    assert V2["experience_level"].control == W
    outside = {theme for theme in FeedbackTheme if checklist.theme_control(theme) == OUT}
    assert outside == {
        FeedbackTheme.CULTURE_FIT,
        FeedbackTheme.INTERNAL_CANDIDATE,
        FeedbackTheme.BUDGET,
    }
    assert set(THEMES_OUTSIDE_CONTROL) == outside


def test_figures_come_with_the_articles_context():
    assert "Lack of confidence during an interview is a common reason why around 40%" in (
        V2["perf_confidence"].help
    )
    assert "Around 47% of candidates fail their interviews because they haven’t done enough" in (
        V2["prep_company_research"].help
    )
    assert "what do you expect to be doing in 5 years?" in V2["perf_common_questions"].help


def test_outside_items_suggest_no_action_and_within_items_suggest_sentences():
    for item in V2.values():
        if item.control == OUT:
            assert item.suggestion == "", item.key
        assert not item.suggestion.startswith(("Work on", "Learn ")), item.key


# The reflection page ----------------------------------------------------------------


@pytest.fixture
def interviewed(alice):
    application = ApplicationFactory(user=alice, interest=2, requirements="SQL")
    InterviewFactory(
        application=application,
        stage=Stage.TECHNICAL,
        format=Interview.Format.VIDEO,
        questions="Why us?\nDesign a cache.",
    )
    return services.reflection_draft_for_rejection(application=application)


def _sections(reflection):
    return [
        section.key
        for section in reflection_sections(reflection_with_answers(reflection.user, reflection.pk))
    ]


def test_a_rejection_without_interview_asks_no_interview_questions(alice):
    application = ApplicationFactory(user=alice)
    from workflows.services import rejection_record

    rejection_record(application=application)
    reflection = application.reflections.get()
    keys = _sections(reflection)
    assert "preparation" not in keys and "performance" not in keys
    assert {"fit", "qualifications", "cv"} <= set(keys)
    items = {i.key for s in reflection_sections(reflection) for i in s.items}
    assert "outside_panel" not in items and "fit_interest_came_across" not in items


def test_a_phone_screen_asks_no_dress_code_camera_or_arriving(alice):
    application = ApplicationFactory(user=alice)
    InterviewFactory(application=application, stage=Stage.PHONE_SCREEN)
    reflection = services.reflection_draft_for_rejection(application=application)
    reflection = reflection_with_answers(alice, reflection.pk)
    items = {i.key for s in reflection_sections(reflection) for i in s.items}
    assert "prep_company_research" in items and "perf_confidence" in items
    assert not items & {"prep_dress_code", "prep_video_ready", "prep_on_time"}


def test_an_outcome_at_the_phone_screen_without_interviews_is_a_call(alice):
    application = ApplicationFactory(user=alice)
    from workflows.services import rejection_record

    rejection_record(application=application, stage_reached=Outcome.StageReached.PHONE_SCREEN)
    reflection = reflection_with_answers(alice, application.reflections.get().pk)
    items = {i.key for s in reflection_sections(reflection) for i in s.items}
    assert "perf_confidence" in items and "prep_dress_code" not in items


def section_page(client, reflection, section_key: str) -> str:
    """The reflection page showing one section (it shows one at a time)."""
    return client.get(f"{reflection.get_absolute_url()}?section={section_key}").content.decode()


def test_the_page_carries_over_interest_and_debrief_questions_to_tick(alice_client, interviewed):
    html = section_page(alice_client, interviewed, "fit")
    assert "Filled in from the interest you gave the application (2 of 5)" in html
    assert 'name="fit-fit_really_wanted" value="2"' in html and "checked" in html
    html = section_page(alice_client, interviewed, "performance")
    assert re.search(
        r'type="checkbox"[^>]*name="performance-perf_struggled_questions" value="Why us\?"', html
    )
    response = alice_client.post(
        reverse("reflection_section_save", args=[interviewed.pk, "performance"]),
        {
            "performance-perf_struggled_questions": ["Design a cache."],
            "performance-perf_struggled_questions_other": "Salary expectations?",
        },
    )
    assert response.status_code == 302
    answer = ReflectionAnswer.objects.get(item_key="perf_struggled_questions")
    assert answer.lines() == ["Design a cache.", "Salary expectations?"]
    assert interviewed.user.questions.filter(text="Design a cache.").exists()
    html = section_page(alice_client, interviewed, "performance")
    assert re.search(r'value="Design a cache\."[^>]*checked', html)


def test_saving_a_section_leaves_hidden_items_alone(alice):
    application = ApplicationFactory(user=alice)
    InterviewFactory(application=application, stage=Stage.PHONE_SCREEN)
    reflection = services.reflection_draft_for_rejection(application=application)
    services.reflection_save_section(
        reflection=reflection, section_key="preparation", answers={"prep_on_time": "needs_work"}
    )
    services.reflection_save_section(
        reflection=reflection,
        section_key="preparation",
        answers={"prep_company_research": "went_well"},
        item_keys=["prep_company_research"],
    )
    assert ReflectionAnswer.objects.get(item_key="prep_on_time").choice == "needs_work"


def test_search_objectives_carry_over_from_the_last_reflection_to_revisit(alice_client, alice):
    earlier = ReflectionFactory(application=ApplicationFactory(user=alice))
    services.reflection_save_section(
        reflection=earlier,
        section_key="actions",
        answers={"search_objectives": "Backend roles, five applications a week"},
    )
    later = ReflectionFactory(application=ApplicationFactory(user=alice))
    html = section_page(alice_client, later, "actions")
    assert "Backend roles, five applications a week</textarea>" in html


def test_an_old_reflection_still_renders_with_version_1(alice_client, alice):
    old = ReflectionFactory(application=ApplicationFactory(user=alice), checklist_version=1)
    html = alice_client.get(old.get_absolute_url()).content.decode()
    assert "made with version 1 of the checklist" in html
    assert "1. Fit" in html and "Your skills and style matched what the team needed" in html
    assert "0 of 11 sections saved" in html


def test_citations_sit_behind_an_info_toggle(alice_client, interviewed):
    html = alice_client.get(interviewed.get_absolute_url()).content.decode()
    assert '<details class="citation d-inline"><summary class="citation-toggle"' in html
    assert "Where this comes from" in html
    assert 'style="' not in html


# The new advice items: each renders, saves, and counts where it should ---------------------

NEW_ADVICE = [
    # (section, item, answer, where it counts)
    ("feedback", "feedback_open_minded", "needs_work", "weakness"),
    ("feedback", "feedback_asked_again", "to_do", "suggestion"),
    ("actions", "search_objectives", "Data roles, 5 a week", "carried"),
    ("cv", "cv_revised", "to_do", "suggestion"),
    ("cv", "cv_changes", "Led with the migration project", "saved"),
    ("actions", "practise_with_friend", "to_do", "suggestion"),
    ("performance", "perf_could_do_better", "Asked about the team earlier", "saved"),
    ("actions", "search_only_wanted", "to_do", "suggestion"),
    ("actions", "keep_applying", "to_do", "suggestion"),
    ("actions", "network_beyond", "to_do", "suggestion"),
    ("actions", "research_next", "to_do", "suggestion"),
]


@pytest.mark.parametrize(("section", "key", "value", "counted"), NEW_ADVICE, ids=lambda v: v)
def test_new_advice_renders_saves_and_counts(
    alice_client, alice, interviewed, section, key, value, counted
):
    html = section_page(alice_client, interviewed, section)
    assert f'name="{section}-{key}"' in html
    assert V2[key].label in html
    response = alice_client.post(
        reverse("reflection_section_save", args=[interviewed.pk, section]),
        {f"{section}-{key}": value},
    )
    assert response.status_code == 302
    answer = ReflectionAnswer.objects.get(reflection=interviewed, item_key=key)
    assert value in (answer.choice, answer.text)
    reflection = reflection_with_answers(alice, interviewed.pk)
    if counted == "weakness":
        bars = weaknesses.compute(alice, DashboardFilters())["chart"].bars
        assert [bar["key"] for bar in bars] == [key]
    if counted in ("suggestion", "weakness"):
        titles = [s.title for s in services.action_item_suggestions(reflection)]
        assert V2[key].suggestion in titles
    if counted == "carried":
        later = ReflectionFactory(application=ApplicationFactory(user=alice))
        assert value in section_page(alice_client, later, "actions")


def test_research_is_cited_to_every_article_that_says_it():
    titles = {source.title for source in V2["research_next"].sources}
    assert titles == {checklist.RESPOND, checklist.HANDLING, checklist.OPN, checklist.BOUNCE_BACK}


def test_fit_culture_feedback_counts_outside_control(alice):
    from tests.factories import FeedbackFactory

    application = ApplicationFactory(user=alice, status="rejected")
    FeedbackFactory(application=application, themes=[FeedbackTheme.CULTURE_FIT])
    result = reasons.compute(alice, DashboardFilters())
    assert [bar["label"] for bar in result["outside"].bars] == ["Culture fit"]
    assert result["within"].bars == []


# Suggestions and the closing page ----------------------------------------------------------


def test_at_most_three_suggestions_and_adding_one_brings_the_next(alice_client, alice, interviewed):
    services.reflection_save_section(
        reflection=interviewed,
        section_key="performance",
        answers={
            "perf_confidence": "needs_work",
            "perf_asked_questions": "needs_work",
            "perf_common_questions": "needs_work",
            "perf_no_interrupting": "needs_work",
        },
    )
    html = section_page(alice_client, interviewed, "actions")
    assert html.count('name="suggestion" value="1"') == 3
    assert "1 more suggestion after these" in html
    first = services.action_item_suggestions(reflection_with_answers(alice, interviewed.pk))[0]
    response = alice_client.post(
        reverse("reflection_action_item_create", args=[interviewed.pk]),
        {"title": first.title, "suggestion": "1", "source_item_key": first.item_key},
        HTTP_HX_REQUEST="true",
    )
    assert response.context["more_suggestions"] == 0
    assert len(response.context["suggestions"]) == 3
    assert first.title not in [s.title for s in response.context["suggestions"]]
    assert ActionItem.objects.get().source_item_key == first.item_key


def test_a_question_suggestion_remembers_its_question(alice_client, alice, interviewed):
    services.reflection_save_section(
        reflection=interviewed,
        section_key="performance",
        answers={"perf_struggled_questions": "Why us?"},
    )
    suggestion = services.action_item_suggestions(reflection_with_answers(alice, interviewed.pk))
    practise = next(s for s in suggestion if s.question)
    alice_client.post(
        reverse("reflection_action_item_create", args=[interviewed.pk]),
        {
            "title": practise.title,
            "suggestion": "1",
            "source_item_key": practise.item_key,
            "question": practise.question,
        },
    )
    item = ActionItem.objects.get()
    assert item.question.text == "Why us?"
    assert item.source_item_key == "perf_struggled_questions"


def test_a_forged_source_item_is_not_stored(alice_client, interviewed):
    alice_client.post(
        reverse("reflection_action_item_create", args=[interviewed.pk]),
        {"title": "Something", "source_item_key": "not_an_item"},
    )
    assert ActionItem.objects.get().source_item_key == ""


def test_finishing_with_a_low_feeling_ends_kindly(alice_client, alice, interviewed):
    services.reflection_save_section(
        reflection=interviewed, section_key="perspective", answers={"feeling": 1}
    )
    services.reflection_save_section(
        reflection=interviewed,
        section_key="strengths",
        answers={"went_well": "Clear system design answer"},
    )
    services.reflection_save_section(
        reflection=interviewed,
        section_key="actions",
        answers={"next_focus": "Practise the salary question with a friend"},
    )
    response = alice_client.post(reverse("reflection_finish", args=[interviewed.pk]))
    assert response.url == reverse("reflection_closing", args=[interviewed.pk])
    html = alice_client.get(response.url).content.decode()
    assert "That was a hard one" in html
    assert "Clear system design answer" in html
    assert "Practise the salary question with a friend" in html
    assert "doesn’t define your worth or potential" in html
    assert "career coach or counsellor" in html


def test_finishing_with_a_good_feeling_still_shows_the_closing_page(alice_client, interviewed):
    services.reflection_save_section(
        reflection=interviewed, section_key="perspective", answers={"feeling": 5}
    )
    alice_client.post(reverse("reflection_finish", args=[interviewed.pk]))
    html = alice_client.get(reverse("reflection_closing", args=[interviewed.pk])).content.decode()
    assert "Reflection finished" in html and "That was a hard one" not in html


def test_closing_page_of_another_user_is_404(alice_client, bob):
    other = ReflectionFactory(application=ApplicationFactory(user=bob))
    assert alice_client.get(reverse("reflection_closing", args=[other.pk])).status_code == 404


def test_thank_you_guide_says_only_what_the_article_says():
    from reflections.follow_up_templates import GUIDES
    from reflections.models import FollowUp

    assert "within a day or so" not in GUIDES[FollowUp.Kind.THANK_YOU].advice
