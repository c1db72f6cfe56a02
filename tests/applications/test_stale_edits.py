"""An edit made from a page that another tab has saved over since is refused: the user's text
is kept, the fields changed meanwhile are named, and saving again keeps the user's version."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Company, Contact, Feedback, Interview
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
)

pytestmark = pytest.mark.django_db


def _form_data(response) -> dict:
    """What the browser would post back from the page: every field as loaded."""
    form = response.context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(v.pk if hasattr(v, "pk") else v) for v in value]
        elif isinstance(value, datetime.datetime):
            aware = timezone.is_aware(value)
            data[name] = (timezone.localtime(value) if aware else value).strftime("%Y-%m-%dT%H:%M")
        elif isinstance(value, datetime.date):
            data[name] = value.isoformat()
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    return data


def _version_in(page_html: str) -> str:
    return html.unescape(re.search(r'name="version" value="([^"]*)"', page_html)[1])


CASES = {
    "application_edit": (
        lambda alice: ApplicationFactory(user=alice, notes="first"),
        Application,
        "notes",
        "Notes",
    ),
    "company_edit": (
        lambda alice: CompanyFactory(user=alice, notes="first"),
        Company,
        "notes",
        "Notes",
    ),
    "contact_edit": (
        lambda alice: ContactFactory(user=alice, notes="first"),
        Contact,
        "notes",
        "Notes",
    ),
    "interview_edit": (
        lambda alice: InterviewFactory(
            application=ApplicationFactory(user=alice), preparation_notes="first"
        ),
        Interview,
        "preparation_notes",
        "Preparation notes",
    ),
    "feedback_edit": (
        lambda alice: FeedbackFactory(application=ApplicationFactory(user=alice), content="first"),
        Feedback,
        "content",
        "What was said",
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_a_stale_save_is_refused_keeping_what_was_typed(alice_client, alice, name):
    make, model, field, label = CASES[name]
    obj = make(alice)
    url = reverse(name, args=[obj.pk])
    page = alice_client.get(url)
    data = _form_data(page)
    assert data["version"] == _version_in(page.content.decode())

    # Another tab saves a change to the same object.
    model.objects.filter(pk=obj.pk).update(**{field: "saved in the other tab"})

    data[field] = "typed in this tab"
    refused = alice_client.post(url, data)
    assert refused.status_code == 200
    text = html.unescape(refused.content.decode())
    assert "changed in another tab or window" in text
    assert f"{label}: now “saved in the other tab”" in text
    assert "typed in this tab" in text  # what the user typed is still in the form
    assert getattr(model.objects.get(pk=obj.pk), field) == "saved in the other tab"

    # The refusal carries the new version: saving again is a deliberate overwrite.
    data["version"] = _version_in(refused.content.decode())
    saved = alice_client.post(url, data)
    assert saved.status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), field) == "typed in this tab"


@pytest.mark.parametrize("name", CASES)
def test_a_save_from_an_up_to_date_page_goes_through(alice_client, alice, name):
    make, model, field, _label = CASES[name]
    obj = make(alice)
    url = reverse(name, args=[obj.pk])
    data = _form_data(alice_client.get(url))
    data[field] = "my change"
    assert alice_client.post(url, data).status_code == 302
    assert getattr(model.objects.get(pk=obj.pk), field) == "my change"


def test_a_change_to_a_field_the_form_does_not_show_is_not_a_conflict(alice_client, alice):
    application = ApplicationFactory(user=alice, notes="first")
    url = reverse("application_edit", args=[application.pk])
    data = _form_data(alice_client.get(url))
    Application.objects.filter(pk=application.pk).update(archived=True)
    data["notes"] = "mine"
    assert alice_client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert (application.notes, application.archived) == ("mine", True)


def test_a_stale_htmx_save_answers_with_the_form_in_place(alice_client, alice):
    feedback = FeedbackFactory(application=ApplicationFactory(user=alice), content="first")
    url = reverse("feedback_edit", args=[feedback.pk])
    data = _form_data(alice_client.get(url))
    Feedback.objects.filter(pk=feedback.pk).update(from_whom="Someone else")
    data["content"] = "mine"
    response = alice_client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    text = html.unescape(response.content.decode())
    assert "From whom: now “Someone else”" in text
    assert "<html" not in text


@pytest.mark.parametrize("version", ["", "not json", "[]", "{}"])
def test_an_empty_or_unreadable_version_is_not_checked_rather_than_all_stale(
    alice_client, alice, version
):
    """Found by review: an empty version named every field as changed in another tab."""
    company = CompanyFactory(user=alice, notes="first")
    url = reverse("company_edit", args=[company.pk])
    data = _form_data(alice_client.get(url))
    data["version"] = version
    data["notes"] = "mine"
    assert alice_client.post(url, data).status_code == 302
    company.refresh_from_db()
    assert company.notes == "mine"


def test_a_company_or_referrer_changed_in_another_tab_is_named_by_name(alice_client, alice):
    application = ApplicationFactory(user=alice, referrer=ContactFactory(user=alice, name="Rita"))
    url = reverse("application_edit", args=[application.pk])
    data = _form_data(alice_client.get(url))
    assert (data["company"], data["referrer"]) == (application.company.name, "Rita")

    # Another tab moves it to another company and clears the referrer.
    Application.objects.filter(pk=application.pk).update(
        company=CompanyFactory(user=alice, name="Globex"), referrer=None
    )
    data["notes"] = "mine"
    refused = alice_client.post(url, data)
    text = html.unescape(refused.content.decode())
    assert "Company: now “Globex”" in text
    assert "Referrer: now “(empty)”" in text
    application.refresh_from_db()
    assert (application.company.name, application.notes) == ("Globex", "")
