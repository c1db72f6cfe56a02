"""A script in any text field of any model never runs: every page and htmx fragment the owner
can GET shows it escaped. Generated from the models and the URLconf, so a new field or page is
covered from its first day.

The owner is the demo account (five months of data through the real services) plus the rows the
demo lacks; every free-text field of every row then holds `<script>alert("xss-N")</script>"'`
(N names the field). A page passes when `alert("xss-` never appears raw: Django's escaping turns
its quote into `&quot;`, json_script into `\\"`, so only unescaped output can contain it.
"""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Count, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from accounts.models import User
from applications.models import Application, Interview
from portability.demo import demo_seed
from portability.models import CalendarFeed, SpreadsheetUpload
from reflections.forms import FOLLOW_UP_KINDS
from reflections.models import FollowUp
from reflections.panels import PANELS
from tests.generated import tally
from tests.generated.urlconf_walk import ID_URLS, OTHER_ARGS, project_urls

pytestmark = pytest.mark.django_db

RAW_MARKERS = ('alert("xss-', "<xss-")
LABEL = re.compile(r"xss-(\d+)\D")

# Text columns that are keys the code looks things up by, never text a person typed: every way
# in (forms, archive import) checks them against the checklist, or the app makes them.
INTERNAL = {
    "accounts.User.password",
    "portability.CalendarFeed.token",
    "reflections.ReflectionAnswer.section_key",
    "reflections.ReflectionAnswer.item_key",
    "reflections.SectionSave.section_key",
}

# Pages beyond one GET per URL: each panel and each kind of follow-up, the archived list.
VARIANTS = {
    "dashboard_panel": [[name] for name in PANELS],
    "follow_up_compose": [[kind] for kind in FOLLOW_UP_KINDS],
}
QUERIES = {"application_list": ["", "show=all"], "drill_down_list": ["", "show=all"]}


def project_models() -> list[type[models.Model]]:
    root = str(settings.BASE_DIR)
    return [
        model
        for model in apps.get_models()
        if apps.get_app_config(model._meta.app_label).path.startswith(root)
        and ".venv" not in apps.get_app_config(model._meta.app_label).path
    ]


def text_fields() -> list[tuple[type[models.Model], models.CharField | models.TextField]]:
    """Every free-text column: CharField and TextField (and their kinds, email and URL),
    without choices and without the internal keys."""
    return [
        (model, field)
        for model in project_models()
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and f"{model._meta.label}.{field.name}" not in INTERNAL
    ]


def payload(number: int) -> str:
    return f'<script>alert("xss-{number}")</script>"\''


def _fill(model: type[models.Model], field: models.Field, number: int) -> str | None:
    """Put field `number`'s payload into every row (with the row's id, for unique columns); a
    column too short even for `<xss-N>` is left out."""
    for text in (payload(number), f"<xss-{number}>"):
        longest_id = len(str(model._default_manager.aggregate(m=models.Max("pk"))["m"] or 0))
        if field.max_length is None or len(text) + 1 + longest_id <= field.max_length:
            model._default_manager.update(
                **{field.name: Concat(Value(text + "#"), Cast("pk", models.CharField()))}
            )
            return text
    return None


def _richest(model: type[models.Model], owner: User) -> models.Model:
    """The owner's row of `model` with the most rows hanging off it: its pages show the most."""
    reverse_relations = [
        relation.name
        for relation in model._meta.get_fields()
        if relation.auto_created and not relation.concrete and relation.is_relation
    ]
    rows = model._default_manager.annotate(
        related=sum((Count(name, distinct=True) for name in reverse_relations), Value(0))
    )
    return rows.order_by("-related", "pk")[0]


def _top_up(owner: User) -> None:
    """Rows of the kinds the demo does not write."""
    application = _richest(Application, owner)  # the one the application pages are shown for
    FollowUp.objects.create(
        user=owner,
        application=application,
        interview=Interview.objects.filter(application=application).first(),
        kind=FollowUp.Kind.THANK_YOU,
        recipient="recruiter@example.com",
        subject="Thank you",
        body="Thank you for your time.",
        sent_on=application.date_applied,
    )
    SpreadsheetUpload.objects.create(
        user=owner,
        filename="jobs.csv",
        content=(
            b'Company,Role,Status,Notes\n"<script>alert(""xss-sheet"")</script>",'
            b'"<script>alert(""xss-sheet"")</script>",applied,"<xss-sheet>"\n'
        ),
    )
    CalendarFeed.objects.create(user=owner)


