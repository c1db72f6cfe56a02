"""The follow-up page: a draft of each kind filled from the application, copied, sent and recorded."""

import datetime
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import Contact, Feedback
from reflections import checklist, follow_up_templates
from reflections.forms import FOLLOW_UP_KINDS
from reflections.models import FollowUp, ReflectionAnswer
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    InterviewFactory,
    ReflectionFactory,
)

pytestmark = pytest.mark.django_db

KINDS = list(FOLLOW_UP_KINDS)


def _url(application, kind="thank-you", **query):
    url = reverse("follow_up_compose", args=[application.pk, kind])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


@pytest.fixture
def application(alice):
    return ApplicationFactory(
        user=alice,
        company=CompanyFactory(user=alice, name="Acme Widgets"),
        role_title="Data Analyst",
    )


@pytest.fixture
def interview(alice, application):
    interview = InterviewFactory(application=application)
    interview.interviewers.set(
        [
            ContactFactory(user=alice, name="Priya Patel", email="", role=Contact.Role.INTERVIEWER),
            ContactFactory(
                user=alice, name="Sam Lee", email="sam@acme.test", role=Contact.Role.INTERVIEWER
            ),
        ]
    )
    return interview


def _post_data(**overrides):
    data = {
        "recipient": "sam@acme.test",
        "subject": "Thank you",
        "body": "Dear Sam, thank you.",
        "sent_on": timezone.localdate().isoformat(),
    }
    data.update(overrides)
    return data


# The drafts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_filled_from_the_application(
    alice_client, alice, application, interview, kind
):
    alice.full_name = "Alice Archer"
    alice.save()
    response = alice_client.get(_url(application, kind))
    assert response.status_code == 200
    form = response.context["form"]
    body = form.initial["body"]
    assert "Acme Widgets" in form.initial["subject"] + body
    assert "Data Analyst" in form.initial["subject"] + body
    assert body.startswith("Dear Priya Patel and Sam Lee,")
    assert body.rstrip().endswith("Alice Archer")
    html = response.content.decode()
    assert "Acme Widgets" in html and "Data Analyst" in html and "Priya Patel and Sam Lee" in html


def test_recipient_is_the_first_interviewer_with_an_email(alice_client, application, interview):
    response = alice_client.get(_url(application))
    assert response.context["form"].initial["recipient"] == "sam@acme.test"
    assert 'value="sam@acme.test"' in response.content.decode()


def test_without_interviewer_emails_the_referrer_is_the_recipient(alice_client, alice, application):
    application.referrer = ContactFactory(user=alice, name="Rita", email="rita@agency.test")
    application.save()
    InterviewFactory(application=application).interviewers.set(
        [ContactFactory(user=alice, name="No Mail", email="")]
    )
    response = alice_client.get(_url(application))
    assert response.context["form"].initial["recipient"] == "rita@agency.test"


def test_without_interviews_it_greets_the_hiring_team_and_leaves_the_recipient_blank(
    alice_client, alice
):
    application = ApplicationFactory(user=alice)
    response = alice_client.get(_url(application, "rejection-thanks"))
    initial = response.context["form"].initial
    assert initial["body"].startswith("Dear Hiring team,")
    assert initial["recipient"] == ""
    assert initial["body"].rstrip().endswith("alice")  # no full name: the username


def test_the_latest_past_interview_is_the_default(alice_client, alice, application):
    now = timezone.now()
    older = InterviewFactory(application=application, scheduled_at=now - datetime.timedelta(days=9))
    older.interviewers.set([ContactFactory(user=alice, name="Old Interviewer")])
    latest = InterviewFactory(
        application=application, scheduled_at=now - datetime.timedelta(days=1)
    )
    latest.interviewers.set([ContactFactory(user=alice, name="Latest Interviewer")])
    upcoming = InterviewFactory(
        application=application, scheduled_at=now + datetime.timedelta(days=3)
    )
    upcoming.interviewers.set([ContactFactory(user=alice, name="Future Interviewer")])
    response = alice_client.get(_url(application))
    assert response.context["interview"] == latest
    assert "Dear Latest Interviewer," in response.context["form"].initial["body"]


