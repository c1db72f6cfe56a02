"""The reflection page on a phone: how long it takes, one section at a time, Next and Previous
that save first, with and without htmx."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reflections import checklist, services
from reflections.checklist import ItemKind
from reflections.models import ReflectionAnswer, SectionSave
from tests.factories import ApplicationFactory, ReflectionFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def reflection(alice):
    application = ApplicationFactory(user=alice, requirements="Python\nSQL")
    return services.reflection_draft_for_rejection(application=application)


def page(client, reflection, query: str = "", **extra):
    return client.get(f"{reflection.get_absolute_url()}{query}", **extra)


def save_url(reflection, section_key):
    return reverse("reflection_section_save", args=[reflection.pk, section_key])


def shown_section(html: str) -> str:
    """The key of the one section whose form the page shows."""
    keys = [s.key for s in checklist.sections() if f'id="section-form-{s.key}"' in html]
    assert len(keys) == 1, keys
    return keys[0]


# How long it takes ---------------------------------------------------------------------------


def item(kind: ItemKind) -> checklist.Item:
    return checklist.Item(key=kind.value, label="", kind=kind, help="", sources=())


def test_a_choice_takes_twenty_seconds_and_free_text_ninety():
    assert checklist.seconds_to_answer([item(ItemKind.RATING)]) == 20
    assert checklist.seconds_to_answer([item(ItemKind.ASSESSMENT), item(ItemKind.YES_NO)]) == 40
    assert checklist.seconds_to_answer([item(ItemKind.TEXT), item(ItemKind.LIST)]) == 180
    assert checklist.seconds_to_answer([]) == 0


def test_every_kind_of_item_has_an_estimate():
    assert set(checklist.SECONDS_TO_ANSWER) == set(ItemKind)


def test_minutes_are_no_more_precise_than_the_estimate():
    assert checklist.about_minutes(0) == 0
    assert checklist.about_minutes(10) == 1  # something to answer is never "0 minutes"
    assert checklist.about_minutes(130) == 2
    assert checklist.about_minutes(15 * 60) == 15
    assert checklist.about_minutes(17 * 60) == 15  # to the nearest five past a quarter hour
    assert checklist.about_minutes(2060) == 35


def test_a_section_estimate_counts_its_items_by_kind():
    fit = checklist.section_by_key("fit")  # a rating, a free-text answer and an assessment
    assert sorted(i.kind for i in fit.items) == sorted(
        [ItemKind.RATING, ItemKind.TEXT, ItemKind.ASSESSMENT]
    )
    assert checklist.seconds_to_answer(fit.items) == 130
    assert fit.minutes_to_answer == 2


def test_the_page_says_how_many_sections_how_long_and_how_many_are_done(alice_client, reflection):
    total = checklist.about_minutes(
        sum(checklist.seconds_to_answer(s.items) for s in checklist.sections())
    )
    html = page(alice_client, reflection).content.decode()
    assert f"11 sections · about {total} minutes · 0 done" in html

    alice_client.post(save_url(reflection, "fit"), {"fit-fit_really_wanted": "4"}, **HTMX)
    html = page(alice_client, reflection).content.decode()
    assert f"11 sections · about {total} minutes · 1 done" in html
    left = checklist.about_minutes(
        sum(checklist.seconds_to_answer(s.items) for s in checklist.sections() if s.key != "fit")
    )
    assert f"about {left} minutes left" in html
    assert "about 2 min" in html  # each section in the list says how long it takes


# One section at a time: its address ---------------------------------------------------------


def test_the_section_asked_for_is_the_one_shown(alice_client, reflection):
    response = page(alice_client, reflection, "?section=cv")
    html = response.content.decode()
    assert response.status_code == 200
    assert shown_section(html) == "cv"
    assert "Section 5 of 11" in html
    assert 'id="section-heading-cv"' in html
    assert 'href="?section=cv"' not in html  # the list links to full addresses
    assert f'href="{reflection.get_absolute_url()}?section=cv#section-cv"' in html
    assert 'aria-current="step">5. CV and cover letter' in html


def test_with_no_section_asked_the_page_opens_where_the_user_left_off(alice_client, reflection):
    assert shown_section(page(alice_client, reflection).content.decode()) == "perspective"
    services.reflection_save_section(reflection=reflection, section_key="perspective")
    assert shown_section(page(alice_client, reflection).content.decode()) == "strengths"


@pytest.mark.parametrize("asked", ["nonsense", "%00", "fit%00", "preparation%20", "x" * 300])
def test_an_unknown_section_shows_the_first_never_an_error(alice_client, reflection, asked):
    services.reflection_save_section(reflection=reflection, section_key="perspective")
    response = page(alice_client, reflection, f"?section={asked}")
    assert response.status_code == 200
    assert shown_section(response.content.decode()) == "perspective"


def test_a_section_the_reflection_does_not_ask_shows_the_first(alice_client, alice):
    from workflows import services as workflows

    application = ApplicationFactory(user=alice)
    workflows.rejection_record(application=application)  # no interview: no preparation
    reflection = application.reflections.get()
    html = page(alice_client, reflection, "?section=preparation").content.decode()
    assert shown_section(html) == "perspective"


def test_the_older_open_parameter_still_leads_to_its_section(alice_client, reflection):
    html = page(alice_client, reflection, "?open=actions").content.decode()
    assert shown_section(html) == "actions"
    assert 'id="reflection-action-items"' in html


def test_another_users_reflection_is_404_whatever_the_section(alice_client, bob):
    bobs = ReflectionFactory(application=ApplicationFactory(user=bob))
    assert page(alice_client, bobs, "?section=fit").status_code == 404
    assert page(alice_client, bobs, "?section=fit", **HTMX).status_code == 404
    response = alice_client.post(save_url(bobs, "fit"), {"go": "cv"})
    assert response.status_code == 404


def test_the_heading_takes_focus_only_when_a_section_was_asked_for(alice_client, reflection):
    assert " autofocus" not in page(alice_client, reflection).content.decode()
    html = page(alice_client, reflection, "?section=fit").content.decode()
    assert (
        'id="section-heading-fit" class="h5 mb-0 me-auto section-heading" tabindex="-1" autofocus'
        in html
    )


# Next and Previous ---------------------------------------------------------------------------


def test_next_and_previous_name_the_sections_either_side(alice_client, reflection):
    html = page(alice_client, reflection, "?section=fit").content.decode()
    assert 'name="go" value="strengths"' in html
    assert 'aria-label="Previous: What went well"' in html
    assert 'name="go" value="qualifications"' in html and "Next: Qualifications gap" in html
    first = page(alice_client, reflection, "?section=perspective").content.decode()
    assert "Previous:" not in first and 'name="go" value="strengths"' in first
    last = page(alice_client, reflection, "?section=actions").content.decode()
    assert "Next:" not in last and 'name="go" value="outside_control"' in last
    assert "The last section" in last


def test_save_section_is_the_forms_first_button_so_enter_never_moves_on(alice_client, reflection):
    html = page(alice_client, reflection, "?section=fit").content.decode()
    form = html[html.index('id="section-form-fit"') :]
    assert form.index("Save section") < form.index('name="go"')


def test_next_without_javascript_saves_then_shows_the_next_section(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "fit"),
        {"fit-fit_culture_concerns": "Lots of on-call", "go": "qualifications"},
    )
    assert response.status_code == 302
    assert response.url == (
        f"{reflection.get_absolute_url()}?section=qualifications#section-qualifications"
    )
    assert ReflectionAnswer.objects.get(item_key="fit_culture_concerns").text == "Lots of on-call"
    shown = alice_client.get(response.url).content.decode()
    assert shown_section(shown) == "qualifications"
    assert "Saved “Fit”." in shown
    back = alice_client.get(f"{reflection.get_absolute_url()}?section=fit").content.decode()
    assert "Lots of on-call</textarea>" in back


def test_moving_on_from_a_section_left_as_it_was_does_not_count_it_done(alice_client, reflection):
    response = alice_client.post(save_url(reflection, "strengths"), {"go": "fit"})
    assert response.url == f"{reflection.get_absolute_url()}?section=fit#section-fit"
    assert not SectionSave.objects.exists()
    assert not ReflectionAnswer.objects.exists()


def test_next_is_refused_with_the_reason_when_the_section_cannot_be_saved(alice_client, reflection):
    too_long = "x" * 20_000
    response = alice_client.post(
        save_url(reflection, "cv"), {"cv-cv_over_or_under_stated": too_long, "go": "preparation"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert shown_section(html) == "cv"  # it stays, with what was typed and why it was refused
    assert "Not saved" in html and too_long in html
    htmx = alice_client.post(
        save_url(reflection, "cv"),
        {"cv-cv_over_or_under_stated": too_long, "go": "preparation"},
        **HTMX,
    )
    assert "Not saved" in htmx.content.decode()
    assert "HX-Push-Url" not in htmx.headers and "HX-Retarget" not in htmx.headers
    assert not ReflectionAnswer.objects.exists()


def test_an_unknown_destination_is_an_ordinary_save(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "fit"), {"fit-fit_really_wanted": "3", "go": "nowhere\x00"}
    )
    assert response.url == f"{reflection.get_absolute_url()}?section=fit#section-fit"
    assert ReflectionAnswer.objects.get(item_key="fit_really_wanted").rating == 3


def test_next_through_htmx_saves_and_swaps_in_the_next_section(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "fit"),
        {"fit-fit_culture_concerns": "Lots of on-call", "go": "qualifications"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert shown_section(html) == "qualifications"
    assert 'id="section-heading-qualifications"' in html and " autofocus" in html
    assert response.headers["HX-Retarget"] == "#reflection-section"
    assert response.headers["HX-Reswap"] == "outerHTML"
    assert response.headers["HX-Push-Url"] == (
        f"{reflection.get_absolute_url()}?section=qualifications"
    )
    assert "HX-Request" in response.headers["Vary"]
    # The progress is brought up to date, and what happened is said in the live region.
    assert 'id="reflection-progress" class="mb-3" hx-swap-oob="true"' in html
    assert "1 of 11 sections saved" in html
    assert 'id="messages" hx-swap-oob="innerHTML"' in html
    assert "Saved “Fit”. Section 4 of 11: Qualifications gap. 1 of 11 sections done." in html
    assert ReflectionAnswer.objects.get(item_key="fit_culture_concerns").text == "Lots of on-call"


def test_previous_through_htmx_without_changes_swaps_without_saving(alice_client, reflection):
    response = alice_client.post(save_url(reflection, "fit"), {"go": "strengths"}, **HTMX)
    html = response.content.decode()
    assert shown_section(html) == "strengths"
    assert "Section 2 of 11: What went well. 0 of 11 sections done." in html
    assert "Saved" not in html.split('id="messages"')[1]
    assert not SectionSave.objects.exists()


def test_htmx_asking_for_a_section_gets_the_fragment_and_its_address(alice_client, reflection):
    response = page(alice_client, reflection, "?section=cv", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert shown_section(html) == "cv"
    assert html.lstrip().startswith('<div id="reflection-section"')
    assert "HX-Request" in response.headers["Vary"]
    assert response.headers["HX-Push-Url"] == f"{reflection.get_absolute_url()}?section=cv"
    # Back in the browser asks htmx to restore the page: that needs all of it.
    restore = page(
        alice_client, reflection, "?section=cv", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )
    assert "<html" in restore.content.decode()
    plain = page(alice_client, reflection, "?section=cv")
    assert "HX-Request" in plain.headers["Vary"]


def test_a_save_as_you_type_updates_the_sections_state_in_the_list(alice_client, reflection):
    response = alice_client.post(
        save_url(reflection, "fit"), {"fit-fit_really_wanted": "4"}, **HTMX
    )
    html = response.content.decode()
    assert 'id="section-state-fit" class="small" hx-swap-oob="true"' in html
    assert "Saved</span>" in html.split('id="section-state-fit"')[1]
    assert "HX-Push-Url" not in response.headers  # it stays where it is


def test_a_step_done_inside_the_reflection_comes_back_to_the_actions_section(
    alice_client, alice, reflection
):
    services.action_item_create(user=alice, title="Call the recruiter", reflection=reflection)
    html = page(alice_client, reflection, "?section=actions").content.decode()
    back = f"{reflection.get_absolute_url()}?section=actions#section-actions"
    assert f'value="{back}"' in html


# Queries -------------------------------------------------------------------------------------


def _queries(client, url, **extra) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, **extra).status_code == 200
    return len(queries)


@pytest.mark.parametrize("extra", [{}, HTMX], ids=["page", "htmx"])
def test_a_section_costs_the_same_queries_whatever_the_number_of_answers(
    alice_client, alice, extra, django_assert_max_num_queries
):
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
    for key in ("qualifications", "actions"):
        few = _queries(alice_client, f"{small.get_absolute_url()}?section={key}", **extra)
        with django_assert_max_num_queries(few):
            alice_client.get(f"{large.get_absolute_url()}?section={key}", **extra)
