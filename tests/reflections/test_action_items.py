"""The action item views: the list, adding (quick add and from a reflection), done, edit, delete."""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reflections import services
from reflections.forms import ActionItemForm
from reflections.models import ActionItem, RequirementCheck
from tests.factories import ActionItemFactory, ReflectionFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST_URL = reverse("action_item_list")


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


# Version 2 suggests steps as sentences a person would write (was "Learn SQL").
SQL_STEP = "Find a course or a project that covers “SQL”"


def _titles(suggestions) -> list[str]:
    return [suggestion.title for suggestion in suggestions]


def _reflection_with_missing_requirement(user, requirement="SQL"):
    reflection = ReflectionFactory(application__user=user)
    RequirementCheck.objects.create(
        reflection=reflection, requirement=requirement, verdict=RequirementCheck.Verdict.MISSING
    )
    return reflection


def _assert_csp_safe(html: str) -> None:
    assert "<script" not in html.split("</head>")[-1]
    assert 'style="' not in html
    assert "hx-on" not in html


# The list -----------------------------------------------------------------------------


def test_list_shows_open_items_before_done_ones(alice_client, alice):
    ActionItemFactory(user=alice, title="Finished thing", done_at=timezone.now())
    ActionItemFactory(user=alice, title="Open thing")
    html = alice_client.get(LIST_URL, {"show": "all"}).content.decode()
    assert html.index("Open thing") < html.index("Finished thing")


def test_list_orders_open_items_by_due_date_with_undated_last(alice_client, alice):
    ActionItemFactory(user=alice, title="Undated", due_on=None)
    ActionItemFactory(user=alice, title="Later", due_on=_days(9))
    ActionItemFactory(user=alice, title="Sooner", due_on=_days(2))
    response = alice_client.get(LIST_URL)
    assert [item.title for item in response.context["open_items"]] == [
        "Sooner",
        "Later",
        "Undated",
    ]


def test_list_shows_open_items_by_default_and_filters_with_tabs(alice_client, alice):
    ActionItemFactory(user=alice, title="Open thing")
    ActionItemFactory(user=alice, title="Finished thing", done_at=timezone.now())

    def titles(show):
        response = alice_client.get(LIST_URL, {"show": show} if show else {})
        return {item.title for item in response.context["page_obj"]}

    assert titles(None) == {"Open thing"}
    assert titles("open") == {"Open thing"}
    assert titles("done") == {"Finished thing"}
    assert titles("all") == {"Open thing", "Finished thing"}
    assert titles("nonsense") == {"Open thing"}


def test_list_marks_an_item_due_yesterday_overdue(alice_client, alice):
    ActionItemFactory(user=alice, title="Late", due_on=_days(-1))
    html = alice_client.get(LIST_URL).content.decode()
    assert "Overdue" in html
    assert "border-danger" in html and "text-danger" in html


def test_list_does_not_mark_an_item_due_tomorrow_or_today_overdue(alice_client, alice):
    ActionItemFactory(user=alice, due_on=_days(1))
    ActionItemFactory(user=alice, due_on=_days(0))
    assert "Overdue" not in alice_client.get(LIST_URL).content.decode()


def test_list_does_not_mark_a_done_item_overdue(alice_client, alice):
    ActionItemFactory(user=alice, due_on=_days(-3), done_at=timezone.now())
    assert "Overdue" not in alice_client.get(LIST_URL, {"show": "all"}).content.decode()


def test_list_links_an_item_to_its_reflection(alice_client, alice):
    reflection = ReflectionFactory(application__user=alice)
    ActionItemFactory(user=alice, reflection=reflection, title="Learn SQL")
    html = alice_client.get(LIST_URL).content.decode()
    assert f'href="{reverse("reflection_detail", args=[reflection.pk])}"' in html


def test_list_labels_the_done_button_with_the_title(alice_client, alice):
    ActionItemFactory(user=alice, title="Learn SQL")
    ActionItemFactory(user=alice, title="Call Rita", done_at=timezone.now())
    html = alice_client.get(LIST_URL, {"show": "all"}).content.decode()
    assert 'aria-label="Mark ‘Learn SQL’ done"' in html
    assert 'aria-label="Mark ‘Call Rita’ not done"' in html