def test_interview_in_the_query_chooses_the_interview(alice_client, alice, application, interview):
    other = InterviewFactory(
        application=application, scheduled_at=timezone.now() - datetime.timedelta(days=20)
    )
    other.interviewers.set([ContactFactory(user=alice, name="Jo Chosen", email="jo@acme.test")])
    response = alice_client.get(_url(application, interview=other.pk))
    initial = response.context["form"].initial
    assert initial["body"].startswith("Dear Jo Chosen,")
    assert initial["recipient"] == "jo@acme.test"


@pytest.mark.parametrize("kind", KINDS)
def test_drafts_sign_with_the_full_name_not_the_username(alice_client, alice, kind):
    alice.full_name = "  Alice Q. Archer "
    alice.first_name, alice.last_name = "Ally", "A"  # not what signs
    alice.save()
    response = alice_client.get(_url(ApplicationFactory(user=alice), kind))
    body = response.context["form"].initial["body"]
    assert body.rstrip().endswith("\nAlice Q. Archer")
    assert "alice" not in body.rsplit("\n", 1)[1]


# Whom the draft goes to, without interviewers to greet -------------------------------------------


def _sent(user, application, recipient, days_ago=1):
    return FollowUp.objects.create(
        user=user,
        application=application,
        kind=FollowUp.Kind.THANK_YOU,
        recipient=recipient,
        subject="Earlier",
        body="Thanks",
        sent_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )


def _initial(client, application, kind="rejection-thanks"):
    return client.get(_url(application, kind)).context["form"].initial


def test_it_goes_to_the_contact_already_written_to_at_the_company(alice_client, alice, application):
    company = application.company
    ContactFactory(user=alice, company=company, name="Jo Recruiter", email="jo@acme.test")
    ContactFactory(
        user=alice,
        company=company,
        name="Kim Lead",
        email="kim@acme.test",
        role=Contact.Role.HIRING_MANAGER,
    )
    # An earlier follow-up about another application at the same company went to Kim.
    _sent(alice, ApplicationFactory(user=alice, company=company), "kim@acme.test", days_ago=2)
    _sent(alice, ApplicationFactory(user=alice), "elsewhere@other.test", days_ago=1)
    initial = _initial(alice_client, application)
    assert initial["body"].startswith("Dear Kim Lead,")
    assert initial["recipient"] == "kim@acme.test"


def test_the_latest_address_written_to_wins(alice_client, alice, application):
    ContactFactory(user=alice, name="Old Contact", email="old@acme.test")
    ContactFactory(user=alice, name="New Contact", email="new@acme.test")
    _sent(alice, application, "old@acme.test", days_ago=9)
    _sent(alice, application, "NEW@acme.test", days_ago=1)
    initial = _initial(alice_client, application)
    assert initial["body"].startswith("Dear New Contact,")
    assert initial["recipient"] == "NEW@acme.test"


def test_an_address_written_to_without_a_contact_keeps_the_team_greeting(
    alice_client, alice, application
):
    _sent(alice, application, "jobs@acme.test")
    initial = _initial(alice_client, application)
    assert initial["body"].startswith("Dear Hiring team,")
    assert initial["recipient"] == "jobs@acme.test"


def test_without_a_message_sent_it_goes_to_the_recruiter_at_the_company(
    alice_client, alice, application
):
    company = application.company
    ContactFactory(user=alice, company=company, name="Ann Manager", email="", role="hiring_manager")
    ContactFactory(
        user=alice, company=company, name="Zed Interviewer", role="interviewer", email="z@acme.test"
    )
    ContactFactory(user=alice, company=company, name="Jo Recruiter", email="jo@acme.test")
    ContactFactory(user=alice, name="Elsewhere Recruiter", email="rec@other.test")
    initial = _initial(alice_client, application)
    assert initial["body"].startswith("Dear Jo Recruiter,")
    assert initial["recipient"] == "jo@acme.test"
    html = alice_client.get(_url(application, "rejection-thanks")).content.decode()
    assert 'href="mailto:jo@acme.test?subject=' in html


