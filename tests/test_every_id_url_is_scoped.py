"""Every URL that takes an id answers 404 to another user, whatever the method.

The table below must name every URL pattern with an id: a new one fails
test_every_id_url_is_in_the_table until it is added, so none can be forgotten.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portability.calendar.feeds import calendar_feed_regenerate
from portability.models import CalendarFeed, SpreadsheetUpload
from tests.factories import (
    ActionItemFactory,
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
    QuestionFactory,
    ReflectionFactory,
)
from workflows import services

pytestmark = pytest.mark.django_db


def bobs_application(bob):
    application = ApplicationFactory(user=bob)
    services.rejection_record(application=application)
    return application


def bobs_spreadsheet_upload(bob):
    return SpreadsheetUpload.objects.create(
        user=bob, filename="bob.csv", content=b"Company,Role\nAcme,Engineer\n"
    )


# URL name -> (what to build for bob, extra URL arguments after the id)
ID_URLS = {
    "application_mark_no_response": (lambda bob: ApplicationFactory(user=bob), ()),
    "application_edit": (lambda bob: ApplicationFactory(user=bob), ()),
    "application_status": (lambda bob: ApplicationFactory(user=bob), ()),
    "application_archive": (lambda bob: ApplicationFactory(user=bob), ()),
    "application_delete": (lambda bob: ApplicationFactory(user=bob), ()),
    "application_detail": (lambda bob: ApplicationFactory(user=bob), ()),
    "interview_create": (lambda bob: ApplicationFactory(user=bob), ()),
    "interview_edit": (lambda bob: InterviewFactory(application=ApplicationFactory(user=bob)), ()),
    "interview_debrief": (
        lambda bob: InterviewFactory(application=ApplicationFactory(user=bob)),
        (),
    ),
    "interview_delete": (
        lambda bob: InterviewFactory(application=ApplicationFactory(user=bob)),
        (),
    ),
    "feedback_create": (lambda bob: ApplicationFactory(user=bob), ()),
    "feedback_edit": (lambda bob: FeedbackFactory(application=ApplicationFactory(user=bob)), ()),
    "feedback_delete": (lambda bob: FeedbackFactory(application=ApplicationFactory(user=bob)), ()),
    "outcome_edit": (bobs_application, ()),
    "outcome_delete": (bobs_application, ()),
    "outcome_theme_decide": (bobs_application, ()),
    "company_detail": (lambda bob: CompanyFactory(user=bob), ()),
    "company_edit": (lambda bob: CompanyFactory(user=bob), ()),
    "company_delete": (lambda bob: CompanyFactory(user=bob), ()),
    "contact_edit": (lambda bob: ContactFactory(user=bob), ()),
    "contact_delete": (lambda bob: ContactFactory(user=bob), ()),
    "reflection_detail": (
        lambda bob: ReflectionFactory(application=ApplicationFactory(user=bob)),
        (),
    ),
    "reflection_section_save": (
        lambda bob: ReflectionFactory(application=ApplicationFactory(user=bob)),
        ("fit",),
    ),
    "reflection_finish": (
        lambda bob: ReflectionFactory(application=ApplicationFactory(user=bob)),
        (),
    ),
    "reflection_delete": (
        lambda bob: ReflectionFactory(application=ApplicationFactory(user=bob)),
        (),
    ),
    "reflection_closing": (
        lambda bob: ReflectionFactory(application=ApplicationFactory(user=bob)),
        (),
    ),
    "reflection_start_for_interview": (
        lambda bob: InterviewFactory(application=ApplicationFactory(user=bob)),
        (),
    ),
    "reflection_action_item_create": (
        lambda bob: ReflectionFactory(application=ApplicationFactory(user=bob)),
        (),
    ),
    "action_item_toggle_done": (lambda bob: ActionItemFactory(user=bob), ()),
    "action_item_edit": (lambda bob: ActionItemFactory(user=bob), ()),
    "action_item_delete": (lambda bob: ActionItemFactory(user=bob), ()),
    "question_edit": (lambda bob: QuestionFactory(user=bob), ()),
    "question_confidence": (lambda bob: QuestionFactory(user=bob), ()),
    "question_skip": (lambda bob: QuestionFactory(user=bob), ()),
    "question_delete": (lambda bob: QuestionFactory(user=bob), ()),
    "follow_up_compose": (lambda bob: ApplicationFactory(user=bob), ("thank-you",)),
    "spreadsheet_map": (bobs_spreadsheet_upload, ()),
    "spreadsheet_preview": (bobs_spreadsheet_upload, ()),
    "spreadsheet_import": (bobs_spreadsheet_upload, ()),
}


def id_url_names(resolver=None) -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            names |= id_url_names(pattern)
        elif (
            isinstance(pattern, URLPattern) and "pk" in pattern.pattern.converters and pattern.name
        ):
            names.add(pattern.name)
    return names


def test_every_id_url_is_in_the_table():
    assert id_url_names() == set(ID_URLS)


@pytest.mark.parametrize("name", sorted(ID_URLS))
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_another_users_id_gives_404(alice_client, bob, name, method, htmx):
    build, extra = ID_URLS[name]
    target = build(bob)
    url = reverse(name, args=[target.pk, *extra])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = getattr(alice_client, method)(url, {"status": "rejected", "title": "x"}, **headers)
    # A URL may refuse the method first (405, e.g. GET on a write): that reveals nothing either.
    assert response.status_code in (404, 405)
    type(target).objects.get(pk=target.pk)  # still there, untouched by the attempt


# URLs keyed by a secret token instead of an id. "Another user's token" means nothing there (the
# token is the only key, with or without a session); what must hold instead: an unknown token
# and a replaced one give 404, and the owner's token shows only the owner's data.
# URL name -> (make bob's token, replace bob's token, something of bob's the response names,
# something of alice's it must not)
TOKEN_URLS = {
    "calendar_feed": (
        lambda bob: CalendarFeed.objects.get_or_create(user=bob)[0].token,
        lambda bob: calendar_feed_regenerate(user=bob).token,
        lambda bob: (
            InterviewFactory(
                application=ApplicationFactory(user=bob, role_title="Bob's role")
            ).application.role_title
        ),
        lambda alice: (
            InterviewFactory(
                application=ApplicationFactory(user=alice, role_title="Alice's role")
            ).application.role_title
        ),
    ),
}


def token_url_names(resolver=None) -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            names |= token_url_names(pattern)
        elif (
            isinstance(pattern, URLPattern)
            and "token" in pattern.pattern.converters
            and pattern.name
        ):
            names.add(pattern.name)
    return names


# Token URLs that show no stored data of a user: signed one-time links, checked by their own
# tests (tests/accounts), whose token names an email address or an account to act on.
SIGNED_LINK_URLS = {"password_reset_confirm", "signup_finish"}


def test_every_token_url_is_in_the_table():
    assert token_url_names() == set(TOKEN_URLS) | SIGNED_LINK_URLS


@pytest.mark.parametrize("name", sorted(TOKEN_URLS))
def test_a_token_url_shows_only_its_owners_data_and_only_while_the_token_holds(
    client, alice, bob, name
):
    make, replace, bobs_thing, alices_thing = TOKEN_URLS[name]
    token = make(bob)
    mine, theirs = bobs_thing(bob), alices_thing(alice)
    make(alice)
    page = client.get(reverse(name, args=[token]))
    assert page.status_code == 200
    assert mine in page.content.decode() and theirs not in page.content.decode()
    assert client.get(reverse(name, args=["not-a-token-" + "x" * 30])).status_code == 404
    replace(bob)
    assert client.get(reverse(name, args=[token])).status_code == 404


@pytest.mark.parametrize("name", sorted(ID_URLS))
def test_the_method_each_url_serves_gives_404_to_another_user(alice_client, bob, name):
    build, extra = ID_URLS[name]
    url = reverse(name, args=[build(bob).pk, *extra])
    statuses = {alice_client.get(url).status_code, alice_client.post(url, {}).status_code}
    assert 404 in statuses
