"""One history entry per filter change, on the dashboard and on the list behind a number.

"Apply filters" after changing a field sends the same address twice (the field's `change`,
then the form's `submit`); only the first may push a history entry, or the first Back does
nothing.
"""

import pytest
from django.urls import reverse

from reflections.panels.filters import DashboardFilters

pytestmark = pytest.mark.django_db


def htmx_from(current_url: str) -> dict[str, str]:
    return {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": f"http://testserver{current_url}"}


def test_dashboard_filter_change_pushes_the_new_address(alice_client):
    response = alice_client.get(
        reverse("dashboard"), {"source": "referral"}, **htmx_from("/dashboard/")
    )
    assert response.headers["HX-Push-Url"] == "/dashboard/?source=referral"


def test_dashboard_submit_after_the_change_adds_no_history_entry(alice_client):
    response = alice_client.get(
        reverse("dashboard"),
        {"applied_from": "", "status": "", "source": "referral", "role": ""},
        **htmx_from("/dashboard/?source=referral"),
    )
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "false"


def test_dashboard_same_filters_in_another_order_add_no_history_entry(alice_client):
    response = alice_client.get(
        reverse("dashboard"),
        {"source": "referral", "status": "rejected"},
        **htmx_from("/dashboard/?status=rejected&source=referral"),
    )
    assert response.headers["HX-Push-Url"] == "false"


def test_dashboard_clearing_a_filter_pushes_the_bare_address(alice_client):
    response = alice_client.get(
        reverse("dashboard"), {"source": ""}, **htmx_from("/dashboard/?source=referral")
    )
    assert response.headers["HX-Push-Url"] == "/dashboard/"


def test_drill_down_list_repeat_of_the_same_filters_adds_no_history_entry(alice_client):
    url = DashboardFilters().drill_down(theme="experience")
    path, query = url.split("?")
    response = alice_client.get(f"{url}&q=", **htmx_from(url))
    assert response.headers["HX-Push-Url"] == "false"
    changed = alice_client.get(f"{url}&q=data", **htmx_from(url))
    assert changed.headers["HX-Push-Url"] == f"{path}?{query}&q=data"


def test_drill_down_list_full_page_sets_no_history_header(alice_client):
    response = alice_client.get(DashboardFilters().drill_down(theme="experience"))
    assert "HX-Push-Url" not in response.headers


def test_application_list_filter_change_pushes_the_new_address_once(alice_client):
    url = reverse("application_list")
    first = alice_client.get(url, {"status": "rejected"}, **htmx_from(url))
    assert first.headers["HX-Push-Url"] == f"{url}?status=rejected"
    again = alice_client.get(url, {"status": "rejected"}, **htmx_from(f"{url}?status=rejected"))
    assert again.headers["HX-Push-Url"] == "false"
