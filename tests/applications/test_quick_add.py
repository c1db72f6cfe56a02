"""Quick add: company, role, posting URL and date, in one form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Company, Status, StatusChange
from tests.factories import CompanyFactory

pytestmark = pytest.mark.django_db

URL = reverse("application_quick_add")


def valid_data(**overrides) -> dict[str, str]:
    data = {
        "company": "Acme",
        "role_title": "Data analyst",
        "posting_url": "https://jobs.example.com/123",
        "date_applied": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
    }
    return {**data, **overrides}


def test_form_offers_the_users_company_names(alice_client, alice, bob):
    CompanyFactory(user=alice, name="Acme")
    CompanyFactory(user=bob, name="Bobco")
    response = alice_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert '<datalist id="company-names">' in content
    assert 'list="company-names"' in content
    assert '<option value="Acme">' in content
    assert "Bobco" not in content


def test_quick_add_creates_company_application_and_first_step(alice_client, alice):
    response = alice_client.post(URL, valid_data())
    application = Application.objects.get(user=alice)
    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[application.pk])
    assert application.company.name == "Acme"
    assert application.company.user == alice
    assert application.role_title == "Data analyst"
    assert application.posting_url == "https://jobs.example.com/123"
    assert application.date_applied == timezone.localdate() - datetime.timedelta(days=1)
    assert application.status == Status.APPLIED
    assert list(
        StatusChange.objects.filter(application=application).values_list("from_status", "to_status")
    ) == [("", Status.APPLIED)]


def test_quick_add_says_it_worked(alice_client, alice):
    response = alice_client.post(URL, valid_data())
    messages = [str(message) for message in response.wsgi_request._messages]
    assert messages == ["Added Data analyst at Acme."]


def test_quick_add_reuses_an_existing_company_whatever_its_case(alice_client, alice):
    existing = CompanyFactory(user=alice, name="Acme Corp")
    alice_client.post(URL, valid_data(company="  acme   CORP "))
    assert Company.objects.filter(user=alice).count() == 1
    assert Application.objects.get(user=alice).company == existing


def test_quick_add_adds_a_scheme_to_a_bare_posting_url(alice_client, alice):
    alice_client.post(URL, valid_data(posting_url="jobs.example.com/123"))
    assert Application.objects.get(user=alice).posting_url == "https://jobs.example.com/123"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"role_title": ""}, "This field is required."),
        ({"role_title": "   "}, "This field is required."),
        ({"company": ""}, "This field is required."),
        ({"posting_url": "not a url"}, "Enter a valid URL."),
        (
            {"date_applied": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
            "The application date cannot be in the future.",
        ),
        ({"date_applied": "yesterday"}, "Enter a valid date."),
        ({"role_title": "x" * 500}, "Ensure this value has at most 200 characters"),
    ],
)
def test_invalid_quick_add_re_renders_with_messages_and_creates_nothing(
    alice_client, alice, overrides, error
):
    response = alice_client.post(URL, valid_data(**overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert error in content
    assert "The application was not added" in content
    assert not Application.objects.exists()
    assert not Company.objects.exists()
    assert not StatusChange.objects.exists()


def test_quick_add_rejects_other_methods(alice_client):
    assert alice_client.put(URL).status_code == 405


def test_anonymous_user_is_sent_to_login(client):
    response = client.post(URL, valid_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Application.objects.exists()


# Pre-filled from the query string (the bookmarklet's link) --------------------------------

POSTING = {
    "url": "https://boards.greenhouse.io/acme/jobs/4012345",
    "title": "Backend Engineer - Acme | Greenhouse",
}


def test_a_link_with_the_posting_prefills_quick_add_and_saves_nothing(alice_client, alice):
    response = alice_client.get(URL, POSTING)
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial == {
        "company": "Acme",
        "role_title": "Backend Engineer",
        "posting_url": "https://boards.greenhouse.io/acme/jobs/4012345",
    }
    html = response.content.decode()
    assert 'value="Backend Engineer"' in html
    assert 'value="https://boards.greenhouse.io/acme/jobs/4012345"' in html
    assert not Application.objects.exists()
    assert not Company.objects.exists()
    assert "left out" not in html


def test_a_prefilled_company_takes_the_spelling_of_the_users_own(alice_client, alice, bob):
    CompanyFactory(user=alice, name="ACME Labs")
    CompanyFactory(user=bob, name="Initech Inc")
    response = alice_client.get(URL, {"title": "Engineer - acme labs", "url": ""})
    assert response.context["form"].initial["company"] == "ACME Labs"
    # Another user's company is never the match.
    response = alice_client.get(URL, {"title": "Engineer - initech INC"})
    assert response.context["form"].initial["company"] == "initech INC"


def test_company_and_role_in_the_link_win_over_the_guess(alice_client, alice):
    response = alice_client.get(URL, {**POSTING, "company": "Acme Robotics", "role": "SRE"})
    initial = response.context["form"].initial
    assert (initial["company"], initial["role_title"]) == ("Acme Robotics", "SRE")


def test_a_title_without_a_guessable_company_leaves_it_blank(alice_client, alice):
    response = alice_client.get(
        URL, {"url": "https://www.linkedin.com/jobs/view/1", "title": "Data Analyst | LinkedIn"}
    )
    initial = response.context["form"].initial
    assert "company" not in initial
    assert initial["role_title"] == "Data Analyst"


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"title": "Backend Engineer\x00 - Acme", "url": POSTING["url"]}, "posting_url"),
        ({"url": "https://example.com/\x00", "title": POSTING["title"]}, "role_title"),
        ({"url": "https://example.com/" + "x" * 1200, "title": POSTING["title"]}, "role_title"),
        ({"url": "javascript:alert(1)", "title": POSTING["title"]}, "role_title"),
        ({"title": "x" * 5000, "url": POSTING["url"]}, "posting_url"),
        ({**POSTING, "company": "A\x00cme"}, "role_title"),
        ({**POSTING, "role": "r" * 201}, "posting_url"),
        ({**POSTING, "date_applied": "2999-01-01"}, "role_title"),
        ({**POSTING, "date_applied": "not a date"}, "role_title"),
    ],
)
def test_unreadable_link_values_are_left_out_with_a_note(alice_client, alice, params, kept):
    response = alice_client.get(URL, params)
    assert response.status_code == 200
    assert "could not be used" in response.content.decode()
    assert kept in response.context["form"].initial
    assert not Application.objects.exists()


def test_a_link_can_carry_the_date_applied(alice_client, alice):
    day = timezone.localdate() - datetime.timedelta(days=3)
    response = alice_client.get(URL, {"date_applied": day.isoformat()})
    assert response.context["form"].initial == {"date_applied": day}
    assert f'value="{day.isoformat()}"' in response.content.decode()


def test_the_company_list_offers_at_most_eight_of_the_newest(alice_client, alice):
    for n in range(10):
        CompanyFactory(user=alice, name=f"Company {n:02}")
    html = alice_client.get(URL).content.decode()
    assert html.count("<option value=") == 8
    assert '<option value="Company 09">' in html
    assert '<option value="Company 00">' not in html


# Save and add another -----------------------------------------------------------------------


def test_save_and_add_another_comes_back_to_an_empty_form_keeping_the_date(alice_client, alice):
    data = valid_data(add_another="1")
    response = alice_client.post(URL, data, follow=True)
    assert Application.objects.filter(user=alice).count() == 1
    assert response.redirect_chain == [(f"{URL}?date_applied={data['date_applied']}", 302)]
    form = response.context["form"]
    assert form.initial == {"date_applied": datetime.date.fromisoformat(data["date_applied"])}
    html = response.content.decode()
    assert "Added Data analyst at Acme. Ready for the next one." in html
    assert 'value="Data analyst"' not in html

    second = alice_client.post(URL, valid_data(role_title="Engineer", add_another="1"))
    assert second.status_code == 302
    assert Application.objects.filter(user=alice).count() == 2


def test_save_and_add_another_today_comes_back_to_plain_quick_add(alice_client, alice):
    today = timezone.localdate().isoformat()
    response = alice_client.post(URL, valid_data(date_applied=today, add_another="1"))
    assert response.url == URL


def test_htmx_save_and_add_another_answers_with_the_empty_form(alice_client, alice):
    data = valid_data(add_another="1")
    response = alice_client.post(URL, data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "HX-Redirect" not in response
    assert "HX-Request" in response["Vary"]
    html = response.content.decode()
    assert html.lstrip().startswith("<form")
    assert "<html" not in html
    assert "Ready for the next one." in html  # in the messages swapped out of band
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial == {"date_applied": datetime.date.fromisoformat(data["date_applied"])}
    assert Application.objects.filter(user=alice).count() == 1


def test_htmx_add_goes_to_the_new_application(alice_client, alice):
    response = alice_client.post(URL, valid_data(), headers={"HX-Request": "true"})
    application = Application.objects.get(user=alice)
    assert response["HX-Redirect"] == application.get_absolute_url()


def test_htmx_invalid_add_answers_with_the_form_and_its_errors(alice_client, alice):
    response = alice_client.post(
        URL, valid_data(role_title="", add_another="1"), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<form")
    assert "This field is required." in html
    assert not Application.objects.exists()