def test_a_hiring_manager_with_an_address_comes_before_a_recruiter_without(
    alice_client, alice, application
):
    company = application.company
    ContactFactory(user=alice, company=company, name="Jo Recruiter", email="")
    ContactFactory(
        user=alice, company=company, name="Kim Lead", email="kim@acme.test", role="hiring_manager"
    )
    initial = _initial(alice_client, application)
    assert initial["body"].startswith("Dear Kim Lead,")
    assert initial["recipient"] == "kim@acme.test"


def test_another_users_contacts_and_messages_are_never_used(alice_client, alice, bob, application):
    # Bob's records pointing at Alice's company and application (they could not be made through
    # the app) must still never address Alice's message.
    ContactFactory(
        user=bob, company=application.company, name="Bob's Recruiter", email="b@acme.test"
    )
    _sent(bob, application, "b@acme.test")
    initial = _initial(alice_client, application)
    assert initial["body"].startswith("Dear Hiring team,")
    assert initial["recipient"] == ""


def test_interviewers_are_still_greeted_and_written_to_first(
    alice_client, alice, application, interview
):
    ContactFactory(
        user=alice, company=application.company, name="Jo Recruiter", email="jo@acme.test"
    )
    _sent(alice, application, "jo@acme.test")
    initial = _initial(alice_client, application, "thank-you")
    assert initial["body"].startswith("Dear Priya Patel and Sam Lee,")
    assert initial["recipient"] == "sam@acme.test"


def test_interviewers_without_an_address_get_the_one_written_to(alice_client, alice, application):
    InterviewFactory(application=application).interviewers.set(
        [ContactFactory(user=alice, name="No Mail", email="", role="interviewer")]
    )
    _sent(alice, application, "jo@acme.test")
    initial = _initial(alice_client, application, "thank-you")
    assert initial["body"].startswith("Dear No Mail,")
    assert initial["recipient"] == "jo@acme.test"


def test_influence_letter_has_brackets_to_fill(alice_client, application, interview):
    response = alice_client.get(_url(application, "influence-letter"))
    body = response.context["form"].initial["body"]
    assert re.search(r"\[[^\]]+\]", body)
    assert "[a challenge Acme Widgets faces" in body


def test_every_kind_has_a_draft_and_a_guide_citing_a_real_heading():
    headings = {article.title: article.headings for article in checklist.ARTICLES}
    for kind in FollowUp.Kind:
        assert kind in follow_up_templates.DRAFTERS
        source = follow_up_templates.GUIDES[kind].source
        assert source.heading in headings[source.title], source


def test_subject_is_cut_to_the_field_length(alice_client, alice):
    application = ApplicationFactory(
        user=alice, role_title="R" * 200, company=CompanyFactory(user=alice, name="C" * 200)
    )
    response = alice_client.get(_url(application))
    assert len(response.context["form"].initial["subject"]) == 200


# The page ------------------------------------------------------------------------------------


def test_mailto_link_carries_the_quoted_subject_and_recipient(alice_client, application, interview):
    response = alice_client.get(_url(application))
    subject = response.context["form"].initial["subject"]
    html = response.content.decode()
    href = re.search(r'href="(mailto:[^"]*)"', html).group(1)
    assert href.startswith("mailto:sam@acme.test?subject=")
    assert "subject=" + quote(subject, safe="") in href
    assert "&amp;body=Dear%20Priya%20Patel%20and%20Sam%20Lee%2C%0D%0A" in href


