"""Quick add: company, role, posting URL and date, in one form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Company, Status, StatusChange
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

URL = reverse("application_quick_add")


def valid_data(**overrides) -> dict[str, str]:
    data = {
        "company": "Acme",
        "role_title": "Data analyst",
        "posting_url": "https://jobs.example.com/123",
        "date_applied": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
    }
    return {**data, **overrides}


def test_form_offers_the_users_company_names(alice_client, alice, bob):
    CompanyFactory(user=alice, name="Acme")
    CompanyFactory(user=bob, name="Bobco")
    response = alice_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<datalist id="company-names">' in content
    assert 'list="company-names"' in content
    assert '<option value="Acme">' in content
    assert "Bobco" not in content


def test_quick_add_creates_company_application_and_first_step(alice_client, alice):
    response = alice_client.post(URL, valid_data())
    application = Application.objects.get(user=alice)
    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[application.pk])
    assert application.company.name == "Acme"
    assert application.company.user == alice
    assert application.role_title == "Data analyst"
    assert application.posting_url == "https://jobs.example.com/123"
    assert application.date_applied == timezone.localdate() - datetime.timedelta(days=1)
    assert application.status == Status.APPLIED
    assert list(
        StatusChange.objects.filter(application=application).values_list("from_status", "to_status")
    ) == [("", Status.APPLIED)]


def test_quick_add_says_it_worked(alice_client, alice):
    response = alice_client.post(URL, valid_data())
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["Added Data analyst at Acme."]


def test_quick_add_reuses_an_existing_company_whatever_its_case(alice_client, alice):
    existing = CompanyFactory(user=alice, name="Acme Corp")
    alice_client.post(URL, valid_data(company="  acme   CORP "))
    assert Company.objects.filter(user=alice).count() == 1
    assert Application.objects.get(user=alice).company == existing


def test_quick_add_adds_a_scheme_to_a_bare_posting_url(alice_client, alice):
    alice_client.post(URL, valid_data(posting_url="jobs.example.com/123"))
    assert Application.objects.get(user=alice).posting_url == "https://jobs.example.com/123"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"role_title": ""}, "This field is required."),
        ({"role_title": "   "}, "This field is required."),
        ({"company": ""}, "This field is required."),
        ({"posting_url": "not a url"}, "Enter a valid URL."),
        (
            {"date_applied": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
            "The application date cannot be in the future.",
        ),
        ({"date_applied": "yesterday"}, "Enter a valid date."),
        ({"role_title": "x" * 500}, "Ensure this value has at most 200 characters"),
    ],
)
def test_invalid_quick_add_re_renders_with_messages_and_creates_nothing(
    alice_client, alice, overrides, error
):
    response = alice_client.post(URL, valid_data(**overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content
    assert "The application was not added" in content
    assert not Application.objects.exists()
    assert not Company.objects.exists()
    assert not StatusChange.objects.exists()


def test_quick_add_rejects_other_methods(alice_client):
    assert alice_client.put(URL).status_code == 405


def test_anonymous_user_is_sent_to_login(client):
    response = client.post(URL, valid_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Application.objects.exists()
