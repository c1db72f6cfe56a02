"""Editing, archiving and deleting one application, and who may do it."""

import datetime

import pytest
from django.urls import reverse

from applications.models import (
    Application,
    Company,
    Contact,
    Feedback,
    Interview,
    Outcome,
    Status,
    StatusChange,
)
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
    OutcomeFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def edit_data(application: Application, **overrides) -> dict:
    data = {
        "company": application.company.name,
        "role_title": application.role_title,
        "posting_url": "",
        "date_applied": application.date_applied.isoformat(),
        "source": application.source,
        "referrer": "",
        "interest": "",
        "location": "",
        "work_mode": "",
        "salary_min": "",
        "salary_max": "",
        "salary_currency": "",
        "job_description": "",
        "requirements": "",
        "notes": "",
    }
    return {**data, **overrides}


# Edit --------------------------------------------------------------------------------


def test_edit_page_shows_the_form_without_status(alice_client, alice):
    application = ApplicationFactory(user=alice, role_title="Analyst")
    response = alice_client.get(reverse("application_edit", args=[application.pk]))
    assert response.status_code == 200
    assert "Analyst" in response.content.decode()
    assert "status" not in response.context["form"].fields


def test_edit_offers_only_the_users_companies_and_contacts(alice_client, alice, bob):
    application = ApplicationFactory(user=alice)
    CompanyFactory(user=bob, name="Bobco")
    ContactFactory(user=bob, name="Bob's recruiter")
    content = alice_client.get(reverse("application_edit", args=[application.pk])).content
    assert b"Bobco" not in content
    assert b"Bob&#x27;s recruiter" not in content


def test_edit_shows_the_company_and_referrer_by_name(alice_client, alice):
    company = CompanyFactory(user=alice, name="Acme")
    referrer = ContactFactory(user=alice, name="Rita Referrer")
    application = ApplicationFactory(user=alice, company=company, referrer=referrer)
    response = alice_client.get(reverse("application_edit", args=[application.pk]))
    form = response.context["form"]
    assert (form["company"].value(), form["referrer"].value()) == ("Acme", "Rita Referrer")
    html = response.content.decode()
    assert 'name="company" value="Acme"' in html
    assert 'name="referrer" value="Rita Referrer"' in html
    # Text boxes, not a list of every company or contact.
    assert '<select name="company"' not in html
    assert '<select name="referrer"' not in html


def test_edit_matches_an_existing_company_whatever_its_case(alice_client, alice):
    application = ApplicationFactory(user=alice)
    globex = CompanyFactory(user=alice, name="Globex Corp")
    response = alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, company="  globex   CORP "),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.company == globex
    assert Company.objects.filter(user=alice, name__iexact="globex corp").count() == 1


def test_edit_creates_a_company_named_for_the_first_time(alice_client, alice):
    application = ApplicationFactory(user=alice)
    alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, company="Initech"),
    )
    application.refresh_from_db()
    assert (application.company.name, application.company.user) == ("Initech", alice)


def test_edit_without_a_company_name_is_refused(alice_client, alice):
    application = ApplicationFactory(user=alice)
    company = application.company
    response = alice_client.post(
        reverse("application_edit", args=[application.pk]), edit_data(application, company="   ")
    )
    assert response.status_code == 200
    assert "The changes were not saved" in response.content.decode()
    application.refresh_from_db()
    assert application.company == company


def test_edit_creates_a_new_referrer_at_the_applications_company(alice_client, alice):
    application = ApplicationFactory(user=alice)
    alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, referrer="  Rita   Referrer "),
    )
    application.refresh_from_db()
    referrer = application.referrer
    assert (referrer.name, referrer.role, referrer.user) == ("Rita Referrer", "referrer", alice)
    assert referrer.company == application.company


def test_edit_matches_an_existing_contact_as_referrer(alice_client, alice):
    application = ApplicationFactory(user=alice)
    rita = ContactFactory(user=alice, name="Rita Referrer", role="recruiter")
    alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, referrer="rita referrer"),
    )
    application.refresh_from_db()
    assert application.referrer == rita
    assert Contact.objects.filter(user=alice).count() == 1
    rita.refresh_from_db()
    assert rita.role == "recruiter"  # an existing contact is linked, not changed