def test_the_mailto_link_is_wired_to_the_fields_by_a_script_file(alice_client, application):
    response = alice_client.get(_url(application))
    html = response.content.decode()
    link = re.search(r"<a [^>]*>Open in your email app</a>", html).group(0)
    for attribute in (
        'data-mailto-to="id_recipient"',
        'data-mailto-subject="id_subject"',
        'data-mailto-body="id_body"',
        'data-mailto-note="mailto-note"',
    ):
        assert attribute in link
    assert re.search(
        r'<script src="/static/js/follow_up_mailto\.js" defer nonce="[^"]+"></script>', html
    )


def test_after_an_invalid_post_the_mailto_link_carries_what_was_posted(
    alice_client, application, interview
):
    response = alice_client.post(
        _url(application),
        _post_data(subject="My own subject", body="My edited body", sent_on="yesterday"),
    )
    assert response.status_code == 200
    assert "subject=My%20own%20subject&amp;body=My%20edited%20body" in response.content.decode()


def test_page_has_the_copy_button_and_loads_copy_js_with_the_nonce(alice_client, application):
    response = alice_client.get(_url(application))
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert re.search(r'<button type="button"[^>]*data-copy-body="id_body"[^>]*>Copy</button>', html)
    assert 'aria-live="polite"' in html
    assert re.search(
        rf'<script src="/static/js/copy\.js" defer nonce="{re.escape(nonce)}"></script>', html
    )
    for attributes, script_body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        assert script_body.strip() == "", "no inline script bodies"
        assert 'src="/static/' in attributes and f'nonce="{nonce}"' in attributes
    assert "style=" not in html
    assert "hx-on" not in html


def test_form_fields_are_labelled(alice_client, application):
    html = alice_client.get(_url(application)).content.decode()
    for field_id in ("id_recipient", "id_subject", "id_body", "id_sent_on"):
        assert f'for="{field_id}"' in html


def test_kind_links_keep_the_chosen_interview(alice_client, application, interview):
    response = alice_client.get(_url(application, "comparison", interview=interview.pk))
    urls = [kind["url"] for kind in response.context["kinds"]]
    assert urls == [_url(application, kind, interview=interview.pk) for kind in KINDS]
    assert [kind["current"] for kind in response.context["kinds"]] == [False, False, True, False]


def test_kind_links_without_a_chosen_interview_have_no_query(alice_client, application):
    response = alice_client.get(_url(application))
    assert [kind["url"] for kind in response.context["kinds"]] == [
        _url(application, kind) for kind in KINDS
    ]


def test_lists_follow_ups_of_this_kind_already_sent(alice_client, alice, application):
    FollowUp.objects.create(
        user=alice,
        application=application,
        kind=FollowUp.Kind.THANK_YOU,
        recipient="sam@acme.test",
        subject="Earlier thank-you",
        body="Thanks",
        sent_on=datetime.date(2026, 1, 5),
    )
    FollowUp.objects.create(
        user=alice,
        application=application,
        kind=FollowUp.Kind.COMPARISON,
        subject="Earlier comparison",
        body="How?",
        sent_on=datetime.date(2026, 1, 6),
    )
    html = alice_client.get(_url(application)).content.decode()
    assert "Earlier thank-you" in html and "sam@acme.test" in html and "5 Jan 2026" in html
    assert "Earlier comparison" not in html


# Not found ----------------------------------------------------------------------------------


def test_unknown_kind_is_404(alice_client, application):
    assert alice_client.get(_url(application, "love-letter")).status_code == 404
    assert alice_client.post(_url(application, "love-letter"), _post_data()).status_code == 404


def test_other_users_application_is_404(alice_client, bob):
    theirs = ApplicationFactory(user=bob)
    assert alice_client.get(_url(theirs)).status_code == 404
    assert alice_client.post(_url(theirs), _post_data()).status_code == 404
    assert not FollowUp.objects.exists()


