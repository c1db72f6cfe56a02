"""The sources page: the five articles the checklist paraphrases, and which items cite each."""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.http import AuthenticatedHttpRequest
from reflections import checklist


@dataclass(frozen=True)
class Citation:
    item: checklist.Item
    headings: list[str]  # the headings of the article the item cites; empty for the whole article


@dataclass(frozen=True)
class CitingSection:
    section: checklist.Section
    citations: list[Citation]


def _citing_sections(article: checklist.Article, version: int) -> list[CitingSection]:
    """The sections with items citing the article, in checklist order."""
    grouped: dict[str, CitingSection] = {}
    for section, item in checklist.items_citing(article.title, version):
        headings = [
            source.heading
            for source in item.sources
            if source.title == article.title and source.heading
        ]
        grouped.setdefault(section.key, CitingSection(section, [])).citations.append(
            Citation(item, headings)
        )
    return list(grouped.values())


@require_safe
def source_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    version = checklist.CURRENT_VERSION
    articles = [
        {"article": article, "sections": _citing_sections(article, version)}
        for article in checklist.ARTICLES
    ]
    return render(
        request, "reflections/source_list.html", {"articles": articles, "version": version}
    )
