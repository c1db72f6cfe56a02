"""An application's outcome: recorded through the domain layer, edited and deleted in place."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Outcome, Stage, Status, StatusChange
from tests.factories import ApplicationFactory, InterviewFactory, OutcomeFactory
from workflows import services

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def application(alice):
    return ApplicationFactory(
        user=alice,
        status=Status.INTERVIEWING,
        date_applied=timezone.localdate() - datetime.timedelta(days=20),
    )


def day(days_ago: int) -> str:
    return f"{timezone.localdate() - datetime.timedelta(days=days_ago):%Y-%m-%d}"


def outcome_data(**overrides) -> dict:
    return {
        "result": Outcome.Result.REJECTED,
        "decided_on": day(1),
        "stage_reached": Stage.TECHNICAL,
        "reason": "Not enough Kubernetes.",
        **overrides,
    }


def test_htmx_get_of_the_form_returns_a_fragment(alice_client, application):
    response = alice_client.get(reverse("outcome_edit", args=[application.pk]), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith("<form")
    assert 'name="result"' in html
    assert "HX-Request" in response["Vary"]


def test_normal_get_of_the_form_returns_a_full_page(alice_client, application):
    response = alice_client.get(reverse("outcome_edit", args=[application.pk]))

    assert "<html" in response.content.decode()
    assert "Record the outcome" in response.content.decode()


def test_a_new_outcome_starts_from_the_stage_reached_so_far(alice_client, application):
    InterviewFactory(
        application=application,
        stage=Stage.PANEL,
        scheduled_at=timezone.now() - datetime.timedelta(days=3),
    )

    html = alice_client.get(
        reverse("outcome_edit", args=[application.pk]), headers=HTMX
    ).content.decode()

    assert '<option value="panel" selected>' in html


def test_recording_a_rejection_creates_one_outcome_and_goes_to_its_reflection(
    alice_client, application
):
    response = alice_client.post(
        reverse("outcome_edit", args=[application.pk]), outcome_data(), headers=HTMX
    )

    outcome = Outcome.objects.get(application=application)
    application.refresh_from_db()
    reflection = application.reflections.get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == reflection.get_absolute_url()
    assert outcome.result == Outcome.Result.REJECTED
    assert outcome.stage_reached == Stage.TECHNICAL
    assert outcome.reason == "Not enough Kubernetes."
    assert application.status == Status.REJECTED
    assert StatusChange.objects.filter(
        application=application, from_status=Status.INTERVIEWING, to_status=Status.REJECTED
    ).exists()
    timeline = alice_client.get(application.get_absolute_url(), headers=HTMX).content.decode()
    assert f'id="outcome-{outcome.pk}"' in timeline
    assert "Interviewing → Rejected" in timeline


def test_editing_a_recorded_rejection_stays_on_the_timeline(alice_client, application):
    url = reverse("outcome_edit", args=[application.pk])
    alice_client.post(url, outcome_data(), headers=HTMX)
    response = alice_client.post(url, outcome_data(reason="Budget."), headers=HTMX)
    assert response["HX-Retarget"] == "#timeline"
    assert '<span class="badge fs-6 text-bg-secondary">Rejected</span>' in response.content.decode()


def test_plain_post_of_a_rejection_redirects_to_the_reflection(alice_client, application):
    response = alice_client.post(reverse("outcome_edit", args=[application.pk]), outcome_data())
    assert response.status_code == 302
    assert response.url == application.reflections.get().get_absolute_url()


def test_recording_the_outcome_again_updates_the_same_one(alice_client, application):
    url = reverse("outcome_edit", args=[application.pk])
    alice_client.post(url, outcome_data(), headers=HTMX)
    first = Outcome.objects.get(application=application)

    alice_client.post(url, outcome_data(reason="They froze hiring.", decided_on=day(2)))

    assert Outcome.objects.filter(application=application).count() == 1
    outcome = Outcome.objects.get(application=application)
    assert outcome.pk == first.pk
    assert outcome.reason == "They froze hiring."
    assert StatusChange.objects.filter(application=application, to_status="rejected").count() == 1


def test_rejections_go_through_rejection_record(alice_client, application, monkeypatch):
    calls = []
    rejection_record = services.rejection_record

    def spy(**kwargs):
        calls.append(kwargs)
        return rejection_record(**kwargs)

    monkeypatch.setattr(services, "rejection_record", spy)

    alice_client.post(reverse("outcome_edit", args=[application.pk]), outcome_data())

    assert len(calls) == 1
    assert calls[0]["application"] == application


def test_an_offer_sets_the_status_to_offer(alice_client, application):
    response = alice_client.post(
        reverse("outcome_edit", args=[application.pk]),
        outcome_data(result=Outcome.Result.OFFER, stage_reached=Stage.FINAL),
    )

    application.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[application.pk])
    assert application.status == Status.OFFER


def test_editing_an_existing_outcome_shows_its_values(alice_client, application):
    OutcomeFactory(application=application, result=Outcome.Result.WITHDRAWN, reason="Moved city")

    html = alice_client.get(
        reverse("outcome_edit", args=[application.pk]), headers=HTMX
    ).content.decode()

    assert '<option value="withdrawn" selected>' in html
    assert "Moved city" in html
    assert "Edit the outcome" in html


def test_an_outcome_before_the_application_date_is_refused(alice_client, application):
    response = alice_client.post(
        reverse("outcome_edit", args=[application.pk]),
        outcome_data(decided_on=day(40)),
        headers=HTMX,
    )

    html = response.content.decode()
    application.refresh_from_db()
    assert response.status_code == 200
    assert "<html" not in html
    assert "HX-Retarget" not in response
    assert "The outcome cannot be before the application date" in html
    assert not Outcome.objects.exists()
    assert application.status == Status.INTERVIEWING


@pytest.mark.parametrize(
    "bad",
    [
        {"result": "ghosted"},
        {"result": ""},
        {"decided_on": "yesterday"},
        {"decided_on": "99999-12-31"},
        {"decided_on": day(-3)},
        {"stage_reached": "x" * 10_000},
        {"reason": "r" * 100_000},
        {"reason": "null\x00byte"},
    ],
    ids=lambda bad: ",".join(bad),
)
def test_malformed_or_oversized_input_never_500s(alice_client, application, bad):
    response = alice_client.post(
        reverse("outcome_edit", args=[application.pk]), outcome_data(**bad), headers=HTMX
    )

    assert response.status_code == 200
    assert "Not saved: check the fields marked below." in response.content.decode()
    assert not Outcome.objects.exists()


@pytest.fixture
def rejected(application):
    services.outcome_record(application=application, result=Outcome.Result.REJECTED)
    return application


def test_delete_asks_for_confirmation_and_says_the_status_stays(alice_client, rejected):
    response = alice_client.get(reverse("outcome_delete", args=[rejected.pk]))

    html = response.content.decode()
    assert "<html" in html
    assert "Delete outcome?" in html
    assert "the status stays “Rejected”" in html
    assert Outcome.objects.filter(application=rejected).exists()


def test_delete_asks_for_confirmation_in_place_for_htmx(alice_client, rejected):
    response = alice_client.get(reverse("outcome_delete", args=[rejected.pk]), headers=HTMX)

    html = response.content.decode()
    assert "<html" not in html
    assert "Delete this outcome?" in html
    assert "the status stays “Rejected”" in html
    assert Outcome.objects.filter(application=rejected).exists()


def test_delete_post_deletes_the_outcome_only(alice_client, rejected):
    response = alice_client.post(reverse("outcome_delete", args=[rejected.pk]))

    rejected.refresh_from_db()
    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[rejected.pk])
    assert not Outcome.objects.filter(application=rejected).exists()
    assert rejected.status == Status.REJECTED


def test_delete_via_htmx_returns_the_timeline_with_the_outcome_button_back(alice_client, rejected):
    response = alice_client.post(reverse("outcome_delete", args=[rejected.pk]), headers=HTMX)

    html = response.content.decode()
    assert response["HX-Retarget"] == "#timeline"
    assert 'id="outcome-' not in html
    assert "Record the outcome" in html
    assert not Outcome.objects.filter(application=rejected).exists()


def test_deleting_a_missing_outcome_is_404(alice_client, application):
    assert alice_client.get(reverse("outcome_delete", args=[application.pk])).status_code == 404
    assert alice_client.post(reverse("outcome_delete", args=[application.pk])).status_code == 404
