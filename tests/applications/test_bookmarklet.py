"""The "Save to Rebound" bookmarklet offered on the settings page."""

import html
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

from applications.forms import QuickAddPrefillForm
from applications.templatetags.bookmarklet import QUICK_ADD_TEXT_MAX, bookmarklet_href

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
    assert f'var q="{quick_add}"' in href
    assert "h=location.href" in href
    assert "encodeURIComponent(h)" in href
    assert "encodeURIComponent(Array.from(document.title)" in href
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


def test_the_bookmarklet_cuts_the_title_by_code_points_and_never_stops_on_it():
    href = unquote(bookmarklet_href("https://example.org/applications/new/"))
    assert "Array.from(document.title).slice(0,1000).join('')" in href
    assert "document.title.slice(" not in href  # would cut an emoji in half
    title_part = href.index("&title=")
    assert href.rindex("try{", 0, title_part) < title_part < href.index("}catch(e){}")


def test_the_bookmarklet_sends_no_more_than_quick_add_reads():
    href = unquote(bookmarklet_href("https://example.org/applications/new/"))
    fields = QuickAddPrefillForm.base_fields
    assert fields["url"].max_length == fields["title"].max_length == QUICK_ADD_TEXT_MAX
    assert f"if(h.length>{QUICK_ADD_TEXT_MAX}){{h=location.origin+location.pathname;}}" in href
    assert f"if(h.length>{QUICK_ADD_TEXT_MAX}){{h='';}}" in href
