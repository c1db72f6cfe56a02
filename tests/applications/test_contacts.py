"""The contact views: list with search and pagination, create, edit and delete."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.models import Contact
from tests.factories import CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db


def test_list_shows_own_contacts_with_links(alice_client, alice, bob):
    ContactFactory(
        user=alice,
        name="Rita Recruiter",
        company=CompanyFactory(user=alice, name="Acme"),
        email="rita@acme.test",
        phone="+44 20 7946 0000",
        profile_url="https://linkedin.test/rita",
    )
    ContactFactory(user=bob, name="Bob's Friend")
    response = alice_client.get(reverse("contact_list"))
    html = response.content.decode()
    assert "Rita Recruiter" in html and "Recruiter" in html and "Acme" in html
    assert 'href="mailto:rita@acme.test"' in html
    assert 'href="tel:+442079460000"' in html
    assert 'href="https://linkedin.test/rita" target="_blank" rel="noopener"' in html
    assert "Bob&#x27;s Friend" not in html


def test_list_with_no_contacts_shows_empty_state(alice_client):
    response = alice_client.get(reverse("contact_list"))
    assert "No contacts yet" in response.content.decode()


def test_list_search_matches_name_or_company(alice_client, alice):
    ContactFactory(user=alice, name="Rita", company=CompanyFactory(user=alice, name="Acme"))
    ContactFactory(user=alice, name="Sam", company=CompanyFactory(user=alice, name="Globex"))
    by_name = alice_client.get(reverse("contact_list"), {"q": "rit"})
    by_company = alice_client.get(reverse("contact_list"), {"q": "globex"})
    assert [c.name for c in by_name.context["page_obj"]] == ["Rita"]
    assert [c.name for c in by_company.context["page_obj"]] == ["Sam"]


def test_list_search_without_match_says_so(alice_client, alice):
    ContactFactory(user=alice)
    response = alice_client.get(reverse("contact_list"), {"q": "zzz"})
    assert "No contact matches" in response.content.decode()


def test_list_paginates_25_per_page(alice_client, alice):
    for n in range(27):
        ContactFactory(user=alice, name=f"Person {n:02}", company=None)
    first = alice_client.get(reverse("contact_list"))
    second = alice_client.get(reverse("contact_list"), {"page": 2})
    assert len(first.context["page_obj"]) == 25
    assert [c.name for c in second.context["page_obj"]] == ["Person 25", "Person 26"]


def test_htmx_search_gets_only_the_results_fragment(alice_client, alice):
    ContactFactory(user=alice, name="Rita")
    response = alice_client.get(reverse("contact_list"), {"q": "ri"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "Rita" in html
    assert "HX-Request" in response["Vary"]


def test_list_makes_the_same_number_of_queries_for_5_and_60_contacts(
    alice_client, alice, django_assert_num_queries
):
    ContactFactory.create_batch(5, user=alice)
    url = reverse("contact_list")
    with CaptureQueriesContext(connection) as few:
        alice_client.get(url)
    ContactFactory.create_batch(55, user=alice)
    with django_assert_num_queries(len(few)):
        alice_client.get(url)


def test_create_saves_the_contact_for_the_user(alice_client, alice):
    company = CompanyFactory(user=alice)
    response = alice_client.post(
        reverse("contact_create"),
        {"name": "Rita", "role": "recruiter", "company": company.pk, "email": "rita@acme.test"},
    )
    assert response.status_code == 302
    assert response.url == reverse("contact_list")
    contact = Contact.objects.get()
    assert (contact.user, contact.company, contact.email) == (alice, company, "rita@acme.test")


def test_create_from_a_company_page_preselects_it(alice_client, alice):
    company = CompanyFactory(user=alice)
    response = alice_client.get(reverse("contact_create"), {"company": company.pk})
    assert response.context["form"]["company"].value() == str(company.pk)


def test_create_cannot_link_another_users_company(alice_client, bob):
    response = alice_client.post(
        reverse("contact_create"),
        {"name": "Rita", "role": "recruiter", "company": CompanyFactory(user=bob).pk},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Contact.objects.exists()


def test_create_with_malformed_email_shows_an_error(alice_client):
    response = alice_client.post(
        reverse("contact_create"), {"name": "Rita", "role": "recruiter", "email": "rita@"}
    )
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()


def test_edit_saves_changes(alice_client, alice):
    contact = ContactFactory(user=alice, name="Rita")
    response = alice_client.post(
        reverse("contact_edit", args=[contact.pk]),
        {"name": "Rita Moreno", "role": "hiring_manager", "profile_url": "linkedin.test/rita"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.role, contact.company) == ("Rita Moreno", "hiring_manager", None)
    assert contact.profile_url == "https://linkedin.test/rita"


def test_delete_asks_for_confirmation(alice_client, alice):
    contact = ContactFactory(user=alice, name="Rita")
    response = alice_client.get(reverse("contact_delete", args=[contact.pk]))
    assert response.status_code == 200
    assert "Delete contact?" in response.content.decode()
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_delete_removes_the_contact(alice_client, alice):
    contact = ContactFactory(user=alice, name="Rita")
    response = alice_client.post(reverse("contact_delete", args=[contact.pk]))
    assert response.status_code == 302
    assert response.url == reverse("contact_list")
    assert not Contact.objects.filter(pk=contact.pk).exists()


@pytest.mark.parametrize("name", ["contact_edit", "contact_delete"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_users_contact_is_404(alice_client, bob, name, method):
    contact = ContactFactory(user=bob, name="Bob's Friend")
    response = getattr(alice_client, method)(
        reverse(name, args=[contact.pk]), {"name": "Mine", "role": "other"}
    )
    assert response.status_code == 404
    assert Contact.objects.filter(pk=contact.pk, name="Bob's Friend").exists()
