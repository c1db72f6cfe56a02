"""A NUL byte in any search box or filter is a form error or an ignored filter, never a 500.

PostgreSQL refuses NUL in text (SQLite takes it), so these matter most on PostgreSQL; they
pass on both."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, CompanyFactory, ContactFactory, QuestionFactory

pytestmark = pytest.mark.django_db

NUL = "acme\x00corp"

SEARCHES = [
    ("application_list", {"q": NUL}),
    ("application_list", {"q": NUL, "status": NUL, "source": NUL, "sort": NUL, "show": NUL}),
    ("company_list", {"q": NUL}),
    ("contact_list", {"q": NUL}),
    ("question_list", {"q": NUL}),
    ("action_item_list", {"show": NUL, "q": NUL}),
    ("dashboard", {"q": NUL, "role": NUL, "source": NUL}),
    ("drill_down_list", {"q": NUL, "role": NUL, "source": NUL, "status": NUL}),
]


@pytest.fixture
def alice_with_data(alice):
    company = CompanyFactory(user=alice, name="Acme Corp")
    ApplicationFactory(user=alice, company=company, role_title="Analyst")
    ContactFactory(user=alice, company=company, name="Sam")
    QuestionFactory(user=alice)
    return alice


@pytest.mark.parametrize(("name", "params"), SEARCHES, ids=[f"{n}-{len(p)}" for n, p in SEARCHES])
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_nul_in_a_search_is_never_a_server_error(alice_client, alice_with_data, name, params, htmx):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = alice_client.get(reverse(name), params, **headers)
    assert response.status_code == 200


def test_nul_in_the_application_search_is_reported_and_left_out(alice_client, alice_with_data):
    response = alice_client.get(reverse("application_list"), {"q": NUL})
    assert "Null characters are not allowed" in response.content.decode()
    assert response.context["page_obj"].paginator.count == 1


@pytest.mark.parametrize("name", ["company_list", "contact_list"])
def test_nul_in_the_directory_search_is_ignored(alice_client, alice_with_data, name):
    response = alice_client.get(reverse(name), {"q": NUL})
    assert response.context["page_obj"].paginator.count == 1
    assert response.context["q"] == ""


def test_nul_in_every_dashboard_panel_filter(alice_client, alice_with_data):
    from reflections.panels import PANELS

    for panel in PANELS:
        response = alice_client.get(
            reverse("dashboard_panel", args=[panel]),
            {"q": NUL, "role": NUL},
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200, panel
