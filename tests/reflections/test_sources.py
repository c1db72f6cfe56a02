"""The sources page: the five articles, and under each the checklist items that cite it."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify

from reflections import checklist
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def _article_html(html: str, title: str) -> str:
    match = re.search(rf'<article id="{slugify(title)}".*?</article>', html, flags=re.S)
    assert match, f"no block for the article {title!r}"
    return match.group(0)


def test_lists_all_five_articles_with_publisher_and_headings(alice_client):
    html = alice_client.get(reverse("source_list")).content.decode()
    assert len(checklist.ARTICLES) == 5
    for article in checklist.ARTICLES:
        block = _article_html(html, article.title)
        assert escape(article.title) in block
        assert escape(article.publisher) in block
        for heading in article.headings:
            assert escape(heading) in block


def test_each_article_lists_the_items_citing_it_with_the_heading(alice_client):
    html = alice_client.get(reverse("source_list")).content.decode()
    for article in checklist.ARTICLES:
        block = _article_html(html, article.title)
        citing = checklist.items_citing(article.title)
        assert citing, article.title
        for section, item in citing:
            assert escape(item.label) in block, (article.title, item.key)
            assert escape(section.title) in block, (article.title, section.key)


def test_an_item_shows_the_heading_it_cites(alice_client):
    html = alice_client.get(reverse("source_list")).content.decode()
    block = _article_html(html, checklist.GREAT_INTERVIEW)
    assert re.search(
        r"An internal candidate\s*<span[^>]*>\s*From “1\.2\. Internal Candidate Advantage”", block
    )
    whole = _article_html(html, checklist.BOUNCE_BACK)
    assert "From the article as a whole" in whole


def test_says_what_the_sources_are_and_the_checklist_version(alice_client):
    html = alice_client.get(reverse("source_list")).content.decode()
    assert "Every checklist item paraphrases advice from these five articles" in html
    assert f"Checklist version {checklist.CURRENT_VERSION}" in html


def test_follow_up_guides_link_to_an_article_on_this_page(alice_client, alice):
    application = ApplicationFactory(user=alice)
    page = alice_client.get(reverse("follow_up_compose", args=[application.pk, "comparison"]))
    anchor = re.search(r'href="/sources/#([^"]+)"', page.content.decode()).group(1)
    html = alice_client.get(reverse("source_list")).content.decode()
    assert f'<article id="{anchor}"' in html


def test_needs_login(client):
    response = client.get(reverse("source_list"))
    assert response.status_code == 302
