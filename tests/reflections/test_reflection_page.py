"""The reflection page: one section at a time, each saving itself through htmx."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reflections import checklist, services
from reflections.models import ReflectionAnswer
from tests.factories import ApplicationFactory, InterviewFactory, ReflectionFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def reflection(alice):
    application = ApplicationFactory(user=alice, requirements="Python\nSQL")
    return services.reflection_draft_for_rejection(application=application)


def save_url(reflection, section_key):
    return reverse("reflection_section_save", args=[reflection.pk, section_key])


def test_page_lists_every_section_and_shows_one_with_its_sources(alice_client, reflection):
    html = alice_client.get(f"{reflection.get_absolute_url()}?section=qualifications").content
    html = html.decode()
    for number, section in enumerate(checklist.sections(), start=1):
        assert f"{number}. {section.title}" in html
    assert "How To Respond To Rejection After An Interview" in html
    assert "Step 2: Reconsider Your Qualifications" in html
    assert "0 of 11 sections saved" in html
    # The requirements of the application are there to mark.
    assert "Python" in html and "SQL" in html


def test_htmx_save_answers_with_status_badge_and_progress_fragments(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "fit"),
        {"fit-fit_really_wanted": "4", "fit-fit_interest_came_across": "needs_work"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="section-status-fit"' in html
    assert "Saved" in html
    assert 'id="section-badge-fit" hx-swap-oob="true"' in html
    assert 'id="reflection-progress" class="mb-3" hx-swap-oob="true"' in html
    assert "1 of 11 sections saved" in html
    assert "HX-Request" in response.headers["Vary"]
    answer = ReflectionAnswer.objects.get(
        reflection=reflection, item_key="fit_interest_came_across"
    )
    assert answer.choice == "needs_work"


def test_a_reload_shows_what_was_saved(alice_client, reflection):
    alice_client.post(
        save_url(reflection, "strengths"),
        {
            "strengths-went_well": "Clear examples\nGood rapport",
            "strengths-to_improve": "Salary talk",
        },
        **HTMX,
    )
    html = alice_client.get(f"{reflection.get_absolute_url()}?section=strengths").content.decode()
    assert "Clear examples\nGood rapport" in html
    assert "Salary talk" in html
    assert "1 of 11 sections saved" in html


def test_plain_post_saves_and_redirects_to_the_section(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "preparation"), {"preparation-prep_on_time": "went_well"}
    )
    assert response.status_code == 302
    assert (
        response.url == reflection.get_absolute_url() + "?section=preparation#section-preparation"
    )
    assert (
        ReflectionAnswer.objects.get(reflection=reflection, item_key="prep_on_time").choice
        == "went_well"
    )


def test_invalid_answer_is_not_saved_and_says_why(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "fit"), {"fit-fit_really_wanted": "9"}, **HTMX
    )
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    assert not reflection.answers.exists()
    full_page = alice_client.post(
        save_url(reflection, "fit"), {"fit-fit_interest_came_across": "maybe"}
    )
    assert full_page.status_code == 200
    assert "Not saved" in full_page.content.decode()
    assert not reflection.answers.exists()


def test_oversized_text_is_refused_without_a_500(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "cv"), {"cv-cv_over_or_under_stated": "x" * 20_000}, **HTMX
    )
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()


def test_requirement_verdicts_save_through_the_page(alice_client, reflection):
    python, sql = reflection.requirement_checks.all()
    alice_client.post(
        save_url(reflection, "qualifications"),
        {
            f"qualifications-requirement_{python.pk}": "met",
            f"qualifications-requirement_{sql.pk}": "missing",
        },
        **HTMX,
    )
    assert dict(reflection.requirement_checks.values_list("requirement", "verdict")) == {
        "Python": "met",
        "SQL": "missing",
    }


def test_unknown_section_is_404(alice_client, reflection):
    assert alice_client.post(save_url(reflection, "nonsense"), {}).status_code == 404


def test_save_rejects_get(alice_client, reflection):
    assert alice_client.get(save_url(reflection, "fit")).status_code == 405


def test_finish_and_reopen(alice_client, reflection):
    alice_client.post(reverse("reflection_finish", args=[reflection.pk]))
    reflection.refresh_from_db()
    assert reflection.is_finished
    alice_client.post(reverse("reflection_finish", args=[reflection.pk]), {"action": "reopen"})
    reflection.refresh_from_db()
    assert not reflection.is_finished


def test_delete_asks_first_then_deletes(alice_client, reflection):
    url = reverse("reflection_delete", args=[reflection.pk])
    assert "cannot be undone" in alice_client.get(url).content.decode()
    assert alice_client.post(url).status_code == 302
    assert not type(reflection).objects.filter(pk=reflection.pk).exists()


def test_reflection_can_start_from_any_interview(alice_client, alice):
    interview = InterviewFactory(application=ApplicationFactory(user=alice))
    response = alice_client.post(reverse("reflection_start_for_interview", args=[interview.pk]))
    reflection = interview.reflections.get()
    assert response.url == reflection.get_absolute_url()
    again = alice_client.post(reverse("reflection_start_for_interview", args=[interview.pk]))
    assert again.url == reflection.get_absolute_url()
    assert interview.reflections.count() == 1


def test_list_shows_unfinished_reflections_with_progress(alice_client, reflection):
    services.reflection_save_section(reflection=reflection, section_key="fit", answers={})
    html = alice_client.get(reverse("reflection_list")).content.decode()
    assert reflection.application.role_title in html
    assert "1 of 11 sections" in html
    assert "Draft" in html


@pytest.mark.parametrize(
    ("name", "method", "extra"),
    [
        ("reflection_detail", "get", ()),
        ("reflection_section_save", "post", ("fit",)),
        ("reflection_finish", "post", ()),
        ("reflection_delete", "get", ()),
        ("reflection_delete", "post", ()),
    ],
)
def test_another_users_reflection_is_404(alice_client, bob, name, method, extra):
    bobs = ReflectionFactory(application=ApplicationFactory(user=bob))
    response = getattr(alice_client, method)(reverse(name, args=[bobs.pk, *extra]))
    assert response.status_code == 404
    assert type(bobs).objects.filter(pk=bobs.pk).exists()


def test_another_users_interview_cannot_start_a_reflection(alice_client, bob):
    interview = InterviewFactory(application=ApplicationFactory(user=bob))
    response = alice_client.post(reverse("reflection_start_for_interview", args=[interview.pk]))
    assert response.status_code == 404
    assert not interview.reflections.exists()


def _page_queries(client, reflection) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reflection.get_absolute_url()).status_code == 200
    return len(queries)


def test_reflection_page_queries_do_not_grow_with_answers(alice_client, alice):
    small = services.reflection_draft_for_rejection(
        application=ApplicationFactory(user=alice, requirements="A\nB")
    )
    large = services.reflection_draft_for_rejection(
        application=ApplicationFactory(
            user=alice, requirements="\n".join(f"Skill {n}" for n in range(40))
        )
    )
    for section in checklist.sections():
        services.reflection_save_section(
            reflection=large,
            section_key=section.key,
            answers={item.key: "" for item in section.items},
        )
    for n in range(30):
        services.action_item_create(user=alice, title=f"Step {n}", reflection=large)
    assert _page_queries(alice_client, small) == _page_queries(alice_client, large)


def test_home_lists_unfinished_reflections_only(alice_client, alice, reflection):
    finished = services.reflection_draft_for_rejection(
        application=ApplicationFactory(user=alice, role_title="Finished role")
    )
    services.reflection_finish(reflection=finished)
    html = alice_client.get(reverse("home")).content.decode()
    assert "Reflections to finish" in html
    assert reflection.get_absolute_url() in html
    assert finished.get_absolute_url() not in html


def test_a_save_sent_as_the_page_closes_is_stored_and_answered_with_204(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "cv"), {"cv-cv_over_or_under_stated": "Undersold", "autosave": "1"}
    )
    assert response.status_code == 204
    assert (
        ReflectionAnswer.objects.get(reflection=reflection, item_key="cv_over_or_under_stated").text
        == "Undersold"
    )


def test_lists_count_the_sections_the_reflection_shows(alice_client, alice):
    """Found by review: a reflection without an interview shows fewer sections, yet the home
    page and the list counted against the whole checklist, so it never looked complete."""
    from reflections.selectors import reflection_sections
    from workflows import services as workflows

    application = ApplicationFactory(user=alice)
    workflows.rejection_record(application=application)
    reflection = application.reflections.get()
    shown = reflection_sections(reflection)
    assert len(shown) < len(checklist.sections())
    for section in shown:
        services.reflection_save_section(reflection=reflection, section_key=section.key)

    home = alice_client.get(reverse("home")).content.decode()
    listed = alice_client.get(reverse("reflection_list")).content.decode()
    assert f"{len(shown)} of {len(shown)} sections saved" in home
    assert f"{len(shown)} of {len(shown)} sections" in listed


def test_the_reflection_list_makes_the_same_queries_for_more_reflections(
    alice_client, alice, django_assert_max_num_queries
):
    from workflows import services as workflows

    def add(count):
        for _ in range(count):
            application = ApplicationFactory(user=alice)
            InterviewFactory(application=application)
            workflows.rejection_record(application=application)

    add(2)
    alice_client.get(reverse("reflection_list"))
    with CaptureQueriesContext(connection) as few:
        alice_client.get(reverse("reflection_list"))
    add(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        alice_client.get(reverse("reflection_list"))