def test_edit_keeps_the_referrer_among_contacts_of_the_same_name(alice_client, alice):
    ContactFactory(user=alice, name="Sam")
    sam_at_acme = ContactFactory(user=alice, name="Sam")
    application = ApplicationFactory(user=alice, referrer=sam_at_acme)
    alice_client.post(
        reverse("application_edit", args=[application.pk]), edit_data(application, referrer="Sam")
    )
    application.refresh_from_db()
    assert application.referrer == sam_at_acme


def test_editing_only_the_location_keeps_a_company_and_referrer_named_with_double_spaces(
    alice_client, alice
):
    """Names stored with two spaces (a contact form, an import) are shown as stored and typed
    back as one space; the same name after collapsing is the same company and person."""
    acme = Company.objects.create(user=alice, name="Acme  Corp")
    jane = Contact.objects.create(user=alice, name="Jane  Doe", company=acme)
    application = ApplicationFactory(user=alice, company=acme, referrer=jane)
    form = alice_client.get(reverse("application_edit", args=[application.pk])).context["form"]
    response = alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(
            application,
            company=form["company"].value(),
            referrer=form["referrer"].value(),
            location="Berlin",
        ),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.location, application.company, application.referrer) == (
        "Berlin",
        acme,
        jane,
    )
    assert Company.objects.filter(user=alice).count() == 1
    assert Contact.objects.filter(user=alice).count() == 1


def test_edit_naming_another_company_and_contact_finds_them_despite_double_spaces(
    alice_client, alice
):
    application = ApplicationFactory(user=alice)
    globex = Company.objects.create(user=alice, name="Globex  Corp")
    hank = Contact.objects.create(user=alice, name="Hank   Scorpio")
    alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, company="globex corp", referrer="Hank Scorpio"),
    )
    application.refresh_from_db()
    assert (application.company, application.referrer) == (globex, hank)
    assert Company.objects.filter(user=alice, name__icontains="globex").count() == 1
    assert Contact.objects.filter(user=alice).count() == 1


def test_edit_with_an_empty_referrer_clears_it(alice_client, alice):
    rita = ContactFactory(user=alice, name="Rita")
    application = ApplicationFactory(user=alice, referrer=rita)
    alice_client.post(
        reverse("application_edit", args=[application.pk]), edit_data(application, referrer="")
    )
    application.refresh_from_db()
    assert application.referrer is None
    assert Contact.objects.filter(pk=rita.pk).exists()


def test_edit_saves_and_redirects_to_the_application(alice_client, alice):
    application = ApplicationFactory(user=alice)
    other_company = CompanyFactory(user=alice, name="Globex")
    response = alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(
            application,
            company="Globex",
            role_title="Senior analyst",
            salary_min="50000",
            salary_max="60000",
            salary_currency="eur",
            interest="4",
        ),
    )
    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[application.pk])
    application.refresh_from_db()
    assert application.company == other_company
    assert application.role_title == "Senior analyst"
    assert (application.salary_min, application.salary_max) == (50000, 60000)
    assert application.salary_currency == "EUR"
    assert application.interest == 4


def test_edit_with_salary_min_above_max_re_renders_with_the_message(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, salary_min="90000", salary_max="60000"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "The maximum salary must be at least the minimum." in content
    assert "The changes were not saved" in content
    application.refresh_from_db()
    assert application.salary_min is None


def test_edit_with_an_oversized_role_re_renders_without_failing(alice_client, alice):
    application = ApplicationFactory(user=alice, role_title="Analyst")
    response = alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, role_title="x" * 500),
    )
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    application.refresh_from_db()
    assert application.role_title == "Analyst"


def test_edit_never_matches_another_users_company_or_contact(alice_client, alice, bob):
    application = ApplicationFactory(user=alice)
    bobs_company = CompanyFactory(user=bob, name="Bobco")
    bobs_contact = ContactFactory(user=bob, name="Bob's friend", company=bobs_company)
    response = alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, company="Bobco", referrer="Bob's friend"),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.company != bobs_company
    assert (application.company.name, application.company.user) == ("Bobco", alice)
    assert application.referrer != bobs_contact
    assert application.referrer.user == alice
    assert application.referrer.company == application.company


def test_edit_takes_a_company_id_as_a_name(alice_client, alice, bob):
    """Old pages posted the company's id: it is a name now, never another row's id."""
    application = ApplicationFactory(user=alice)
    bobs_company = CompanyFactory(user=bob)
    alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, company=str(bobs_company.pk)),
    )
    application.refresh_from_db()
    assert application.company.user == alice


