"""Migrations that add constraints handle the rows already there."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("applications", "0002_dashboard_indexes"), ("accounts", "0001_initial")]
AFTER_FEEDBACK = [("applications", "0003_feedback_has_a_date")]
AFTER_EMAIL = [("accounts", "0002_user_email_unique_case_insensitive")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_state():
    """The schema before the constraints; the latest schema again afterwards."""
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    apps = _migrate(BEFORE)
    yield apps
    _migrate(latest)


def test_feedback_without_a_date_gets_one_before_the_check(old_state):
    User = old_state.get_model("accounts", "User")
    Company = old_state.get_model("applications", "Company")
    Application = old_state.get_model("applications", "Application")
    Feedback = old_state.get_model("applications", "Feedback")
    user = User.objects.create(username="old", email="old@example.com")
    company = Company.objects.create(user=user, name="Acme")
    application = Application.objects.create(user=user, company=company, role_title="Analyst")
    said = Feedback.objects.create(application=application, content="Not enough SQL.")
    asked = Feedback.objects.create(application=application, content="")
    dated = Feedback.objects.create(
        application=application, requested_on=datetime.date(2026, 1, 5), content=""
    )
    created_on = timezone.localdate(said.created_at)

    new_apps = _migrate(AFTER_FEEDBACK)

    Feedback = new_apps.get_model("applications", "Feedback")
    said, asked, dated = (Feedback.objects.get(pk=pk) for pk in (said.pk, asked.pk, dated.pk))
    assert (said.requested_on, said.received_on) == (None, created_on)
    assert (asked.requested_on, asked.received_on) == (created_on, None)
    assert (dated.requested_on, dated.received_on) == (datetime.date(2026, 1, 5), None)


def test_duplicate_emails_are_cleared_before_the_unique_check(old_state):
    User = old_state.get_model("accounts", "User")
    old = timezone.now() - datetime.timedelta(days=30)
    recent = timezone.now()
    stale = User.objects.create(username="a1", email="Ann@example.com", last_login=old)
    in_use = User.objects.create(username="a2", email="ann@EXAMPLE.com", last_login=recent)
    never = User.objects.create(username="a3", email="ANN@example.com")
    blank_1 = User.objects.create(username="b1", email="")
    blank_2 = User.objects.create(username="b2", email="")

    new_apps = _migrate(AFTER_EMAIL)

    User = new_apps.get_model("accounts", "User")
    emails = dict(User.objects.values_list("username", "email"))
    assert emails[in_use.username] == "ann@EXAMPLE.com"
    assert emails[stale.username] == ""
    assert emails[never.username] == ""
    assert emails[blank_1.username] == emails[blank_2.username] == ""
