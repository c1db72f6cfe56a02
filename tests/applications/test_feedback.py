"""Feedback on an application, with its themes and tags, added, edited and deleted in place."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Feedback, FeedbackThemeMark
from tests.factories import ApplicationFactory, FeedbackFactory, InterviewFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def application(alice):
    return ApplicationFactory(user=alice)


@pytest.fixture
def interview(application):
    return InterviewFactory(application=application)


@pytest.fixture
def feedback(application):
    return FeedbackFactory(application=application, themes=["experience", "skills"])


def day(days_ago: int) -> str:
    return f"{timezone.localdate() - datetime.timedelta(days=days_ago):%Y-%m-%d}"


def feedback_data(**overrides) -> dict:
    return {
        "requested_on": day(5),
        "received_on": day(2),
        "channel": "email",
        "from_whom": "Sam, recruiter",
        "content": "They went with someone who had shipped payments before.",
        "themes_and_tags": "Payments, seniority, payments",
        **overrides,
    }


def test_htmx_get_of_the_create_form_returns_a_fragment(alice_client, application):
    response = alice_client.get(reverse("feedback_create", args=[application.pk]), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith("<form")
    assert 'name="themes_and_tags"' in html
    assert 'name="themes"' not in html and 'name="tags"' not in html
    assert "HX-Request" in response["Vary"]


def test_normal_get_of_the_create_form_returns_a_full_page(alice_client, application):
    response = alice_client.get(reverse("feedback_create", args=[application.pk]))

    assert "<html" in response.content.decode()
    assert "Add feedback" in response.content.decode()


def test_creating_feedback_with_themes_writes_a_mark_per_theme(
    alice_client, application, interview
):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(
            interview=interview.pk,
            themes_and_tags="Experience, Payments, budget or headcount, seniority, payments",
        ),
        headers=HTMX,
    )

    feedback = Feedback.objects.get(application=application)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#timeline"
    assert feedback.interview == interview
    assert feedback.tags == "payments, seniority"
    assert sorted(feedback.theme_marks.values_list("theme", flat=True)) == [
        "budget",
        "experience",
    ]
    assert f'id="feedback-{feedback.pk}"' in html
    assert ">Budget or headcount</span>" in html
    assert ">seniority</span>" in html
    assert html.count("Themes and tags") == 1


def test_creating_feedback_without_javascript_redirects_to_the_page(alice_client, application):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(themes_and_tags="skills"),
    )

    feedback = Feedback.objects.get()
    assert response.status_code == 302
    assert response.url == (
        reverse("application_detail", args=[application.pk])
        + f"?added=feedback-{feedback.pk}#feedback-{feedback.pk}"
    )
    assert FeedbackThemeMark.objects.filter(feedback__application=application).count() == 1


def test_htmx_get_of_the_edit_form_shows_themes_and_tags_in_one_field(alice_client, feedback):
    feedback.tags = "payments, seniority"
    feedback.save()

    response = alice_client.get(reverse("feedback_edit", args=[feedback.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    field = re.search(r'<input[^>]*name="themes_and_tags"[^>]*>', html)
    assert field is not None
    assert 'value="Experience, Skills, payments, seniority"' in field.group()
    assert f'id="id_feedback_{feedback.pk}_themes_and_tags"' in field.group()


def test_editing_feedback_replaces_its_themes(alice_client, feedback):
    response = alice_client.post(
        reverse("feedback_edit", args=[feedback.pk]),
        feedback_data(themes_and_tags="skills, Culture fit"),
        headers=HTMX,
    )

    assert response["HX-Retarget"] == "#timeline"
    assert sorted(feedback.theme_marks.values_list("theme", flat=True)) == ["culture_fit", "skills"]


def test_editing_feedback_with_no_themes_removes_them(alice_client, feedback):
    alice_client.post(reverse("feedback_edit", args=[feedback.pk]), feedback_data())

    assert not feedback.theme_marks.exists()


def test_old_tags_that_name_a_theme_stay_tags_when_only_the_content_is_edited(
    alice_client, application
):
    """Tags written before the tag field knew themes are not counted as themes by a later
    edit that leaves them alone."""
    feedback = FeedbackFactory(application=application, tags="salary, mine")
    form = alice_client.get(reverse("feedback_edit", args=[feedback.pk])).context["form"]
    assert form["themes_and_tags"].value() == "salary, mine"

    alice_client.post(
        reverse("feedback_edit", args=[feedback.pk]),
        feedback_data(content="Edited words.", themes_and_tags=form["themes_and_tags"].value()),
    )

    feedback.refresh_from_db()
    assert feedback.content == "Edited words."
    assert feedback.theme_marks.count() == 0
    assert feedback.tags == "salary, mine"


def test_a_theme_added_on_edit_is_counted_beside_the_old_tags(alice_client, application):
    feedback = FeedbackFactory(application=application, tags="salary, mine")
    alice_client.post(
        reverse("feedback_edit", args=[feedback.pk]),
        feedback_data(themes_and_tags="salary, mine, Skills"),
    )

    assert list(feedback.theme_marks.values_list("theme", flat=True)) == ["skills"]
    feedback.refresh_from_db()
    assert feedback.tags == "salary, mine"


def test_an_old_tag_removed_and_typed_again_later_becomes_a_theme(alice_client, application):
    feedback = FeedbackFactory(application=application, tags="salary, mine")
    url = reverse("feedback_edit", args=[feedback.pk])
    alice_client.post(url, feedback_data(themes_and_tags="mine"))
    alice_client.post(url, feedback_data(themes_and_tags="mine, Salary"))

    assert list(feedback.theme_marks.values_list("theme", flat=True)) == ["salary"]


def test_feedback_received_before_it_was_requested_is_refused(alice_client, application):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(requested_on=day(2), received_on=day(5)),
        headers=HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Feedback cannot arrive before it was requested." in html
    assert not Feedback.objects.exists()


def test_feedback_without_any_date_is_refused(alice_client, application):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(requested_on="", received_on=""),
        headers=HTMX,
    )

    assert "Give the date you asked for feedback, or the date it came." in response.content.decode()
    assert not Feedback.objects.exists()


def test_editing_feedback_into_an_invalid_state_keeps_it(alice_client, feedback):
    response = alice_client.post(
        reverse("feedback_edit", args=[feedback.pk]),
        feedback_data(requested_on=day(1), received_on=day(9), themes_and_tags="salary"),
        headers=HTMX,
    )

    assert "Feedback cannot arrive before it was requested." in response.content.decode()
    assert sorted(feedback.theme_marks.values_list("theme", flat=True)) == ["experience", "skills"]


def test_feedback_cannot_point_at_an_interview_of_another_application(
    alice_client, alice, application, bob
):
    other_interview = InterviewFactory(application=ApplicationFactory(user=alice))
    bobs_interview = InterviewFactory(application=ApplicationFactory(user=bob))

    for interview in (other_interview, bobs_interview):
        response = alice_client.post(
            reverse("feedback_create", args=[application.pk]),
            feedback_data(interview=interview.pk),
            headers=HTMX,
        )
        assert "Select a valid choice" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "bad",
    [
        {"themes_and_tags": "x" * 3_000},
        {"interview": "abc"},
        {"interview": "9" * 40},
        {"received_on": "2026-13-45"},
        {"requested_on": "99999-01-01"},
        {"channel": "carrier pigeon"},
        {"content": "x" * 100_000},
        {"from_whom": "y" * 1000},
        {"themes_and_tags": ", ".join(f"tag {n}" for n in range(100))},
        {"themes_and_tags": "null\x00byte"},
        {"content": "null\x00byte"},
    ],
    ids=lambda bad: ",".join(bad),
)
def test_malformed_or_oversized_input_never_500s(alice_client, application, bad):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]), feedback_data(**bad), headers=HTMX
    )

    assert response.status_code == 200
    assert "Not saved: check the fields marked below." in response.content.decode()
    assert not Feedback.objects.exists()


def test_delete_asks_for_confirmation_on_a_full_page(alice_client, feedback):
    response = alice_client.get(reverse("feedback_delete", args=[feedback.pk]))

    html = response.content.decode()
    assert "<html" in html
    assert "Delete feedback?" in html
    assert "Its themes: Experience, Skills" in html
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_delete_asks_for_confirmation_in_place_for_htmx(alice_client, feedback):
    response = alice_client.get(reverse("feedback_delete", args=[feedback.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert "Delete this feedback?" in html
    assert Feedback.objects.filter(pk=feedback.pk).exists()


def test_delete_post_deletes_it_and_its_themes(alice_client, feedback):
    response = alice_client.post(reverse("feedback_delete", args=[feedback.pk]))

    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[feedback.application_id])
    assert not Feedback.objects.filter(pk=feedback.pk).exists()
    assert not FeedbackThemeMark.objects.exists()


def test_delete_via_htmx_returns_the_timeline_without_it(alice_client, feedback):
    response = alice_client.post(reverse("feedback_delete", args=[feedback.pk]), headers=HTMX)

    assert response["HX-Retarget"] == "#timeline"
    assert f'id="feedback-{feedback.pk}"' not in response.content.decode()
    assert not Feedback.objects.filter(pk=feedback.pk).exists()


# One field for themes and tags -----------------------------------------------------------


@pytest.mark.parametrize("typed", ["culture fit", "Culture fit", "culture_fit", "CULTURE FIT"])
def test_a_theme_typed_by_its_label_or_value_in_any_case_becomes_a_theme(
    alice_client, application, typed
):
    alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(themes_and_tags=f"{typed}, remote-first"),
        headers=HTMX,
    )

    feedback = Feedback.objects.get()
    assert list(feedback.theme_marks.values_list("theme", flat=True)) == ["culture_fit"]
    assert feedback.tags == "remote-first"


def test_repeated_themes_and_tags_are_kept_once(alice_client, application):
    alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(themes_and_tags="Skills, skills ,  SKILLS, On call,on  call, , ,"),
        headers=HTMX,
    )

    feedback = Feedback.objects.get()
    assert list(feedback.theme_marks.values_list("theme", flat=True)) == ["skills"]
    assert feedback.tags == "on call"


def test_own_tags_longer_than_the_column_are_refused_with_a_clear_message(
    alice_client, application
):
    many = ", ".join(f"tag number {n}" for n in range(30))

    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(themes_and_tags=f"Experience, {many}"),
        headers=HTMX,
    )

    html = response.content.decode()
    assert "Your own tags come to 438 characters; the most is 300." in html
    assert not Feedback.objects.exists()


def test_themes_given_in_the_one_field_count_on_the_dashboard_drill_down(alice_client, application):
    application.status = "rejected"
    application.save()
    alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(themes_and_tags="Culture fit"),
    )

    listed = alice_client.get(reverse("drill_down_list") + "?theme=culture_fit")
    other = alice_client.get(reverse("drill_down_list") + "?theme=experience")

    assert application.role_title in listed.content.decode()
    assert application.role_title not in other.content.decode()


def test_the_field_suggests_the_themes_then_the_users_most_used_tags(
    alice_client, alice, bob, application
):
    FeedbackFactory(application=ApplicationFactory(user=alice), tags="fintech, remote")
    FeedbackFactory(application=ApplicationFactory(user=alice), tags="remote")
    FeedbackFactory(application=ApplicationFactory(user=bob), tags="bobs secret tag")

    html = alice_client.get(
        reverse("feedback_create", args=[application.pk]), headers=HTMX
    ).content.decode()

    datalist = re.search(
        r'<datalist id="id_new_feedback_themes_and_tags_suggestions">(.*?)</datalist>', html
    )
    assert datalist is not None
    assert 'list="id_new_feedback_themes_and_tags_suggestions"' in html
    suggestions = re.findall(r'<option value="([^"]*)">', datalist.group(1))
    assert suggestions[:2] == ["Experience", "Skills"]
    assert suggestions[11:] == ["remote", "fintech"]
    assert "bobs secret tag" not in html


def test_the_suggested_tags_are_capped(alice_client, alice, application):
    for n in range(40):
        FeedbackFactory(application=application, tags=f"tag {n:02}")

    html = alice_client.get(
        reverse("feedback_create", args=[application.pk]), headers=HTMX
    ).content.decode()

    datalist = re.search(r"<datalist[^>]*>(.*?)</datalist>", html)
    assert datalist is not None
    assert datalist.group(1).count("<option value=") == 11 + 30


def test_the_application_page_shows_themes_and_tags_as_one_list(alice_client, feedback):
    feedback.tags = "payments"
    feedback.save()

    html = alice_client.get(reverse("application_detail", args=[feedback.application_id]))

    listed = re.search(r"Themes and tags</span>(.*?)</p>", html.content.decode(), re.S)
    assert listed is not None
    assert re.findall(r'<span class="badge[^"]*">([^<]+)</span>', listed.group(1)) == [
        "Experience",
        "Skills",
        "payments",
    ]


# What a new entry starts with ------------------------------------------------------------


def test_a_new_feedback_form_picks_the_applications_only_interview_and_today(
    alice_client, alice, application, interview
):
    InterviewFactory(application=ApplicationFactory(user=alice))

    response = alice_client.get(reverse("feedback_create", args=[application.pk]), headers=HTMX)

    form = response.context["form"]
    assert form["interview"].value() == interview.pk
    assert form["received_on"].value() == timezone.localdate()
    assert list(form.fields["interview"].queryset) == [interview]
    assert f'<option value="{interview.pk}" selected>' in response.content.decode()


def test_a_new_feedback_form_leaves_the_interview_open_when_there_are_several(
    alice_client, application, interview
):
    InterviewFactory(application=application)

    response = alice_client.get(reverse("feedback_create", args=[application.pk]), headers=HTMX)

    assert response.context["form"]["interview"].value() is None


def test_editing_feedback_keeps_its_own_dates_and_interview(alice_client, feedback, interview):
    response = alice_client.get(reverse("feedback_edit", args=[feedback.pk]), headers=HTMX)

    form = response.context["form"]
    assert form["interview"].value() is None
    assert form["received_on"].value() == feedback.received_on


# After saving ----------------------------------------------------------------------------


def test_new_feedback_is_marked_and_focused_on_the_timeline(alice_client, application):
    response = alice_client.post(
        reverse("feedback_create", args=[application.pk]), feedback_data(), headers=HTMX
    )

    feedback = Feedback.objects.get()
    html = response.content.decode()
    entry = re.search(rf'<li [^>]*id="feedback-{feedback.pk}"[^>]*>', html)
    assert entry is not None
    assert "autofocus" in entry.group() and "just-added" in entry.group()
    assert html.count("autofocus") == 1
    assert "Just added" in html


def test_feedback_asked_for_but_not_received_shows_its_next_step(alice_client, application):
    alice_client.post(
        reverse("feedback_create", args=[application.pk]),
        feedback_data(received_on=""),
    )

    feedback = Feedback.objects.get()
    html = alice_client.get(
        reverse("application_detail", args=[application.pk]), {"added": f"feedback-{feedback.pk}"}
    ).content.decode()

    assert 'when they answer, <a href="' + reverse("feedback_edit", args=[feedback.pk]) in html
    assert "Just added" in html
