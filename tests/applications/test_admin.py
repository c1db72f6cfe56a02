"""The admin pages of the tracking domain load for a superuser, with data in them."""

import pytest
from django.urls import reverse

from applications.models import FeedbackTheme
from tests.factories import (
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
    OutcomeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["company", "contact", "application", "interview", "outcome", "feedback"]


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def objects(alice):
    interview = InterviewFactory(application__user=alice)
    application = interview.application
    return {
        "company": application.company,
        "contact": ContactFactory(user=alice, company=application.company),
        "application": application,
        "interview": interview,
        "outcome": OutcomeFactory(application=application),
        "feedback": FeedbackFactory(
            application=application, interview=interview, themes=[FeedbackTheme.SKILLS]
        ),
    }


@pytest.mark.parametrize("model", MODELS)
def test_changelist_loads_and_searches(superuser_client, objects, model):
    url = reverse(f"admin:applications_{model}_changelist")
    assert superuser_client.get(url).status_code == 200
    assert superuser_client.get(url, {"q": "Company"}).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_change_page_loads(superuser_client, objects, model):
    url = reverse(f"admin:applications_{model}_change", args=[objects[model].pk])
    assert superuser_client.get(url).status_code == 200


def test_admin_is_closed_to_ordinary_users(alice_client):
    response = alice_client.get(reverse("admin:applications_application_changelist"))
    assert response.status_code == 302
