"""The names offered while typing a company (quick add, the edit page) or a referrer: only the
user's own, at most eight, those starting with the typed text first, in a fixed number of
queries."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, CompanyFactory, ContactFactory

pytestmark = pytest.mark.django_db

COMPANIES = reverse("company_name_suggestions")
CONTACTS = reverse("contact_name_suggestions")


def options(response) -> list[str]:
    return [value for value, _label in response.context["options"]]


def test_company_names_containing_the_text_those_starting_with_it_first(alice_client, alice):
    for name in ["Big Acme", "Acme Labs", "Globex", "acme"]:
        CompanyFactory(user=alice, name=name)
    response = alice_client.get(COMPANIES, {"company": " ACME "})
    assert response.status_code == 200
    assert options(response) == ["acme", "Acme Labs", "Big Acme"]
    html = response.content.decode()
    assert '<option value="Acme Labs"></option>' in html
    assert "<html" not in html


def test_company_names_are_only_the_users_own(alice_client, alice, bob):
    CompanyFactory(user=alice, name="Acme")
    CompanyFactory(user=bob, name="Acme Bob")
    response = alice_client.get(COMPANIES, {"company": "acme"})
    assert options(response) == ["Acme"]
    assert "Acme Bob" not in response.content.decode()


def test_at_most_eight_names_in_a_fixed_number_of_queries(
    alice_client, alice, django_assert_num_queries
):
    for n in range(20):
        CompanyFactory(user=alice, name=f"Acme {n:02}")
        ContactFactory(user=alice, name=f"Sam {n:02}")
    with django_assert_num_queries(3):  # session, user, the names
        companies = alice_client.get(COMPANIES, {"company": "acme"})
    with django_assert_num_queries(3):
        contacts = alice_client.get(CONTACTS, {"referrer": "sam"})
    assert options(companies) == [f"Acme {n:02}" for n in range(8)]
    assert options(contacts) == [f"Sam {n:02}" for n in range(8)]


def test_with_nothing_typed_the_newest_names_are_offered(alice_client, alice):
    for n in range(10):
        CompanyFactory(user=alice, name=f"Company {n}")
    assert options(alice_client.get(COMPANIES)) == [f"Company {n}" for n in range(9, 1, -1)]


def test_contacts_are_only_the_users_own_with_their_company(alice_client, alice, bob):
    ContactFactory(user=alice, name="Rita", company=CompanyFactory(user=alice, name="Acme"))
    ContactFactory(user=alice, name="Rita", company=None)
    ContactFactory(user=bob, name="Rita Bob")
    response = alice_client.get(CONTACTS, {"referrer": "rit"})
    assert response.context["options"] == [("Rita", "Rita (Acme)"), ("Rita", "Rita")]
    html = response.content.decode()
    assert '<option value="Rita">Rita (Acme)</option>' in html
    assert "Rita Bob" not in html


@pytest.mark.parametrize("typed", ["a\x00b", "x" * 500])
@pytest.mark.parametrize(("url", "name"), [(COMPANIES, "company"), (CONTACTS, "referrer")])
def test_unreadable_text_suggests_nothing(alice_client, alice, url, name, typed):
    CompanyFactory(user=alice, name="Acme")
    ContactFactory(user=alice, name="Rita")
    response = alice_client.get(url, {name: typed})
    assert response.status_code == 200
    assert response.context["options"] == []


@pytest.mark.parametrize("url", [COMPANIES, CONTACTS])
def test_suggestions_need_a_login(client, url):
    assert client.get(url).url.startswith(reverse("login"))


@pytest.mark.parametrize("url", [COMPANIES, CONTACTS])
def test_suggestions_are_read_only(alice_client, url):
    assert alice_client.post(url).status_code == 405


def test_the_company_and_referrer_boxes_ask_for_suggestions_as_you_type(alice_client, alice):
    application = ApplicationFactory(user=alice)
    html = alice_client.get(reverse("application_edit", args=[application.pk])).content.decode()
    assert f'hx-get="{COMPANIES}"' in html
    assert f'hx-get="{CONTACTS}"' in html
    assert 'list="company-names"' in html and '<datalist id="company-names">' in html
    assert 'list="referrer-names"' in html and '<datalist id="referrer-names">' in html
    quick_add = alice_client.get(reverse("application_quick_add")).content.decode()
    assert f'hx-get="{COMPANIES}"' in quick_add