def test_edit_does_not_change_the_status(alice_client, alice):
    application = ApplicationFactory(user=alice, status=Status.APPLIED)
    alice_client.post(
        reverse("application_edit", args=[application.pk]),
        edit_data(application, status=Status.REJECTED),
    )
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert not Outcome.objects.exists()


# Archive -------------------------------------------------------------------------------


def test_archive_hides_the_application_from_list_and_board(alice_client, alice):
    application = ApplicationFactory(user=alice, role_title="Analyst")
    response = alice_client.post(
        reverse("application_archive", args=[application.pk]), {"view": "list"}
    )
    assert response.status_code == 302
    assert response.url == reverse("application_list")
    application.refresh_from_db()
    assert application.archived
    assert Application.objects.filter(pk=application.pk).exists()
    list_response = alice_client.get(reverse("application_list"))
    assert list(list_response.context["page_obj"]) == []
    assert "Archived Analyst at" in list_response.content.decode()
    board = alice_client.get(reverse("application_board")).context
    assert all(not column.cards for column in board["open_columns"])


def test_unarchive_brings_it_back(alice_client, alice):
    application = ApplicationFactory(user=alice, archived=True)
    alice_client.post(reverse("application_archive", args=[application.pk]), {"archived": "0"})
    application.refresh_from_db()
    assert not application.archived


def test_archive_without_a_direction_toggles(alice_client, alice):
    application = ApplicationFactory(user=alice)
    url = reverse("application_archive", args=[application.pk])
    alice_client.post(url)
    application.refresh_from_db()
    assert application.archived
    alice_client.post(url)
    application.refresh_from_db()
    assert not application.archived


def test_archiving_twice_keeps_it_archived(alice_client, alice):
    application = ApplicationFactory(user=alice)
    url = reverse("application_archive", args=[application.pk])
    alice_client.post(url, {"archived": "1"})
    alice_client.post(url, {"archived": "1"})
    application.refresh_from_db()
    assert application.archived


