"""Practice mode keeps a skipped answer; the follow-up's email link carries the edited message."""

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from reflections.models import Question
from tests.browser.conftest import log_in
from tests.factories import ApplicationFactory, CompanyFactory, ContactFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_skip_in_practice_keeps_the_typed_answer_for_when_the_question_comes_back(page):
    log_in(page, "greta")
    user = UserFactory(username="greta")
    shaky = Question.objects.create(user=user, text="Why do you want to leave?", confidence=1)
    Question.objects.create(user=user, text="Explain a hash map.", confidence=3)

    page.goto("/questions/practice/")
    card = page.locator("#practice-card")
    expect(card.get_by_role("heading", name="Why do you want to leave?")).to_be_visible()
    card.get_by_label("Your answer draft").fill("I want to build things\nthat last.")
    card.locator("a, button").filter(has_text="Skip").click()

    expect(card.get_by_role("heading", name="Explain a hash map.")).to_be_visible()
    shaky.refresh_from_db()
    assert shaky.answer_draft == "I want to build things\nthat last."
    assert shaky.confidence == 1
    # htmx swapped in the next question, and said the draft was kept.
    expect(card.get_by_role("status")).to_contain_text("your answer draft is kept")
    assert "/questions/practice/" in page.url

    # Next round, on a fresh page (any device): the draft is there.
    page.goto("/questions/practice/")
    expect(card.get_by_role("heading", name="Why do you want to leave?")).to_be_visible()
    expect(card.get_by_label("Your answer draft")).to_have_value(
        "I want to build things\nthat last."
    )


def _mailto(page) -> str:
    href = page.get_by_role("link", name="Open in your email app").get_attribute("href")
    assert href is not None and href.startswith("mailto:")
    return href


def test_the_email_link_carries_the_edited_message(page):
    log_in(page, "hugo")
    user = UserFactory(username="hugo")
    user.full_name = "Hugo Hale"
    user.save()
    company = CompanyFactory(user=user, name="Initech")
    ContactFactory(user=user, company=company, name="Jo Recruiter", email="jo@initech.test")
    application = ApplicationFactory(user=user, company=company, role_title="Data Analyst")

    page.goto(f"/applications/{application.pk}/follow-ups/rejection-thanks/")
    body = page.locator("#id_body")
    page.locator("#id_subject").fill("Thanks & one question")
    body.fill("Dear Jo,\n\nThank you – could we talk 10 minutes?\n\nHugo")
    page.locator("#id_recipient").fill("jo.recruiter@initech.test")

    href = _mailto(page)
    address, query = href.removeprefix("mailto:").split("?", 1)
    fields = dict(part.split("=", 1) for part in query.split("&"))
    assert unquote(address) == "jo.recruiter@initech.test"
    assert unquote(fields["subject"]) == "Thanks & one question"
    edited = "Dear Jo,\r\n\r\nThank you – could we talk 10 minutes?\r\n\r\nHugo"
    assert unquote(fields["body"]) == edited
    # With JavaScript the note about the link ignoring edits goes.
    expect(page.locator("#mailto-note")).to_be_hidden()

    # Another kind's draft as first written: to the known contact, signed with the full name.
    page.goto(f"/applications/{application.pk}/follow-ups/comparison/")
    assert body.input_value().startswith("Dear Jo Recruiter,")
    assert body.input_value().rstrip().endswith("Hugo Hale")
    assert _mailto(page).startswith("mailto:jo@initech.test?subject=")
