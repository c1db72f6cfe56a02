"""The dashboard page: panels that load on their own, filters through htmx, constant queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from applications.models import Stage, Status
from reflections import services as reflection_services
from reflections.panels import PANELS
from reflections.views.dashboard import PANELS_LOADED_AT_ONCE
from tests.factories import (
    ActionItemFactory,
    ApplicationFactory,
    FeedbackFactory,
    InterviewFactory,
    QuestionFactory,
)
from workflows import services

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_page_has_a_lazy_placeholder_for_every_panel(alice_client):
    html = alice_client.get(reverse("dashboard")).content.decode()
    for name in PANELS:
        url = reverse("dashboard_panel", args=[name])
        assert f'hx-get="{url}"' in html
    # The first screen's panels load at once, the others when they scroll into view (or when
    # dashboard.js restores a scroll position), so nine panels never swap in together.
    assert html.count('hx-trigger="load"') == PANELS_LOADED_AT_ONCE
    assert html.count('hx-trigger="intersect once, panel-load-now once"') == (
        len(PANELS) - PANELS_LOADED_AT_ONCE
    )


def test_filters_travel_to_every_panel_url(alice_client):
    html = alice_client.get(
        reverse("dashboard"), {"source": "referral", "role": "data", "applied_from": "2026-01-01"}
    ).content.decode()
    panel_urls = re.findall(r'hx-get="(/dashboard/panels/[^"]+)"', html)
    assert len(panel_urls) == len(PANELS)
    for url in panel_urls:
        assert "source=referral" in url and "role=data" in url and "applied_from=2026-01-01" in url


def test_htmx_filter_request_gets_only_the_panels(alice_client):
    response = alice_client.get(reverse("dashboard"), {"status": "rejected"}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="panels"')
    assert "HX-Request" in response.headers["Vary"]


def test_history_restore_gets_the_full_page(alice_client):
    response = alice_client.get(
        reverse("dashboard"),
        {"status": "rejected"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_HISTORY_RESTORE_REQUEST="true",
    )
    assert "<html" in response.content.decode()


def test_invalid_filters_are_reported_and_ignored(alice_client):
    response = alice_client.get(
        reverse("dashboard"), {"applied_from": "yesterday-ish", "status": "bogus"}
    )
    assert response.status_code == 200
    assert "not understood" in response.content.decode()
    for name in PANELS:
        panel = alice_client.get(
            reverse("dashboard_panel", args=[name]), {"status": "bogus"}, **HTMX
        )
        assert panel.status_code == 200


def test_unknown_panel_is_404(alice_client):
    assert alice_client.get(reverse("dashboard_panel", args=["horoscope"])).status_code == 404


@pytest.mark.parametrize("name", list(PANELS))
def test_each_panel_renders_alone_as_fragment_or_page(alice_client, name):
    fragment = alice_client.get(reverse("dashboard_panel", args=[name]), **HTMX)
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode()
    assert f'id="panel-{name}"' in fragment.content.decode()
    page = alice_client.get(reverse("dashboard_panel", args=[name]))
    assert "<html" in page.content.decode()


def seed(user, count: int) -> None:
    """Applications with every kind of row the panels read, `count` times over."""
    today = timezone.localdate()
    for n in range(count):
        application = ApplicationFactory(
            user=user,
            date_applied=today - datetime.timedelta(days=n % 120),
            source=["job_board", "referral", "recruiter"][n % 3],
            requirements="Python\nSQL",
        )
        interview = InterviewFactory(
            application=application,
            stage=[Stage.PHONE_SCREEN, Stage.TECHNICAL, Stage.FINAL][n % 3],
            rating=1 + n % 5,
            questions=f"Question {n % 7}",
        )
        if n % 4 == 0:
            services.application_change_status(application=application, status=Status.OFFER)
            continue
        services.rejection_record(application=application, reason="Not enough experience")
        FeedbackFactory(application=application, interview=interview, themes=["skills", "budget"])
        reflection = application.reflections.get()
        python, _sql = reflection.requirement_checks.all()
        reflection_services.reflection_save_section(
            reflection=reflection,
            section_key="qualifications",
            requirement_verdicts={python.pk: "missing"},
        )
        reflection_services.reflection_save_section(
            reflection=reflection,
            section_key="performance",
            answers={"perf_confidence": "needs_work", "perf_asked_questions": "went_well"},
        )
        reflection_services.reflection_save_section(
            reflection=reflection,
            section_key="outside_control",
            answers={"outside_budget": "played_a_part"},
        )
    ActionItemFactory.create_batch(max(1, count // 10), user=user)
    QuestionFactory.create_batch(max(1, count // 10), user=user)


def dashboard_queries(client) -> int:
    """Queries for the page plus every panel: what one dashboard view costs."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard")).status_code == 200
        for name in PANELS:
            assert client.get(reverse("dashboard_panel", args=[name]), **HTMX).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_data(client, alice, bob):
    seed(alice, 10)
    seed(bob, 500)
    client.force_login(alice)
    small = dashboard_queries(client)
    client.force_login(bob)
    large = dashboard_queries(client)
    assert small == large


def test_htmx_filter_pushes_a_clean_bookmarkable_url(alice_client):
    response = alice_client.get(
        reverse("dashboard"),
        {"applied_from": "", "status": "", "source": "referral", "role": ""},
        **HTMX,
    )
    assert response["HX-Push-Url"] == "/dashboard/?source=referral"
