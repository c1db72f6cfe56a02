"""The "Save to Rebound" bookmarklet offered on the settings page."""

import html
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from applications.templatetags.bookmarklet import bookmarklet_href

pytestmark = pytest.mark.django_db


def link_href(page: str) -> str:
    match = re.search(r'<a [^>]*href="([^"]*)"[^>]*>Save to Rebound</a>', page)
    assert match, "no Save to Rebound link"
    return html.unescape(match[1])


def test_settings_offer_the_bookmarklet_for_this_site(alice_client):
    response = alice_client.get(reverse("account_settings"))
    page = response.content.decode()
    href = link_href(page)
    assert href.startswith("javascript:")
    quick_add = f"http://testserver{reverse('application_quick_add')}"
    assert f'var u="{quick_add}"' in href
    assert "encodeURIComponent(location.href)" in href
    assert "encodeURIComponent(document.title" in href
    assert "drag the button above to your bookmarks bar" in page
    # The same code to copy on a phone.
    assert html.escape(href) in page.split('id="bookmarklet-code"')[1]


def test_the_bookmarklet_follows_the_requests_scheme_and_host(client, alice, settings):
    settings.ALLOWED_HOSTS = ["rebound.example.org"]
    client.force_login(alice)
    response = client.get(
        reverse("account_settings"), headers={"host": "rebound.example.org"}, secure=True
    )
    assert '"https://rebound.example.org/applications/new/"' in link_href(response.content.decode())


def test_a_percent_sign_survives_the_decoding_of_a_javascript_address():
    href = bookmarklet_href("https://example.org/r%C3%A9/applications/new/")
    assert '"https://example.org/r%C3%A9/applications/new/"' in unquote(href)