@pytest.fixture(scope="module")
def owner(django_db_setup, django_db_blocker):
    """The demo account with a payload in every text field; built once for the module."""
    with django_db_blocker.unblock():
        demo_seed()
        user = User.objects.get(username="demo")
    try:
        with django_db_blocker.unblock():
            yield _fill_everything(user)
    finally:
        with django_db_blocker.unblock():
            User.objects.filter(pk=user.pk).delete()


def _fill_everything(user: User) -> tuple[User, dict[str, int], dict[str, str]]:
    _top_up(user)
    # The row each id URL is shown for: the richest of the URL's kind (ID_URLS' builders, run
    # for a scratch user, say which kind that is).
    scratch = User.objects.create_user("scratch", "scratch@example.com")
    kinds = {name: type(build(scratch)) for name, (build, _) in ID_URLS.items()}
    scratch.delete()
    targets = {name: _richest(kind, user).pk for name, kind in kinds.items()}
    filled = {}
    for number, (model, field) in enumerate(text_fields()):
        label = f"{model.__name__}.{field.name}"
        if _fill(model, field, number) is None:
            tally.xss_fields.setdefault(f"{label} (too short for a payload)", set())
            continue
        filled[str(number)] = label
        tally.xss_fields[label] = set()
    filled["sheet"] = "SpreadsheetUpload.content"
    tally.xss_fields["SpreadsheetUpload.content"] = set()
    user.refresh_from_db()
    return user, targets, filled


def pages() -> list[tuple[str, list[str], str]]:
    """(URL name, arguments after the id, query string) for every page the owner can GET."""
    found = []
    for name, pattern in sorted(project_urls().items()):
        if name.startswith("admin:"):
            continue  # the owner is not staff; the admin escapes with Django's own templates
        extra = list(ID_URLS[name][1]) if name in ID_URLS else []
        for variant in VARIANTS.get(name, [extra]):
            for query in QUERIES.get(name, [""]):
                found.append((name, variant, query))
    return found


def _page_id(page: tuple[str, list[str], str]) -> str:
    name, variant, query = page
    return "/".join([name, *variant]) + (f"?{query}" if query else "")


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize("page", pages(), ids=_page_id)
def test_every_payload_is_escaped(owner, client, page, htmx):
    user, targets, filled = owner
    name, variant, query = page
    if name in ID_URLS:
        url = reverse(name, args=[targets[name], *variant])
    elif name in VARIANTS:
        url = reverse(name, args=variant)
    elif name in OTHER_ARGS:
        url = reverse(name, args=OTHER_ARGS[name](user))
    else:
        url = reverse(name)
    client.force_login(user)
    response = client.get(f"{url}?{query}" if query else url, HTTP_HX_REQUEST=str(htmx).lower())
    page_id = _page_id(page) + (" (htmx)" if htmx else "")

    content_type = response.get("Content-Type", "")
    if response.status_code != 200 or not content_type.startswith("text/html"):
        reason = str(response.status_code) if response.status_code != 200 else content_type
        tally.xss_pages[page_id] = reason.split(";")[0]
        return
    html = response.content.decode()
    for label in set(LABEL.findall(html + " ")) & set(filled):
        tally.xss_fields[filled[label]].add(page_id)
    if "xss-sheet" in html:
        tally.xss_fields["SpreadsheetUpload.content"].add(page_id)
    tally.xss_pages[page_id] = "checked"

    unescaped = sorted(
        {
            filled.get(match, match)
            for marker in RAW_MARKERS
            for match in re.findall(re.escape(marker) + r"(\w+)", html)
        }
    )
    assert not unescaped, f"{page_id} shows these fields unescaped: {unescaped}"
