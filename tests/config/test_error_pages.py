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


def test_a_request_over_the_size_limit_gets_the_styled_400_page(alice_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = alice_client.post(reverse("application_quick_add"), {"role_title": "x" * 5000})
    assert response.status_code == 400
    html = response.content.decode()
    assert "That request could not be read" in html
    assert "css/app.css" in html
    assert "Go home" in html