def test_list_shows_only_the_users_own_items(alice_client, alice, bob):
    ActionItemFactory(user=alice, title="Mine")
    ActionItemFactory(user=bob, title="Bobs step")
    html = alice_client.get(LIST_URL, {"show": "all"}).content.decode()
    assert "Mine" in html and "Bobs step" not in html


def test_list_paginates_25_per_page(alice_client, alice):
    for n in range(27):
        ActionItemFactory(user=alice, title=f"Step {n:02}", due_on=_days(n))
    first = alice_client.get(LIST_URL)
    second = alice_client.get(LIST_URL, {"page": 2})
    assert len(first.context["page_obj"]) == 25
    assert [item.title for item in second.context["page_obj"]] == ["Step 25", "Step 26"]


def test_list_without_items_explains_them_and_offers_a_form(alice_client):
    html = alice_client.get(LIST_URL).content.decode()
    assert "No action items yet" in html and "reflection" in html
    assert f'action="{reverse("action_item_create")}"' in html


def test_list_is_csp_safe(alice_client, alice):
    ActionItemFactory(
        user=alice, due_on=_days(-1), reflection=ReflectionFactory(application__user=alice)
    )
    _assert_csp_safe(alice_client.get(LIST_URL, {"show": "all"}).content.decode())


def test_list_makes_the_same_number_of_queries_for_5_and_60_items(
    alice_client, alice, django_assert_num_queries
):
    reflections = [ReflectionFactory(application__user=alice) for _ in range(3)]

    def add(count):
        for n in range(count):
            ActionItemFactory(
                user=alice,
                reflection=reflections[n % 3],
                done_at=timezone.now() if n % 4 == 0 else None,
            )

    add(5)
    url = f"{LIST_URL}?show=all"
    with CaptureQueriesContext(connection) as few:
        alice_client.get(url)
    add(55)
    with django_assert_num_queries(len(few)):
        alice_client.get(url)


# Quick add ----------------------------------------------------------------------------


def test_create_adds_an_item_for_the_user_and_redirects_to_the_list(alice_client, alice):
    response = alice_client.post(
        reverse("action_item_create"), {"title": "  Learn   SQL ", "due_on": "2030-01-31"}
    )
    assert response.status_code == 302 and response.url == LIST_URL
    item = ActionItem.objects.get()
    assert (item.user, item.title, item.due_on, item.reflection) == (
        alice,
        "Learn SQL",
        datetime.date(2030, 1, 31),
        None,
    )