def test_htmx_archive_from_the_list_returns_the_row(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        reverse("application_archive", args=[application.pk]),
        {"view": "list", "archived": "1"},
        headers=HTMX,
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert content.lstrip().startswith(f'<tr id="application-{application.pk}"')
    assert "Unarchive" in content
    assert "HX-Request" in response["Vary"]


def test_htmx_archive_from_the_list_offers_undo_in_the_row(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        reverse("application_archive", args=[application.pk]),
        {"view": "list", "archived": "1"},
        headers=HTMX,
    )
    content = response.content.decode()
    assert 'role="status"' in content and f'hx-post="{reverse("undo")}"' in content


def test_archiving_an_archived_application_again_offers_no_undo(alice_client, alice):
    application = ApplicationFactory(user=alice, archived=True)
    response = alice_client.post(
        reverse("application_archive", args=[application.pk]),
        {"view": "list", "archived": "1"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert reverse("undo") not in response.content.decode()
    application.refresh_from_db()
    assert application.archived is True


@pytest.mark.parametrize("view", ["list", "board"])
def test_htmx_archiving_again_says_so_out_of_band(alice_client, alice, view):
    application = ApplicationFactory(
        user=alice, archived=True, role_title="Analyst", company__name="Acme"
    )
    response = alice_client.post(
        reverse("application_archive", args=[application.pk]),
        {"view": view, "archived": "1"},
        headers=HTMX,
    )
    content = response.content.decode()
    oob = content[content.index('<div id="messages" hx-swap-oob="innerHTML">') :]
    assert "Analyst at Acme is already archived." in oob


def test_htmx_archive_from_the_detail_page_refreshes_it(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.post(
        reverse("application_archive", args=[application.pk]),
        {"view": "detail", "archived": "1"},
        headers=HTMX,
    )
    assert response["HX-Refresh"] == "true"
    application.refresh_from_db()
    assert application.archived


def test_archive_rejects_get(alice_client, alice):
    application = ApplicationFactory(user=alice)
    assert (
        alice_client.get(reverse("application_archive", args=[application.pk])).status_code == 405
    )
    application.refresh_from_db()
    assert not application.archived


# Delete --------------------------------------------------------------------------------


def test_delete_page_asks_and_counts_what_goes_with_it(alice_client, alice):
    application = ApplicationFactory(user=alice, role_title="Analyst")
    first = InterviewFactory(application=application)
    InterviewFactory(application=application)
    FeedbackFactory(application=application, interview=first)
    OutcomeFactory(application=application)
    response = alice_client.get(reverse("application_delete", args=[application.pk]))
    assert response.status_code == 200
    assert response.context["object_kind"] == "application"
    assert response.context["consequences"] == [
        "2 interviews",
        "1 piece of feedback",
        "1 recorded outcome",
    ]
    assert response.context["cancel_url"] == reverse("application_detail", args=[application.pk])
    assert "cannot be undone" in response.content.decode()
    assert Application.objects.filter(pk=application.pk).exists()


def test_delete_page_of_a_bare_application_lists_no_consequences(alice_client, alice):
    application = ApplicationFactory(user=alice)
    response = alice_client.get(reverse("application_delete", args=[application.pk]))
    assert response.context["consequences"] == []


def test_delete_removes_the_application_and_its_history(alice_client, alice):
    application = ApplicationFactory(user=alice, role_title="Analyst")
    interview = InterviewFactory(application=application)
    FeedbackFactory(application=application, interview=interview)
    OutcomeFactory(application=application)
    response = alice_client.post(reverse("application_delete", args=[application.pk]))
    assert response.status_code == 302
    assert response.url == reverse("application_list")
    assert not Application.objects.exists()
    assert not Interview.objects.exists()
    assert not Feedback.objects.exists()
    assert not Outcome.objects.exists()
    assert not StatusChange.objects.exists()
    # The company is the user's to keep.
    assert Company.objects.filter(user=alice).exists()
    follow = alice_client.get(response.url)
    assert "Deleted Analyst at" in follow.content.decode()


# Ownership and sign-in -----------------------------------------------------------------

OWNED_URLS = ["application_edit", "application_status", "application_archive", "application_delete"]


@pytest.mark.parametrize("name", OWNED_URLS)
@pytest.mark.parametrize("headers", [{}, HTMX])
def test_other_users_application_is_404_on_post(alice_client, bob, name, headers):
    application = ApplicationFactory(user=bob, role_title="Bobs job")
    response = alice_client.post(
        reverse(name, args=[application.pk]),
        {"status": Status.REJECTED, "view": "list", "archived": "1", "role_title": "Hacked"},
        headers=headers,
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.role_title == "Bobs job"
    assert application.status == Status.APPLIED
    assert not application.archived


@pytest.mark.parametrize("name", ["application_edit", "application_delete"])
def test_other_users_application_is_404_on_get(alice_client, bob, name):
    application = ApplicationFactory(user=bob)
    response = alice_client.get(reverse(name, args=[application.pk]))
    assert response.status_code == 404
    assert b"Engineer" not in response.content


@pytest.mark.parametrize("name", ["application_status", "application_archive"])
def test_write_only_urls_answer_get_the_same_whoever_owns_the_id(alice_client, alice, bob, name):
    mine = ApplicationFactory(user=alice)
    theirs = ApplicationFactory(user=bob)
    assert alice_client.get(reverse(name, args=[mine.pk])).status_code == 405
    assert alice_client.get(reverse(name, args=[theirs.pk])).status_code == 405


def test_missing_application_is_404(alice_client):
    for name in OWNED_URLS:
        assert alice_client.post(reverse(name, args=[999999])).status_code == 404


@pytest.mark.parametrize("name", OWNED_URLS)
def test_anonymous_user_is_sent_to_login(client, alice, name):
    application = ApplicationFactory(user=alice)
    for response in (
        client.get(reverse(name, args=[application.pk])),
        client.post(reverse(name, args=[application.pk])),
    ):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert Application.objects.filter(pk=application.pk, archived=False).exists()


@pytest.mark.parametrize("name", ["application_list", "application_board", "application_quick_add"])
def test_anonymous_user_is_sent_to_login_from_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse(name)}"


def test_the_edit_form_refuses_a_future_application_date_as_quick_add_does(alice_client, alice):
    """Found by review: quick add refused a future date, the full form saved 9999-12-31."""
    application = ApplicationFactory(user=alice)
    page = alice_client.get(reverse("application_edit", args=[application.pk]))
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["company"] = application.company.pk
    data["date_applied"] = "9999-12-31"
    response = alice_client.post(reverse("application_edit", args=[application.pk]), data)
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    application.refresh_from_db()
    assert application.date_applied != datetime.date(9999, 12, 31)
