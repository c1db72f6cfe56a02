"""Interviews and their debriefs, added, edited and deleted in place on the application page."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Interview, Stage, Status, StatusChange
from tests.factories import ApplicationFactory, ContactFactory, InterviewFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def application(alice):
    return ApplicationFactory(
        user=alice, date_applied=timezone.localdate() - datetime.timedelta(days=10)
    )


@pytest.fixture
def interview(application):
    return InterviewFactory(
        application=application,
        stage=Stage.TECHNICAL,
        scheduled_at=timezone.now() - datetime.timedelta(days=2),
    )


def local_input(days_from_now: int, hour: int = 10) -> str:
    day = timezone.localdate() + datetime.timedelta(days=days_from_now)
    return f"{day:%Y-%m-%d}T{hour:02}:00"


def interview_data(**overrides) -> dict:
    return {
        "stage": Stage.TECHNICAL,
        "scheduled_at": local_input(-1),
        "duration_minutes": "60",
        "format": "video",
        "preparation_notes": "Revise SQL window functions.",
        **overrides,
    }


# Create -------------------------------------------------------------------------


def test_htmx_get_of_the_create_form_returns_a_fragment(alice_client, application):
    response = alice_client.get(reverse("interview_create", args=[application.pk]), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith("<form")
    assert f'hx-post="{reverse("interview_create", args=[application.pk])}"' in html
    assert 'name="scheduled_at"' in html
    assert "HX-Request" in response["Vary"]


def test_normal_get_of_the_create_form_returns_a_full_page(alice_client, application):
    response = alice_client.get(reverse("interview_create", args=[application.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert "<h1" in html and "Add an interview" in html
    assert 'name="scheduled_at"' in html
    assert f'method="post" action="{reverse("interview_create", args=[application.pk])}"' in html


def test_creating_an_interview_via_htmx_returns_the_timeline_and_advances_the_status(
    alice_client, alice, application
):
    contact = ContactFactory(user=alice, name="Dana Smith")

    response = alice_client.post(
        reverse("interview_create", args=[application.pk]),
        interview_data(interviewers=[contact.pk]),
        headers=HTMX,
    )

    interview = Interview.objects.get(application=application)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#timeline"
    assert response["HX-Reswap"] == "outerHTML"
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="timeline"')
    assert f'id="interview-{interview.pk}"' in html
    assert "With Dana Smith" in html
    assert list(interview.interviewers.all()) == [contact]
    application.refresh_from_db()
    assert application.status == Status.INTERVIEWING
    assert StatusChange.objects.filter(
        application=application, from_status=Status.APPLIED, to_status=Status.INTERVIEWING
    ).exists()
    # The header's status and the message region are refreshed out of band.
    assert (
        'id="application-status" class="d-flex flex-wrap align-items-center gap-2" hx-swap-oob="true"'
        in html
    )
    assert "Applied → Interviewing" in html
    assert "Interview added." in html


def test_a_phone_screen_moves_an_application_to_screening(alice_client, application):
    alice_client.post(
        reverse("interview_create", args=[application.pk]),
        interview_data(stage=Stage.PHONE_SCREEN),
        headers=HTMX,
    )

    application.refresh_from_db()
    assert application.status == Status.SCREENING


def test_creating_an_interview_without_javascript_redirects_to_the_page(alice_client, application):
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]), interview_data()
    )

    interview = Interview.objects.get(application=application)
    assert response.status_code == 302
    assert response.url == (
        reverse("application_detail", args=[application.pk])
        + f"?added=interview-{interview.pk}#interview-{interview.pk}"
    )


def test_an_interview_before_the_application_date_rerenders_the_form(alice_client, application):
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]),
        interview_data(scheduled_at=local_input(-30)),
        headers=HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "HX-Retarget" not in response
    assert "<html" not in html
    assert html.lstrip().startswith("<form")
    assert "The interview cannot be before the application date" in html
    assert not Interview.objects.exists()
    assert application.status_changes.count() == 1


def test_an_invalid_interview_without_javascript_rerenders_the_page(alice_client, application):
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]),
        interview_data(scheduled_at=local_input(-30)),
    )

    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert "The interview cannot be before the application date" in response.content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"scheduled_at": "not a date"},
        {"scheduled_at": "99999-01-01T10:00"},
        {"scheduled_at": ""},
        {"duration_minutes": "99999999999999999999999"},
        {"duration_minutes": "-5"},
        {"stage": "ceo_chat"},
        {"format": "x" * 5000},
        {"interviewers": ["not-a-number"]},
        {"interviewers": ["9" * 40]},
        {"interviewers": [str(2**63)]},
        {"preparation_notes": "x" * 100_000},
        {"preparation_notes": "null\x00byte"},
    ],
    ids=lambda bad: ",".join(bad),
)
def test_malformed_or_oversized_input_never_500s(alice_client, application, bad):
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]), interview_data(**bad), headers=HTMX
    )

    assert response.status_code == 200
    assert "Not saved: check the fields marked below." in response.content.decode()
    assert not Interview.objects.exists()


def test_another_users_contact_cannot_be_an_interviewer(alice_client, alice, application, bob):
    ContactFactory(user=alice, name="Alice's recruiter")
    bobs_contact = ContactFactory(user=bob, name="Bob's recruiter")

    form_html = alice_client.get(
        reverse("interview_create", args=[application.pk]), headers=HTMX
    ).content.decode()
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]),
        interview_data(interviewers=[bobs_contact.pk]),
        headers=HTMX,
    )

    assert "Alice&#x27;s recruiter" in form_html
    assert "Bob&#x27;s recruiter" not in form_html
    assert "is not one of the available choices" in response.content.decode()
    assert not Interview.objects.exists()


# Edit ---------------------------------------------------------------------------


def test_htmx_get_of_the_edit_form_returns_it_filled_in(alice_client, interview):
    response = alice_client.get(reverse("interview_edit", args=[interview.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert '<option value="technical" selected>' in html
    assert f'id="id_interview_{interview.pk}_scheduled_at"' in html


def test_normal_get_of_the_edit_form_returns_a_full_page(alice_client, interview):
    response = alice_client.get(reverse("interview_edit", args=[interview.pk]))

    assert "<html" in response.content.decode()
    assert "Edit the interview" in response.content.decode()


def test_editing_an_interview_via_htmx_returns_the_timeline(alice_client, interview):
    response = alice_client.post(
        reverse("interview_edit", args=[interview.pk]),
        interview_data(stage=Stage.FINAL, duration_minutes="90"),
        headers=HTMX,
    )

    interview.refresh_from_db()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#timeline"
    assert interview.stage == Stage.FINAL
    assert interview.duration_minutes == 90
    assert "90 min" in response.content.decode()


def test_editing_an_interview_to_before_the_application_date_is_refused(alice_client, interview):
    before = interview.scheduled_at
    response = alice_client.post(
        reverse("interview_edit", args=[interview.pk]),
        interview_data(scheduled_at=local_input(-30)),
        headers=HTMX,
    )

    interview.refresh_from_db()
    assert response.status_code == 200
    assert "The interview cannot be before the application date" in response.content.decode()
    assert interview.scheduled_at == before


# Debrief ------------------------------------------------------------------------


def test_htmx_get_of_the_debrief_form_returns_a_fragment(alice_client, interview):
    response = alice_client.get(reverse("interview_debrief", args=[interview.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert 'name="rating"' in html
    assert f'hx-post="{reverse("interview_debrief", args=[interview.pk])}"' in html


def test_normal_get_of_the_debrief_form_returns_a_full_page(alice_client, interview):
    response = alice_client.get(reverse("interview_debrief", args=[interview.pk]))

    assert "<html" in response.content.decode()
    assert "Debrief of the technical interview" in response.content.decode()


def test_debrief_saves_rating_questions_and_thank_you(alice_client, interview):
    today = timezone.localdate()

    response = alice_client.post(
        reverse("interview_debrief", args=[interview.pk]),
        {
            "rating": "4",
            "questions": "Design a rate limiter\n\nWhy leave your job?",
            "debrief_notes": "Ran out of time on tests.",
            "thank_you_sent_on": f"{today:%Y-%m-%d}",
        },
        headers=HTMX,
    )

    interview.refresh_from_db()
    html = response.content.decode()
    assert response["HX-Retarget"] == "#timeline"
    assert interview.rating == 4
    assert interview.question_lines() == ["Design a rate limiter", "Why leave your job?"]
    assert interview.debrief_notes == "Ran out of time on tests."
    assert interview.thank_you_sent_on == today
    assert "4 out of 5" in html
    assert "<li>Design a rate limiter</li>" in html
    assert "Thank-you note sent on" in html


def test_debrief_without_javascript_redirects_to_the_page(alice_client, interview):
    response = alice_client.post(reverse("interview_debrief", args=[interview.pk]), {"rating": "2"})

    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[interview.application_id])
    interview.refresh_from_db()
    assert interview.rating == 2


@pytest.mark.parametrize(
    "bad",
    [
        {"rating": ""},
        {"rating": "9"},
        {"rating": "abc"},
        {"rating": "4", "thank_you_sent_on": "2001-01-01"},
        {"rating": "4", "thank_you_sent_on": "31/31/31"},
        {"rating": "4", "questions": "q" * 20_000},
    ],
    ids=lambda bad: ",".join(bad),
)
def test_an_invalid_debrief_rerenders_the_form(alice_client, interview, bad):
    response = alice_client.post(
        reverse("interview_debrief", args=[interview.pk]), bad, headers=HTMX
    )

    interview.refresh_from_db()
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "Not saved: check the fields marked below." in response.content.decode()
    assert interview.rating is None


# Delete -------------------------------------------------------------------------


def test_delete_asks_for_confirmation_on_a_full_page(alice_client, interview):
    response = alice_client.get(reverse("interview_delete", args=[interview.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert "Delete interview?" in html
    assert "cannot be undone" in html
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_delete_asks_for_confirmation_in_place_for_htmx(alice_client, interview):
    response = alice_client.get(reverse("interview_delete", args=[interview.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert "Delete this interview?" in html
    assert f'hx-post="{reverse("interview_delete", args=[interview.pk])}"' in html
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_delete_post_deletes_and_redirects(alice_client, interview):
    response = alice_client.post(reverse("interview_delete", args=[interview.pk]))

    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[interview.application_id])
    assert not Interview.objects.filter(pk=interview.pk).exists()


def test_delete_via_htmx_returns_the_timeline_without_it(alice_client, interview):
    response = alice_client.post(reverse("interview_delete", args=[interview.pk]), headers=HTMX)

    html = response.content.decode()
    assert response["HX-Retarget"] == "#timeline"
    assert f'id="interview-{interview.pk}"' not in html
    assert not Interview.objects.filter(pk=interview.pk).exists()


@pytest.mark.parametrize("url_name", ["interview_edit", "interview_debrief", "interview_delete"])
def test_other_methods_are_refused(alice_client, interview, url_name):
    response = alice_client.put(reverse(url_name, args=[interview.pk]))

    assert response.status_code == 405
    assert Interview.objects.filter(pk=interview.pk).exists()


# The format follows the stage -------------------------------------------------------------


def test_a_new_interview_starts_as_a_phone_screen_by_phone(alice_client, application):
    response = alice_client.get(reverse("interview_create", args=[application.pk]), headers=HTMX)

    form = response.context["form"]
    html = response.content.decode()
    assert form["stage"].value() == Stage.PHONE_SCREEN
    assert form["format"].value() == Interview.Format.PHONE
    assert '<option value="phone" selected>' in html


def test_the_stage_select_says_which_format_each_stage_implies(alice_client, application):
    html = alice_client.get(
        reverse("interview_create", args=[application.pk]), headers=HTMX
    ).content.decode()

    stage = re.search(r'<select name="stage"[^>]*data-format-for-stage="([^"]*)"', html)
    assert stage is not None
    implied = json.loads(stage.group(1).replace("&quot;", '"'))
    assert implied["phone_screen"] == implied["recruiter_screen"] == "phone"
    assert implied["technical"] == "video"
    assert implied["on_site"] == "in_person"
    assert re.search(r'<select name="format"[^>]*data-follows-stage', html)


def test_editing_an_interview_keeps_the_format_it_was_saved_with(alice_client, application):
    interview = InterviewFactory(
        application=application, stage=Stage.PHONE_SCREEN, format=Interview.Format.VIDEO
    )

    response = alice_client.get(reverse("interview_edit", args=[interview.pk]), headers=HTMX)

    assert response.context["form"]["format"].value() == Interview.Format.VIDEO


def test_the_interview_page_loads_the_format_script(alice_client, application):
    form_page = alice_client.get(reverse("interview_create", args=[application.pk]))
    detail = alice_client.get(reverse("application_detail", args=[application.pk]))
    fragment = alice_client.get(reverse("interview_create", args=[application.pk]), headers=HTMX)

    assert "js/interview_form.js" in form_page.content.decode()
    assert "js/interview_form.js" in detail.content.decode()
    assert "<script" not in fragment.content.decode()


# After saving, the next step is in view ----------------------------------------------------


def entry_tag(html: str, interview: Interview) -> str:
    found = re.search(rf'<li [^>]*id="interview-{interview.pk}"[^>]*>', html)
    assert found is not None
    return found.group()


def test_a_new_interview_is_marked_focused_and_offers_its_debrief(alice_client, application):
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]),
        interview_data(scheduled_at=local_input(0, hour=0)),
        headers=HTMX,
    )

    interview = Interview.objects.get()
    html = response.content.decode()
    assert "autofocus" in entry_tag(html, interview)
    assert 'tabindex="-1"' in entry_tag(html, interview)
    assert html.count("autofocus") == 1  # the new entry, not the timeline's heading
    assert "Just added" in html
    assert "Next step:" in html
    assert f'href="{reverse("interview_debrief", args=[interview.pk])}"' in html
    assert ">Add the debrief</a>" in html


def test_a_future_interview_has_no_debrief_to_add_yet(alice_client, application):
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]),
        interview_data(scheduled_at=local_input(3)),
        headers=HTMX,
    )

    html = response.content.decode()
    assert "Just added" in html
    assert "Add the debrief" not in html


def test_an_interview_with_its_debrief_has_no_next_step(alice_client, interview):
    interview.rating = 4
    interview.save()

    html = alice_client.get(
        reverse("application_detail", args=[interview.application_id])
    ).content.decode()

    assert "Add the debrief" not in html


def test_the_page_after_a_plain_post_marks_the_new_interview(alice_client, application):
    response = alice_client.post(
        reverse("interview_create", args=[application.pk]), interview_data(), follow=True
    )

    interview = Interview.objects.get()
    html = response.content.decode()
    assert "<html" in html
    assert "autofocus" in entry_tag(html, interview)
    assert "Just added" in html
    assert ">Add the debrief</a>" in html
    assert "Interview added." in html


def test_the_page_without_added_marks_nothing(alice_client, interview):
    html = alice_client.get(
        reverse("application_detail", args=[interview.application_id])
    ).content.decode()

    assert "autofocus" not in entry_tag(html, interview)
    assert "Just added" not in html
    assert ">Add the debrief</a>" in html  # a past interview without a debrief, all the same


@pytest.mark.parametrize(
    "added",
    ["interview-1\x00", "x" * 5000, "interview-" + "9" * 40, "outcome-1", "interview-"],
)
def test_a_malformed_added_parameter_is_ignored(alice_client, interview, added):
    response = alice_client.get(
        reverse("application_detail", args=[interview.application_id]), {"added": added}
    )

    assert response.status_code == 200
    assert "Just added" not in response.content.decode()