def test_create_with_empty_title_rerenders_with_a_message_and_creates_nothing(alice_client):
    response = alice_client.post(reverse("action_item_create"), {"title": "   ", "due_on": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "The action item was not added" in html
    assert not ActionItem.objects.exists()


def test_create_with_oversized_title_rerenders_with_a_message_and_creates_nothing(alice_client):
    response = alice_client.post(reverse("action_item_create"), {"title": "x" * 301})
    assert response.status_code == 200
    assert "at most 300 characters" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_create_with_a_bad_date_rerenders_with_a_message(alice_client):
    response = alice_client.post(
        reverse("action_item_create"), {"title": "Learn SQL", "due_on": "31/31/2030"}
    )
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_create_by_get_goes_to_the_list(alice_client):
    response = alice_client.get(reverse("action_item_create"), {"show": "done"})
    assert response.status_code == 302 and response.url == f"{LIST_URL}?show=done"


# Adding from a reflection -------------------------------------------------------------


def test_reflection_create_links_the_item_and_removes_the_suggestion(alice_client, alice):
    reflection = _reflection_with_missing_requirement(alice, "SQL")
    url = reverse("reflection_action_item_create", args=[reflection.pk])
    response = alice_client.post(
        url, {"title": SQL_STEP, "suggestion": "1", "source_item_key": "requirements"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'id="reflection-action-items"' in html
    item = ActionItem.objects.get()
    assert (item.user, item.reflection, item.title) == (alice, reflection, SQL_STEP)
    assert item.source_item_key == "requirements"
    assert response.context["suggestions"] == []
    assert f'aria-label="Mark ‘{SQL_STEP}’ done"' in html
    assert f'name="title" value="{SQL_STEP}"' not in html
    assert "HX-Request" in response["Vary"]


def test_reflection_create_by_normal_post_redirects_to_the_actions_section(alice_client, alice):
    reflection = ReflectionFactory(application__user=alice)
    url = reverse("reflection_action_item_create", args=[reflection.pk])
    response = alice_client.post(url, {"title": "Call the recruiter", "due_on": "2030-02-01"})
    assert response.status_code == 302
    # The section stays open where the user was (v2: "?open=actions" added).
    assert (
        response.url
        == reverse("reflection_detail", args=[reflection.pk]) + "?open=actions#section-actions"
    )
    assert ActionItem.objects.get().due_on == datetime.date(2030, 2, 1)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "   "}, "This field is required."),
        ({"title": "x" * 301}, "at most 300 characters"),
        ({"title": "Learn SQL", "due_on": "not a date", "suggestion": "1"}, "Enter a valid date"),
    ],
)
def test_reflection_create_with_bad_input_rerenders_with_a_message(
    alice_client, alice, data, message
):
    reflection = _reflection_with_missing_requirement(alice)
    url = reverse("reflection_action_item_create", args=[reflection.pk])
    response = alice_client.post(url, data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "The next step was not added" in html and message in html
    assert _titles(response.context["suggestions"]) == [SQL_STEP]
    assert not ActionItem.objects.exists()


def test_reflection_create_with_bad_input_without_htmx_shows_a_page(alice_client, alice):
    reflection = ReflectionFactory(application__user=alice)
    url = reverse("reflection_action_item_create", args=[reflection.pk])
    response = alice_client.post(url, {"title": " "})
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "This field is required." in html
    assert not ActionItem.objects.exists()


def test_reflection_partial_renders_from_the_reflection_page_context(rf, alice):
    reflection = _reflection_with_missing_requirement(alice)
    ActionItemFactory(user=alice, reflection=reflection, title="Call Rita", due_on=_days(-1))
    request = rf.get(reverse("reflection_detail", args=[reflection.pk]))
    request.user = alice
    context = {
        "reflection": reflection,
        "action_items": list(reflection.action_items.all()),
        "suggestions": services.action_item_suggestions(reflection),
        "action_item_form": ActionItemForm(),
    }
    html = render_to_string("reflections/_reflection_action_items.html", context, request)
    assert 'id="reflection-action-items"' in html
    assert "Suggested from this reflection" in html and SQL_STEP in html
    assert "Overdue" in html and "Call Rita" in html
    # On its own reflection the item does not link back to it.
    assert "From <a" not in html
    _assert_csp_safe(html)


# Done in place ------------------------------------------------------------------------


def test_toggle_marks_done_and_htmx_gets_the_item_fragment(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.post(reverse("action_item_toggle_done", args=[item.pk]), **HTMX)
    html = response.content.decode()
    item.refresh_from_db()
    assert item.done_at is not None
    assert response.status_code == 200 and "<html" not in html
    assert f'id="action-item-{item.pk}"' in html
    assert 'aria-label="Mark ‘Learn SQL’ not done"' in html
    assert "HX-Request" in response["Vary"]


def test_toggle_again_clears_done_at(alice_client, alice):
    item = ActionItemFactory(user=alice, done_at=timezone.now())
    alice_client.post(reverse("action_item_toggle_done", args=[item.pk]), **HTMX)
    item.refresh_from_db()
    assert item.done_at is None


def test_toggle_follows_the_direction_the_button_says(alice_client, alice):
    item = ActionItemFactory(user=alice, done_at=timezone.now())
    alice_client.post(reverse("action_item_toggle_done", args=[item.pk]), {"done": "1"})
    item.refresh_from_db()
    assert item.done_at is not None


def test_toggle_by_normal_post_redirects_to_next(alice_client, alice):
    item = ActionItemFactory(user=alice)
    response = alice_client.post(
        reverse("action_item_toggle_done", args=[item.pk]), {"next": "/actions/?show=all"}
    )
    assert response.status_code == 302 and response.url == "/actions/?show=all"


def test_toggle_ignores_an_offsite_next(alice_client, alice):
    item = ActionItemFactory(user=alice)
    response = alice_client.post(
        reverse("action_item_toggle_done", args=[item.pk]), {"next": "https://evil.test/"}
    )
    assert response.status_code == 302 and response.url == LIST_URL


def test_toggle_rejects_get(alice_client, alice):
    item = ActionItemFactory(user=alice)
    response = alice_client.get(reverse("action_item_toggle_done", args=[item.pk]))
    assert response.status_code == 405
    item.refresh_from_db()
    assert item.done_at is None


def test_toggle_inside_a_reflection_keeps_its_place(alice_client, alice):
    reflection = ReflectionFactory(application__user=alice)
    item = ActionItemFactory(user=alice, reflection=reflection)
    back = reverse("reflection_detail", args=[reflection.pk]) + "#section-actions"
    response = alice_client.post(
        reverse("action_item_toggle_done", args=[item.pk]),
        {"place": "reflection", "next": back},
        **HTMX,
    )
    html = response.content.decode()
    assert "From <a" not in html
    assert 'name="place" value="reflection"' in html
    assert f'value="{back}"' in html


def test_toggle_on_the_list_updates_the_tab_counts_at_once(alice_client, alice):
    item = ActionItemFactory(user=alice)
    ActionItemFactory(user=alice, done_at=timezone.now())
    response = alice_client.post(
        reverse("action_item_toggle_done", args=[item.pk]), {"done": "1", "show": "all"}, **HTMX
    )
    html = response.content.decode()
    # Only the count badges travel, out of band: the tab shown stays highlighted whatever the
    # item's form says (an item edited in place no longer knows the tab).
    assert _oob_counts(html) == {"open": "0", "done": "2", "all": "2"}
    assert "action-item-tabs" not in html


def _oob_counts(html: str) -> dict[str, str]:
    return dict(
        re.findall(
            r'<span id="action-items-(open|done|all)-count" class="badge text-bg-secondary" '
            r'hx-swap-oob="true">(\d+)</span>',
            html,
        )
    )


def test_delete_on_the_list_updates_the_tab_counts_at_once(alice_client, alice):
    item = ActionItemFactory(user=alice)
    ActionItemFactory(user=alice, done_at=timezone.now())
    response = alice_client.post(reverse("action_item_delete", args=[item.pk]), **HTMX)
    assert _oob_counts(response.content.decode()) == {"open": "0", "done": "1", "all": "1"}


def test_delete_inside_a_reflection_sends_no_counts(alice_client, alice):
    item = ActionItemFactory(user=alice)
    response = alice_client.post(
        reverse("action_item_delete", args=[item.pk]), {"place": "reflection"}, **HTMX
    )
    assert _oob_counts(response.content.decode()) == {}
    assert not ActionItem.objects.filter(pk=item.pk).exists()


def test_the_list_shows_each_count_in_its_tab(alice_client, alice):
    ActionItemFactory.create_batch(2, user=alice)
    ActionItemFactory(user=alice, done_at=timezone.now())
    html = alice_client.get(LIST_URL, {"show": "done"}).content.decode()
    tabs = html[html.index('<nav id="action-item-tabs"') :]
    assert 'aria-current="page" href="/actions/?show=done"' in tabs
    assert re.search(r"Open\s*<span id=\"action-items-open-count\"[^>]*>2</span>", tabs)
    assert re.search(r"Done\s*<span id=\"action-items-done-count\"[^>]*>1</span>", tabs)
    assert re.search(r"All\s*<span id=\"action-items-all-count\"[^>]*>3</span>", tabs)


def test_marking_a_done_item_done_again_keeps_when_it_was_done(alice_client, alice):
    done_at = timezone.now() - datetime.timedelta(days=2)
    item = ActionItemFactory(user=alice, done_at=done_at)
    response = alice_client.post(
        reverse("action_item_toggle_done", args=[item.pk]), {"done": "1"}, **HTMX
    )
    assert response.status_code == 200
    assert reverse("undo") not in response.content.decode()
    item.refresh_from_db()
    assert item.done_at == done_at


def test_done_button_disables_itself_while_its_request_runs(alice_client, alice):
    ActionItemFactory(user=alice)
    html = alice_client.get(LIST_URL).content.decode()
    assert 'hx-disabled-elt="find button" hx-sync="this:drop" data-one-click' in html


# Edit ---------------------------------------------------------------------------------


def test_edit_htmx_get_gets_the_form_in_place_of_the_item(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.get(reverse("action_item_edit", args=[item.pk]), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'id="action-item-{item.pk}"' in html and 'value="Learn SQL"' in html
    assert "HX-Request" in response["Vary"]


def test_edit_normal_get_gets_a_full_page(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.get(reverse("action_item_edit", args=[item.pk]))
    html = response.content.decode()
    assert "<html" in html and 'value="Learn SQL"' in html
    _assert_csp_safe(html)


def test_edit_post_saves_and_redirects(alice_client, alice):
    item = ActionItemFactory(user=alice)
    response = alice_client.post(
        reverse("action_item_edit", args=[item.pk]),
        {"title": "Learn Postgres", "due_on": "2030-03-01", "next": "/actions/?show=all"},
    )
    assert response.status_code == 302 and response.url == "/actions/?show=all"
    item.refresh_from_db()
    assert (item.title, item.due_on) == ("Learn Postgres", datetime.date(2030, 3, 1))


def test_edit_htmx_post_returns_the_item_fragment(alice_client, alice):
    item = ActionItemFactory(user=alice)
    response = alice_client.post(
        reverse("action_item_edit", args=[item.pk]), {"title": "Learn Postgres"}, **HTMX
    )
    html = response.content.decode()
    assert "<html" not in html and "Learn Postgres" in html
    assert 'aria-label="Mark ‘Learn Postgres’ done"' in html
    item.refresh_from_db()
    assert (item.title, item.due_on) == ("Learn Postgres", None)


def test_edit_with_empty_title_shows_the_error_and_keeps_the_item(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.post(
        reverse("action_item_edit", args=[item.pk]), {"title": " "}, **HTMX
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Learn SQL"


def test_edit_cancel_returns_the_item_unchanged(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.post(
        reverse("action_item_edit", args=[item.pk]), {"title": "Other", "cancel": "1"}, **HTMX
    )
    assert 'aria-label="Mark ‘Learn SQL’ done"' in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Learn SQL"


# Delete -------------------------------------------------------------------------------


def test_delete_get_asks_for_confirmation(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.get(reverse("action_item_delete", args=[item.pk]))
    assert response.status_code == 200
    assert "confirm_delete.html" in [t.name for t in response.templates]
    assert "Delete action item?" in response.content.decode()
    assert ActionItem.objects.filter(pk=item.pk).exists()


def test_delete_htmx_get_confirms_in_place(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.get(reverse("action_item_delete", args=[item.pk]), **HTMX)
    html = response.content.decode()
    assert "<html" not in html and f'id="action-item-{item.pk}"' in html
    assert "Delete ‘Learn SQL’?" in html
    assert ActionItem.objects.filter(pk=item.pk).exists()


def test_delete_post_deletes_and_redirects(alice_client, alice):
    item = ActionItemFactory(user=alice)
    response = alice_client.post(reverse("action_item_delete", args=[item.pk]))
    assert response.status_code == 302 and response.url == LIST_URL
    assert not ActionItem.objects.exists()


def test_delete_htmx_post_removes_the_item_and_says_so(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.post(reverse("action_item_delete", args=[item.pk]), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="action-item-{item.pk}"' not in html
    assert '<div id="messages" hx-swap-oob="innerHTML">' in html
    assert "Deleted “Learn SQL”" in html
    assert not ActionItem.objects.exists()


def test_delete_cancel_keeps_the_item(alice_client, alice):
    item = ActionItemFactory(user=alice, title="Learn SQL")
    response = alice_client.post(
        reverse("action_item_delete", args=[item.pk]), {"cancel": "1"}, **HTMX
    )
    assert 'aria-label="Mark ‘Learn SQL’ done"' in response.content.decode()
    assert ActionItem.objects.filter(pk=item.pk).exists()


# Ownership ----------------------------------------------------------------------------

POST_ONLY = {"action_item_toggle_done", "reflection_action_item_create"}


@pytest.mark.parametrize(
    "name",
    ["action_item_toggle_done", "action_item_edit", "action_item_delete"],
)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["normal", "htmx"])
def test_another_users_item_gets_404(alice_client, bob, name, method, headers):
    item = ActionItemFactory(user=bob, title="Bobs step")
    url = reverse(name, args=[item.pk])
    response = getattr(alice_client, method)(url, {"title": "Hijacked"}, **headers)
    # A POST-only view refuses a GET before it looks anything up: nothing is revealed either way.
    expected = 405 if method == "get" and name in POST_ONLY else 404
    assert response.status_code == expected
    item.refresh_from_db()
    assert (item.title, item.done_at) == ("Bobs step", None)


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_reflection_gets_404(alice_client, bob, method):
    reflection = ReflectionFactory(application__user=bob)
    url = reverse("reflection_action_item_create", args=[reflection.pk])
    response = getattr(alice_client, method)(url, {"title": "Sneaky"}, **HTMX)
    assert response.status_code == (405 if method == "get" else 404)
    assert not ActionItem.objects.exists()
