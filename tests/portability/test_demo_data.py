"""What the demo account contains: a history the services would write, something in every home
reminder, and every dashboard panel filled. Seeded once for the module (seeding takes seconds)."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import DEMO_USERNAME, User
from applications.models import Application, Interview, Milestone, Stage, StatusChange
from applications.selectors.reminders import reminders_for_user
from portability.demo import demo_user
from reflections.models import Reflection
from reflections.panels import PANELS
from reflections.panels.filters import DashboardFilters

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=io.StringIO())
        yield demo_user()
        User.objects.filter(username=DEMO_USERNAME).delete()


def test_the_history_is_what_the_services_write(demo):
    applications = Application.objects.filter(user=demo)
    # Every application starts its history with a step, and its status is its latest step.
    for application in applications.prefetch_related("status_changes"):
        steps = list(application.status_changes.all())
        assert steps and steps[0].from_status == ""
        assert steps[-1].to_status == application.status
    assert not StatusChange.objects.filter(
        application__user=demo, changed_at__gt=timezone.now()
    ).exists()
    sources = set(applications.values_list("source", flat=True))
    assert len(sources) >= 5
    stages = set(Interview.objects.filter(application__user=demo).values_list("stage", flat=True))
    assert stages >= {
        Stage.RECRUITER_SCREEN,
        Stage.PHONE_SCREEN,
        Stage.TECHNICAL,
        Stage.SKILLS_TEST,
        Stage.PANEL,
        Stage.ON_SITE,
        Stage.FINAL,
    }
    reflections = Reflection.objects.filter(user=demo)
    assert reflections.filter(finished_at__isnull=False).count() >= 10
    assert reflections.filter(finished_at__isnull=True).exists()


def test_the_home_page_has_something_in_every_reminder(demo):
    reminders = reminders_for_user(demo)
    assert reminders.upcoming_interviews
    assert reminders.debriefs_missing
    assert reminders.thank_yous_due
    assert reminders.no_news


# What "filled" means for each panel: the data its template shows instead of its empty text.
def funnel_filled(data):
    steps = {step["label"]: step["value"] for step in data["steps"]}
    return (
        data["total"] > 0
        and all(steps[milestone.label.capitalize()] > 0 for milestone in Milestone)
        and len(data["rejections_chart"].bars) >= 3
        and data["first_interview"]["decided"] > 0
    )


def reasons_filled(data):
    return data["has_reasons"] and data["within"].bars and data["outside"].bars


def weaknesses_filled(data):
    trends = {bar["trend"] for bar in data["chart"].bars} if data["chart"] else set()
    return bool(trends - {"not enough data"})


def qualifications_filled(data):
    return data["chart"] is not None and len(data["chart"].bars) >= 3


def went_well_filled(data):
    return data["chart"] is not None and data["verdict"] != "not enough data"


def feedback_filled(data):
    return (
        data["ended"] > 0
        and data["asked"]["value"] > 0
        and data["received"]["value"] > 0
        and data["no_response"]["value"] > 0
        and data["waits"] > 0
        and data["median_days"] is not None
    )


def sources_filled(data):
    return len(data["sources"]) >= 5 and any(source["offers"] for source in data["sources"])


def practice_filled(data):
    return data["open_count"] > 0 and data["overdue_count"] > 0 and bool(data["questions"])


def activity_filled(data):
    return (
        data["has_activity"]
        and len(data["applications_chart"].bars) >= 10
        and len(data["interviews_chart"].bars) >= 10
    )


FILLED = {
    "funnel": funnel_filled,
    "reasons": reasons_filled,
    "weaknesses": weaknesses_filled,
    "qualifications": qualifications_filled,
    "went_well": went_well_filled,
    "feedback": feedback_filled,
    "sources": sources_filled,
    "practice": practice_filled,
    "activity": activity_filled,
}


def test_every_panel_has_a_filled_check():
    assert set(FILLED) == set(PANELS)


@pytest.mark.parametrize("name", sorted(PANELS))
def test_every_dashboard_panel_is_filled(demo, name):
    data = PANELS[name].compute(demo, DashboardFilters())
    assert FILLED[name](data), data


def test_every_panel_page_renders_for_the_demo_user(client, demo):
    client.force_login(demo)
    for name in PANELS:
        response = client.get(reverse("dashboard_panel", args=[name]))
        assert response.status_code == 200, name
