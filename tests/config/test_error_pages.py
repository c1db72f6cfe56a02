import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_csrf_failure_for_htmx_is_a_short_message(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("application_quick_add"), {}, HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert "Reload the page" in response.content.decode()


def test_csrf_failure_for_a_browser_is_a_page(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("application_quick_add"), {})
    assert response.status_code == 403
    assert "Please reload the page" in response.content.decode()


def test_404_page_is_friendly(alice_client):
    response = alice_client.get("/no/such/page/")
    assert response.status_code == 404
    assert "belongs to someone else" in response.content.decode()
