"""Every checklist item cites real advice: an article of the five, and a heading it really has."""

import os
from pathlib import Path

import pytest

from reflections import checklist
from reflections.checklist import ARTICLES, CHECKLISTS, Control

ARTICLES_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "articles"
ARTICLES_BY_TITLE = {article.title: article for article in ARTICLES}
EXPECTED_SECTIONS_V1 = [
    "fit",
    "qualifications",
    "preparation",
    "performance",
    "strengths",
    "cv",
    "outside_control",
    "feedback",
    "follow_ups",
    "perspective",
    "actions",
]
# Version 2: perspective and what went well first, then what you control, then what you don't,
# then the next steps.
EXPECTED_SECTIONS = {
    1: EXPECTED_SECTIONS_V1,
    2: [
        "perspective",
        "strengths",
        "fit",
        "qualifications",
        "cv",
        "preparation",
        "performance",
        "feedback",
        "follow_ups",
        "outside_control",
        "actions",
    ],
}

VERSIONS = sorted(CHECKLISTS)
ITEMS = [
    pytest.param(version, section, item, id=f"v{version}-{item.key}")
    for version in VERSIONS
    for section in CHECKLISTS[version]
    for item in section.items
]
SOURCES = [
    pytest.param(version, item, source, id=f"v{version}-{item.key}-{n}")
    for version in VERSIONS
    for section in CHECKLISTS[version]
    for item in section.items
    for n, source in enumerate(item.sources)
]


def _where(version: int, item: checklist.Item) -> str:
    return f"checklist v{version}, item {item.key!r}"


@pytest.fixture(scope="module")
def article_files() -> dict[str, list[str]]:
    """Each article file's lines, stripped, by file name."""
    if not ARTICLES_DIR.is_dir():
        if os.environ.get("REBOUND_REQUIRE_ARTICLES") == "1":
            pytest.fail(f"REBOUND_REQUIRE_ARTICLES=1 but {ARTICLES_DIR} is missing")
        pytest.skip(f"the article texts are not present at {ARTICLES_DIR}")
    files = {
        path.name: [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        for path in sorted(ARTICLES_DIR.iterdir())
        if path.is_file()
    }
    if not files:
        pytest.skip(f"no article files in {ARTICLES_DIR}")
    return files


def _files_with_title(article_files: dict[str, list[str]], title: str) -> list[str]:
    """The files the title occurs in: as a line of its own if any, else anywhere in the text."""
    as_line = [name for name, lines in article_files.items() if title in lines]
    if as_line:
        return as_line
    return [name for name, lines in article_files.items() if title in "\n".join(lines)]


def test_there_are_five_articles_with_distinct_titles():
    titles = [article.title for article in ARTICLES]
    assert len(titles) == 5, titles
    assert len(set(titles)) == len(titles), f"duplicate article titles: {titles}"


@pytest.mark.parametrize("version", VERSIONS)
def test_sections_are_the_expected_ones_in_order(version):
    keys = [section.key for section in CHECKLISTS[version]]
    assert len(keys) == len(set(keys)), f"checklist v{version}: duplicate section keys in {keys}"
    assert keys == EXPECTED_SECTIONS[version], f"checklist v{version}: sections are {keys}"


@pytest.mark.parametrize("version", VERSIONS)
def test_item_keys_are_unique_within_a_version(version):
    keys = [item.key for section in CHECKLISTS[version] for item in section.items]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert duplicates == [], f"checklist v{version}: duplicate item keys {duplicates}"


@pytest.mark.parametrize("version", VERSIONS)
def test_every_section_has_items(version):
    empty = [section.key for section in CHECKLISTS[version] if not section.items]
    assert empty == [], f"checklist v{version}: sections without items {empty}"


@pytest.mark.parametrize("version", VERSIONS)
def test_outside_control_items_are_marked_outside(version):
    section = checklist.section_by_key("outside_control", version)
    within = [item.key for item in section.items if item.control != Control.OUTSIDE]
    assert within == [], f"checklist v{version}: outside_control items not marked OUTSIDE {within}"


@pytest.mark.parametrize("version", VERSIONS)
def test_every_article_is_cited(version):
    uncited = [
        article.title for article in ARTICLES if not checklist.items_citing(article.title, version)
    ]
    assert uncited == [], f"checklist v{version}: no item cites {uncited}"


@pytest.mark.parametrize(("version", "section", "item"), ITEMS)
def test_every_item_has_a_source(version, section, item):
    assert item.sources, f"{_where(version, item)} (section {section.key!r}) cites nothing"


@pytest.mark.parametrize(("version", "item", "source"), SOURCES)
def test_source_names_one_of_the_articles_and_one_of_its_headings(version, item, source):
    article = ARTICLES_BY_TITLE.get(source.title)
    assert article is not None, (
        f"{_where(version, item)} cites {source.title!r}, which is not one of the five articles"
    )
    if article.headings:
        assert source.heading in article.headings, (
            f"{_where(version, item)} cites heading {source.heading!r} of {source.title!r}, "
            f"which has the headings {list(article.headings)}"
        )
    else:
        assert source.heading == "", (
            f"{_where(version, item)} cites heading {source.heading!r} of {source.title!r}, "
            "an article without headings"
        )


@pytest.mark.parametrize("article", ARTICLES, ids=lambda article: article.title)
def test_article_title_and_headings_occur_in_its_file(article_files, article):
    files = _files_with_title(article_files, article.title)
    assert files, f"the title {article.title!r} occurs in no file of {ARTICLES_DIR}"
    missing = [
        heading
        for heading in article.headings
        if not any(heading in article_files[name] for name in files)
    ]
    assert missing == [], f"headings of {article.title!r} not a line of {files}: {missing}"


@pytest.mark.parametrize(("version", "item", "source"), SOURCES)
def test_cited_title_and_heading_occur_in_the_same_article_file(
    article_files, version, item, source
):
    files = _files_with_title(article_files, source.title)
    assert files, (
        f"{_where(version, item)} cites {source.title!r}, which occurs in no file of {ARTICLES_DIR}"
    )
    if source.heading:
        assert any(source.heading in article_files[name] for name in files), (
            f"{_where(version, item)} cites heading {source.heading!r}, which is not a line of "
            f"the file(s) {files} holding {source.title!r}"
        )
