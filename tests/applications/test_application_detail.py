"""The application page: header, one timeline of everything, scoping and query count."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Feedback, Interview, Outcome, Stage, StatusChange
from tests.factories import (
    ApplicationFactory,
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
    OutcomeFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def days_ago(days: int, hour: int = 12) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def application(alice):
    return ApplicationFactory(
        user=alice,
        company__name="Acme",
        role_title="Backend engineer",
        date_applied=timezone.localdate() - datetime.timedelta(days=30),
        posting_url="https://jobs.example.com/acme/42",
        requirements="Python\n\nDjango\n  PostgreSQL  ",
        notes="Met them at a meetup.",
        job_description="Build the billing platform.",
        location="Berlin",
        work_mode=Application.WorkMode.HYBRID,
        salary_min=60_000,
        salary_max=75_000,
        salary_currency="EUR",
        interest=4,
    )


def test_it_shows_the_header(alice_client, application):
    response = alice_client.get(reverse("application_detail", args=[application.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Backend engineer at Acme · Rebound</title>" in html
    assert ">Applied</span>" in html
    assert "60,000–75,000 EUR" in html
    assert "Berlin · Hybrid" in html
    assert "Job board" in html
    assert "4 out of 5" in html
    assert 'href="https://jobs.example.com/acme/42"' in html
    assert f'href="{reverse("application_edit", args=[application.pk])}"' in html
    assert f'action="{reverse("application_archive", args=[application.pk])}"' in html
    assert '<input type="hidden" name="archived" value="1">' in html
    assert f'href="{reverse("application_delete", args=[application.pk])}"' in html
    assert "<li>Python</li><li>Django</li><li>PostgreSQL</li>" in html
    assert "Met them at a meetup." in html
    assert "<summary" in html and "Build the billing platform." in html


def test_status_form_posts_to_the_status_view_from_the_detail_page(alice_client, application):
    html = alice_client.get(reverse("application_detail", args=[application.pk])).content.decode()

    assert f'action="{reverse("application_status", args=[application.pk])}"' in html
    assert '<input type="hidden" name="view" value="detail">' in html
    assert '<option value="applied" selected>Applied</option>' in html


def test_timeline_shows_every_kind_of_event_newest_first(alice_client, application):
    first_step = application.status_changes.get()
    moved_on = StatusChange.objects.create(
        application=application,
        from_status="applied",
        to_status="interviewing",
        changed_at=days_ago(21),
    )
    interview = InterviewFactory(
        application=application, stage=Stage.TECHNICAL, scheduled_at=days_ago(20)
    )
    feedback = FeedbackFactory(
        application=application,
        requested_on=timezone.localdate() - datetime.timedelta(days=12),
        received_on=timezone.localdate() - datetime.timedelta(days=10),
    )
    outcome = OutcomeFactory(
        application=application, decided_on=timezone.localdate() - datetime.timedelta(days=5)
    )

    html = alice_client.get(reverse("application_detail", args=[application.pk])).content.decode()

    positions = [
        html.index(f'id="outcome-{outcome.pk}"'),
        html.index(f'id="feedback-{feedback.pk}"'),
        html.index(f'id="interview-{interview.pk}"'),
        html.index(f'id="status-change-{moved_on.pk}"'),
        html.index(f'id="status-change-{first_step.pk}"'),
    ]
    assert positions == sorted(positions)
    assert "Applied → Interviewing" in html
    assert "Added as Applied" in html


def test_timeline_shows_the_debrief_themes_and_tags(alice_client, application):
    contact = ContactFactory(user=application.user, name="Dana Smith")
    interview = InterviewFactory(
        application=application,
        scheduled_at=days_ago(3),
        rating=4,
        questions="Why us?\nTell me about a failure.",
        debrief_notes="Went long on the system design.",
        thank_you_sent_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    interview.interviewers.add(contact)
    FeedbackFactory(
        application=application,
        interview=interview,
        themes=["experience", "culture_fit"],
        tags="senior, follow-up",
    )

    html = alice_client.get(reverse("application_detail", args=[application.pk])).content.decode()

    assert "With Dana Smith" in html
    assert "4 out of 5" in html
    assert "<li>Why us?</li><li>Tell me about a failure.</li>" in html
    assert "Went long on the system design." in html
    assert "Thank-you note sent on" in html
    assert '<span class="badge text-bg-secondary me-1">Experience</span>' in html
    assert '<span class="badge text-bg-secondary me-1">Culture fit</span>' in html
    assert ">senior</span>" in html and ">follow-up</span>" in html


def test_timeline_has_buttons_that_work_without_javascript(alice_client, application):
    interview = InterviewFactory(application=application)
    html = alice_client.get(reverse("application_detail", args=[application.pk])).content.decode()

    for url in [
        reverse("interview_create", args=[application.pk]),
        reverse("feedback_create", args=[application.pk]),
        reverse("outcome_edit", args=[application.pk]),
        reverse("interview_edit", args=[interview.pk]),
        reverse("interview_debrief", args=[interview.pk]),
        reverse("interview_delete", args=[interview.pk]),
    ]:
        assert f'href="{url}"' in html
        assert f'hx-get="{url}"' in html


def test_page_has_no_inline_script_or_style(alice_client, application):
    InterviewFactory(application=application)
    FeedbackFactory(application=application, themes=["skills"])
    OutcomeFactory(application=application)
    html = alice_client.get(reverse("application_detail", args=[application.pk])).content.decode()

    assert "style=" not in html
    assert "hx-on" not in html
    assert "<script>" not in html


def test_htmx_request_gets_the_timeline_fragment(alice_client, application):
    response = alice_client.get(reverse("application_detail", args=[application.pk]), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="timeline"')
    assert "HX-Request" in response["Vary"]


def test_normal_request_gets_the_full_page(alice_client, application):
    response = alice_client.get(reverse("application_detail", args=[application.pk]))

    assert "<html" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_it_rejects_post(alice_client, application):
    response = alice_client.post(reverse("application_detail", args=[application.pk]))

    assert response.status_code == 405


def test_anonymous_user_is_sent_to_login(client, application):
    response = client.get(reverse("application_detail", args=[application.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _application_with_history(user, interviews: int) -> Application:
    application = ApplicationFactory(
        user=user, date_applied=timezone.localdate() - datetime.timedelta(days=90)
    )
    contact = ContactFactory(user=user)
    for n in range(interviews):
        interview = InterviewFactory(application=application, scheduled_at=days_ago(80 - n))
        interview.interviewers.add(contact)
        FeedbackFactory(application=application, interview=interview, themes=["skills", "budget"])
    OutcomeFactory(application=application)
    return application


def test_page_makes_the_same_number_of_queries_however_long_the_history(alice_client, alice):
    small = _application_with_history(alice, interviews=5)
    large = _application_with_history(alice, interviews=60)

    with CaptureQueriesContext(connection) as small_queries:
        small_response = alice_client.get(reverse("application_detail", args=[small.pk]))
    with CaptureQueriesContext(connection) as large_queries:
        large_response = alice_client.get(reverse("application_detail", args=[large.pk]))

    assert small_response.status_code == large_response.status_code == 200
    assert large_response.content.decode().count('<li class="list-group-item" id="interview-') == 60
    assert len(small_queries) == len(large_queries), [q["sql"] for q in large_queries]


@pytest.fixture
def bobs_history(bob):
    application = ApplicationFactory(user=bob)
    interview = InterviewFactory(application=application)
    feedback = FeedbackFactory(application=application, interview=interview, themes=["skills"])
    OutcomeFactory(application=application)
    return application, interview, feedback


OWNED_URLS = [
    ("application_detail", "application"),
    ("interview_create", "application"),
    ("interview_edit", "interview"),
    ("interview_debrief", "interview"),
    ("interview_delete", "interview"),
    ("feedback_create", "application"),
    ("feedback_edit", "feedback"),
    ("feedback_delete", "feedback"),
    ("outcome_edit", "application"),
    ("outcome_delete", "application"),
]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize(("url_name", "kind"), OWNED_URLS)
def test_another_users_ids_get_404(alice_client, bobs_history, url_name, kind, method, htmx):
    application, interview, feedback = bobs_history
    pk = {"application": application, "interview": interview, "feedback": feedback}[kind].pk

    response = getattr(alice_client, method)(
        reverse(url_name, args=[pk]), headers=HTMX if htmx else {}
    )

    if url_name == "application_detail" and method == "post":
        assert response.status_code == 405
    else:
        assert response.status_code == 404


def test_posting_to_another_users_history_changes_nothing(alice_client, bobs_history):
    application, interview, feedback = bobs_history
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    alice_client.post(
        reverse("interview_create", args=[application.pk]),
        {"stage": "final", "scheduled_at": f"{yesterday:%Y-%m-%d}T10:00", "format": "video"},
    )
    alice_client.post(reverse("interview_debrief", args=[interview.pk]), {"rating": "1"})
    alice_client.post(reverse("interview_delete", args=[interview.pk]))
    alice_client.post(reverse("feedback_delete", args=[feedback.pk]))
    alice_client.post(
        reverse("outcome_edit", args=[application.pk]),
        {"result": "offer", "decided_on": f"{yesterday:%Y-%m-%d}", "stage_reached": "final"},
    )
    alice_client.post(reverse("outcome_delete", args=[application.pk]))

    assert Interview.objects.filter(application=application).count() == 1
    interview.refresh_from_db()
    assert interview.rating is None
    assert Feedback.objects.filter(pk=feedback.pk).exists()
    assert Outcome.objects.get(application=application).result == Outcome.Result.REJECTED


@pytest.mark.parametrize(("url_name", "_kind"), OWNED_URLS)
def test_an_id_too_large_for_the_database_gets_404(alice_client, url_name, _kind):
    response = alice_client.get(reverse(url_name, args=[10**30]))

    assert response.status_code == 404
