"""Deleting an application or a company lists everything that goes with it, across both
domains, and offers the export first."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reflections.models import ActionItem, FollowUp, Reflection, ReflectionAnswer
from tests.factories import (
    ActionItemFactory,
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
    OutcomeFactory,
    ReflectionFactory,
)

pytestmark = pytest.mark.django_db


def _with_everything(alice, company=None):
    application = ApplicationFactory(
        user=alice, role_title="Analyst", **({"company": company} if company else {})
    )
    interview = InterviewFactory(application=application)
    FeedbackFactory(application=application, interview=interview)
    OutcomeFactory(application=application)
    reflection = ReflectionFactory(application=application)
    for n in range(3):
        ReflectionAnswer.objects.create(
            reflection=reflection, section_key="s", item_key=f"i{n}", text="x"
        )
    FollowUp.objects.create(
        user=alice,
        application=application,
        kind=FollowUp.Kind.REJECTION_THANKS,
        subject="Thanks",
        body="Thank you",
        sent_on=timezone.localdate(),
    )
    ActionItemFactory(user=alice, reflection=reflection)
    return application


def test_application_delete_lists_reflections_with_answers_and_the_rest(alice_client, alice):
    application = _with_everything(alice)
    response = alice_client.get(reverse("application_delete", args=[application.pk]))
    assert response.status_code == 200
    assert response.context["consequences"] == [
        "A draft reflection (after a rejection), with 3 answers",
        "1 follow-up message",
        "1 interview",
        "1 piece of feedback",
        "1 recorded outcome",
    ]
    assert response.context["kept"] == [
        "1 action item from these reflections: they stay in your action items, "
        "no longer linked to a reflection."
    ]
    html = response.content.decode()
    assert "with 3 answers" in html
    assert f'href="{reverse("export_json")}"' in html
    assert "Download everything first" in html


def test_application_delete_does_what_the_page_said(alice_client, alice):
    application = _with_everything(alice)
    alice_client.post(reverse("application_delete", args=[application.pk]))
    assert not Reflection.objects.exists()
    assert not ReflectionAnswer.objects.exists()
    assert not FollowUp.objects.exists()
    assert ActionItem.objects.get().reflection is None


def test_company_delete_lists_its_applications_and_everything_under_them(alice_client, alice):
    company = CompanyFactory(user=alice, name="Acme")
    _with_everything(alice, company)
    ApplicationFactory(
        user=alice, company=company, role_title="Engineer", date_applied=datetime.date(2026, 1, 1)
    )
    ContactFactory(user=alice, company=company)
    response = alice_client.get(reverse("company_delete", args=[company.pk]))
    consequences = response.context["consequences"]
    assert consequences[0] == "2 applications at this company: Analyst, Engineer"
    assert consequences[1].startswith("A draft reflection on Analyst at Acme")
    assert consequences[1].endswith("with 3 answers")
    assert "1 follow-up message" in consequences
    assert response.context["kept"][-1] == "1 contact stays in your contacts, without a company."
    assert f'href="{reverse("export_json")}"' in response.content.decode()


def test_other_users_application_delete_is_404(alice_client, bob):
    application = ApplicationFactory(user=bob)
    assert alice_client.get(reverse("application_delete", args=[application.pk])).status_code == 404