def test_interview_of_another_application_is_404(alice_client, alice, application):
    elsewhere = InterviewFactory(application=ApplicationFactory(user=alice))
    assert alice_client.get(_url(application, interview=elsewhere.pk)).status_code == 404
    response = alice_client.post(_url(application, interview=elsewhere.pk), _post_data())
    assert response.status_code == 404
    assert not FollowUp.objects.exists()


def test_malformed_interview_is_404(alice_client, application):
    assert alice_client.get(_url(application, interview="abc")).status_code == 404


def test_anonymous_user_is_sent_to_login(client, application):
    response = client.get(_url(application))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Marking as sent ------------------------------------------------------------------------------


def test_marking_a_thank_you_sent_records_it_on_the_interview(
    alice_client, alice, application, interview
):
    sent_on = timezone.localdate() - datetime.timedelta(days=1)
    response = alice_client.post(
        _url(application, "thank-you", interview=interview.pk),
        _post_data(sent_on=sent_on.isoformat()),
    )
    assert response.status_code == 302
    assert response.url == reverse("application_detail", args=[application.pk])
    follow_up = FollowUp.objects.get()
    assert (follow_up.user, follow_up.application, follow_up.interview) == (
        alice,
        application,
        interview,
    )
    assert follow_up.kind == FollowUp.Kind.THANK_YOU
    assert (follow_up.recipient, follow_up.subject, follow_up.sent_on) == (
        "sam@acme.test",
        "Thank you",
        sent_on,
    )
    interview.refresh_from_db()
    assert interview.thank_you_sent_on == sent_on


def test_marking_sent_without_a_chosen_interview_uses_the_latest_past_one(
    alice_client, application, interview
):
    alice_client.post(_url(application, "thank-you"), _post_data())
    interview.refresh_from_db()
    assert interview.thank_you_sent_on == timezone.localdate()


def test_marking_sent_shows_a_success_message(alice_client, application):
    response = alice_client.post(_url(application), _post_data(), follow=False)
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Thank-you after an interview: recorded as sent."]


def test_marking_a_rejection_thanks_sent_asks_for_feedback_and_ticks_the_reflection(
    alice_client, alice
):
    reflection = ReflectionFactory(application=ApplicationFactory(user=alice, status="rejected"))
    application = reflection.application
    response = alice_client.post(_url(application, "rejection-thanks"), _post_data())
    assert response.status_code == 302
    assert FollowUp.objects.get().kind == FollowUp.Kind.REJECTION_THANKS
    feedback = Feedback.objects.get(application=application)
    assert feedback.requested_on == timezone.localdate()
    answer = ReflectionAnswer.objects.get(reflection=reflection, item_key="followup_thanks")
    assert answer.choice == "done"
    assert answer.section_key == "follow_ups"


def test_marking_a_rejection_thanks_sent_without_a_reflection(alice_client, application):
    alice_client.post(_url(application, "rejection-thanks"), _post_data())
    assert Feedback.objects.get(application=application).requested_on == timezone.localdate()
    assert not ReflectionAnswer.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("body", ""),
        ("body", "x" * 20_001),
        ("subject", ""),
        ("subject", "s" * 201),
        ("recipient", "not-an-email"),
        ("sent_on", (datetime.date.today() + datetime.timedelta(days=2)).isoformat()),
        ("sent_on", "yesterday"),
    ],
)
def test_invalid_form_records_nothing_and_says_why(
    alice_client, application, interview, field, value
):
    response = alice_client.post(_url(application), _post_data(**{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    html = response.content.decode()
    assert "Nothing was recorded" in html
    assert "invalid-feedback" in html
    assert not FollowUp.objects.exists()
    interview.refresh_from_db()
    assert interview.thank_you_sent_on is None


def test_get_does_not_record_anything(alice_client, application, interview):
    alice_client.get(_url(application))
    assert not FollowUp.objects.exists()


def test_other_methods_are_refused(alice_client, application):
    assert alice_client.delete(_url(application)).status_code == 405
