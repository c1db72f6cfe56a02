"""The shell every page shares (templates/base.html): the main navigation and the message region."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.contrib.messages import constants
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db

TRACK = {
    "Applications": "application_list",
    "Board": "application_board",
    "Companies": "company_list",
    "Contacts": "contact_list",
}
REFLECT = {
    "Reflections": "reflection_list",
    "Actions": "action_item_list",
    "Questions": "question_list",
}
PLAIN = {"Home": "home", "Dashboard": "dashboard"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list["Node"] = field(default_factory=list)
    text: str = ""

    def find_all(self, predicate) -> list["Node"]:
        found = [self] if predicate(self) else []
        for child in self.children:
            found += child.find_all(predicate)
        return found

    def find(self, predicate) -> "Node":
        (only,) = self.find_all(predicate)
        return only

    @property
    def all_text(self) -> str:
        return " ".join([self.text, *(child.all_text for child in self.children)]).strip()

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()


class TreeBuilder(HTMLParser):
    VOID = {"input", "hr", "br", "meta", "link", "img"}

    def __init__(self) -> None:
        super().__init__()
        self.root = Node("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        while len(self.stack) > 1:
            if self.stack.pop().tag == tag:
                break

    def handle_data(self, data):
        self.stack[-1].text += data


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    return builder.root


def main_nav(response) -> Node:
    return parse(response.content.decode()).find(
        lambda node: node.tag == "nav" and node.attrs.get("aria-label") == "Main"
    )


def link_named(nav: Node, text: str) -> Node:
    return nav.find(lambda node: node.tag == "a" and node.all_text == text)


def group(nav: Node, name: str) -> Node:
    return nav.find(
        lambda node: (
            node.tag == "li"
            and "dropdown" in node.classes
            and any(child.tag == "button" and child.all_text == name for child in node.children)
        )
    )


def toggle(nav: Node, name: str) -> Node:
    return group(nav, name).find(lambda node: "dropdown-toggle" in node.classes)


def test_every_section_is_reachable_from_the_main_navigation(alice_client):
    nav = main_nav(alice_client.get(reverse("home")))
    for text, url_name in {**PLAIN, **TRACK, **REFLECT}.items():
        assert link_named(nav, text).attrs["href"] == reverse(url_name)
    assert link_named(nav, "+ Application").attrs["href"] == reverse("application_quick_add")
    assert link_named(nav, "Settings").attrs["href"] == reverse("account_settings")


def test_sections_are_grouped_into_track_and_reflect_menus(alice_client):
    nav = main_nav(alice_client.get(reverse("home")))
    for name, members in [("Track", TRACK), ("Reflect", REFLECT)]:
        menu = group(nav, name)
        assert toggle(nav, name).attrs["data-bs-toggle"] == "dropdown"
        assert toggle(nav, name).attrs["type"] == "button"
        items = menu.find_all(lambda node: node.tag == "a")
        assert [item.all_text for item in items] == list(members)
        assert all("dropdown-item" in item.classes for item in items)


def test_add_application_stays_outside_the_folding_menu(alice_client):
    nav = main_nav(alice_client.get(reverse("home")))
    folding = nav.find(lambda node: node.attrs.get("id") == "main-nav")
    assert folding.find_all(lambda node: node.all_text == "+ Application") == []
    link_named(nav, "+ Application")


@pytest.mark.parametrize(
    ("url_name", "text", "active_group"),
    [
        ("home", "Home", None),
        ("dashboard", "Dashboard", None),
        *[(url_name, text, "Track") for text, url_name in TRACK.items()],
        *[(url_name, text, "Reflect") for text, url_name in REFLECT.items()],
    ],
)
def test_the_current_page_is_marked_and_its_group_toggle_is_active(
    alice_client, url_name, text, active_group
):
    nav = main_nav(alice_client.get(reverse(url_name)))
    current = nav.find_all(lambda node: "aria-current" in node.attrs)
    assert [(node.all_text, node.attrs["aria-current"]) for node in current] == [(text, "page")]
    for name in ("Track", "Reflect"):
        assert ("active" in toggle(nav, name).classes) == (name == active_group)


def test_an_application_page_marks_track_without_claiming_a_list_is_the_page(alice, alice_client):
    application = ApplicationFactory(user=alice)
    nav = main_nav(alice_client.get(reverse("application_detail", args=[application.pk])))
    assert "active" in toggle(nav, "Track").classes
    assert "active" not in toggle(nav, "Reflect").classes
    assert nav.find_all(lambda node: "aria-current" in node.attrs) == []


def test_log_out_is_a_post_form_button_in_the_account_menu(alice_client):
    nav = main_nav(alice_client.get(reverse("home")))
    account = group(nav, "Account: alice")
    form = account.find(lambda node: node.tag == "form")
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == reverse("logout")
    assert form.find(lambda node: node.attrs.get("name") == "csrfmiddlewaretoken")
    button = form.find(lambda node: node.tag == "button")
    assert (button.all_text, button.attrs["type"]) == ("Log out", "submit")
    assert nav.find_all(lambda node: node.attrs.get("href") == reverse("logout")) == []


def test_a_long_username_is_cut_on_screen_but_given_in_full(client):
    username = "a-very-long-username-" + "x" * 129
    assert len(username) == 150
    client.force_login(UserFactory(username=username))
    nav = main_nav(client.get(reverse("home")))
    account_toggle = toggle(nav, f"Account: {username}")
    assert account_toggle.attrs["title"] == username
    name = account_toggle.find(lambda node: "account-name" in node.classes)
    assert name.all_text == username


def test_a_visitor_who_is_not_logged_in_sees_no_sections(client):
    nav = main_nav(client.get(reverse("login")))
    assert [node.all_text for node in nav.find_all(lambda node: node.tag == "a")] == ["Rebound"]


def test_messages_region_announces_politely_and_htmx_messages_replace_it(alice_client):
    page = parse(alice_client.get(reverse("home")).content.decode())
    region = page.find(lambda node: node.attrs.get("id") == "messages")
    assert region.attrs["role"] == "status"
    assert region.attrs["aria-live"] == "polite"
    assert region.attrs["aria-atomic"] == "false"

    class Message:
        tags = "success"
        level = constants.SUCCESS

        def __str__(self) -> str:
            return "Interview saved."

    oob = parse(render_to_string("_messages_oob.html", {"messages": [Message()]}))
    region = oob.find(lambda node: node.attrs.get("id") == "messages")
    assert region.attrs["hx-swap-oob"] == "innerHTML"
    assert region.all_text.startswith("Interview saved.")
    # A message inside carries no live role of its own, so it is read once, by the region.
    assert region.find_all(lambda node: "role" in node.attrs) == []


def test_the_page_has_a_progress_bar_for_htmx_requests(alice_client):
    page = parse(alice_client.get(reverse("home")).content.decode())
    bar = page.find(lambda node: "request-progress" in node.classes)
    assert bar.attrs["aria-hidden"] == "true"
