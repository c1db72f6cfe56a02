"""The company views: list with search and pagination, create, detail, edit and delete."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Application, Company, Interview
from tests.factories import ApplicationFactory, CompanyFactory, ContactFactory, InterviewFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_list_shows_own_companies_with_application_counts(alice_client, alice, bob):
    acme = CompanyFactory(user=alice, name="Acme", industry="Rockets", website="https://acme.test")
    ApplicationFactory.create_batch(2, user=alice, company=acme)
    CompanyFactory(user=bob, name="Bob's Secret Co")
    response = alice_client.get(reverse("company_list"))
    assert response.status_code == 200
    assert [c.application_count for c in response.context["page_obj"]] == [2]
    html = response.content.decode()
    assert "Acme" in html and "Rockets" in html
    assert 'href="https://acme.test"' in html
    assert "Bob&#x27;s Secret Co" not in html


def test_list_with_no_companies_shows_empty_state(alice_client):
    response = alice_client.get(reverse("company_list"))
    assert "No companies yet" in response.content.decode()


def test_list_search_matches_name_case_insensitively(alice_client, alice):
    CompanyFactory(user=alice, name="Acme Rockets")
    CompanyFactory(user=alice, name="Globex")
    response = alice_client.get(reverse("company_list"), {"q": "rocket"})
    assert [c.name for c in response.context["page_obj"]] == ["Acme Rockets"]


def test_list_search_without_match_says_so(alice_client, alice):
    CompanyFactory(user=alice, name="Globex")
    response = alice_client.get(reverse("company_list"), {"q": "zzz"})
    html = response.content.decode()
    assert "No company matches" in html
    assert "No companies yet" not in html


def test_list_paginates_25_per_page_keeping_the_search(alice_client, alice):
    for n in range(30):
        CompanyFactory(user=alice, name=f"Acme {n:02}")
    first = alice_client.get(reverse("company_list"), {"q": "acme"})
    assert len(first.context["page_obj"]) == 25
    assert "?q=acme&amp;page=2" in first.content.decode()
    second = alice_client.get(reverse("company_list"), {"q": "acme", "page": 2})
    assert [c.name for c in second.context["page_obj"]] == [f"Acme {n}" for n in range(25, 30)]


def test_list_ignores_a_bad_page_number(alice_client, alice):
    CompanyFactory(user=alice)
    response = alice_client.get(reverse("company_list"), {"page": "nope"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_htmx_search_gets_only_the_results_fragment(alice_client, alice):
    CompanyFactory(user=alice, name="Acme")
    response = alice_client.get(reverse("company_list"), {"q": "ac"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html
    assert "Acme" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(alice_client, alice):
    response = alice_client.get(
        reverse("company_list"), {"q": "ac"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX
    )
    assert "<html" in response.content.decode()


def _query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_makes_the_same_number_of_queries_for_5_and_60_companies(
    alice_client, alice, django_assert_num_queries
):
    for _ in range(5):
        ApplicationFactory(user=alice)
    url = reverse("company_list")
    few = _query_count(alice_client, url)
    for _ in range(55):
        ApplicationFactory(user=alice)
    with django_assert_num_queries(few):
        alice_client.get(url)


def test_create_saves_the_company_for_the_user(alice_client, alice):
    response = alice_client.post(
        reverse("company_create"),
        {"name": "  Acme   Rockets ", "website": "acme.test", "industry": "Space", "notes": ""},
    )
    company = Company.objects.get(user=alice)
    assert response.status_code == 302
    assert response.url == reverse("company_detail", args=[company.pk])
    assert company.name == "Acme Rockets"
    assert company.website == "https://acme.test"
    assert "Added Acme Rockets." in [str(m) for m in get_messages(response.wsgi_request)]


def test_create_refuses_a_duplicate_name_in_another_case(alice_client, alice):
    CompanyFactory(user=alice, name="Acme")
    response = alice_client.post(reverse("company_create"), {"name": "ACME"})
    assert response.status_code == 200
    assert "already have a company with this name" in response.content.decode()
    assert Company.objects.filter(user=alice).count() == 1


def test_create_allows_a_name_another_user_has(alice_client, alice, bob):
    CompanyFactory(user=bob, name="Acme")
    response = alice_client.post(reverse("company_create"), {"name": "Acme"})
    assert response.status_code == 302
    assert Company.objects.filter(user=alice, name="Acme").exists()


def test_create_with_malformed_website_shows_an_error(alice_client, alice):
    response = alice_client.post(
        reverse("company_create"), {"name": "Acme", "website": "http://exa mple..com"}
    )
    assert response.status_code == 200
    assert "Enter a valid URL" in response.content.decode()
    assert not Company.objects.exists()


def test_create_with_oversized_name_shows_an_error(alice_client, alice):
    response = alice_client.post(reverse("company_create"), {"name": "x" * 201})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    assert not Company.objects.exists()


def test_detail_lists_its_applications_and_contacts(alice_client, alice):
    company = CompanyFactory(user=alice, name="Acme")
    application = ApplicationFactory(user=alice, company=company, role_title="Data Engineer")
    ContactFactory(user=alice, company=company, name="Rita Recruiter", email="rita@acme.test")
    ApplicationFactory(user=alice, role_title="Elsewhere")
    response = alice_client.get(reverse("company_detail", args=[company.pk]))
    html = response.content.decode()
    assert "Data Engineer" in html
    assert f'href="{reverse("application_detail", args=[application.pk])}"' in html
    assert "Applied" in html
    assert "Elsewhere" not in html
    assert "Rita Recruiter" in html
    assert 'href="mailto:rita@acme.test"' in html


def test_edit_saves_changes(alice_client, alice):
    company = CompanyFactory(user=alice, name="Acme")
    response = alice_client.post(
        reverse("company_edit", args=[company.pk]), {"name": "acme", "industry": "Retail"}
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.industry) == ("acme", "Retail")


def test_edit_refuses_the_name_of_another_of_your_companies(alice_client, alice):
    CompanyFactory(user=alice, name="Globex")
    company = CompanyFactory(user=alice, name="Acme")
    response = alice_client.post(reverse("company_edit", args=[company.pk]), {"name": "GLOBEX"})
    assert response.status_code == 200
    assert "already have a company with this name" in response.content.decode()
    company.refresh_from_db()
    assert company.name == "Acme"


def test_delete_asks_for_confirmation_naming_the_applications_that_go(alice_client, alice):
    company = CompanyFactory(user=alice, name="Acme")
    ApplicationFactory.create_batch(3, user=alice, company=company)
    response = alice_client.get(reverse("company_delete", args=[company.pk]))
    assert response.status_code == 200
    assert "3 applications at this company" in response.content.decode()
    assert Company.objects.filter(pk=company.pk).exists()


def test_delete_removes_the_company_and_its_applications(alice_client, alice):
    company = CompanyFactory(user=alice, name="Acme")
    application = ApplicationFactory(user=alice, company=company)
    InterviewFactory(application=application)
    contact = ContactFactory(user=alice, company=company)
    kept = ApplicationFactory(user=alice)
    response = alice_client.post(reverse("company_delete", args=[company.pk]))
    assert response.status_code == 302
    assert response.url == reverse("company_list")
    assert not Company.objects.filter(pk=company.pk).exists()
    assert list(Application.objects.all()) == [kept]
    assert not Interview.objects.exists()
    contact.refresh_from_db()
    assert contact.company is None
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Deleted Acme and 1 application."]


@pytest.mark.parametrize("name", ["company_detail", "company_edit", "company_delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_users_company_is_404(alice_client, bob, name, method):
    company = CompanyFactory(user=bob)
    response = getattr(alice_client, method)(reverse(name, args=[company.pk]), {"name": "Mine"})
    assert response.status_code == 404
    assert Company.objects.filter(pk=company.pk, name=company.name).exists()
