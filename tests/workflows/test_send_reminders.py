"""manage.py send_reminders: who gets the summary, what it says, and never twice a day."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import DEMO_EMAIL, DEMO_USERNAME, User
from applications.models import Status
from tests.config.test_settings import PRODUCTION_ENV, run_manage
from tests.factories import (
    ActionItemFactory,
    ApplicationFactory,
    InterviewFactory,
    ReflectionFactory,
    UserFactory,
)
from workflows.management.commands import send_reminders
from workflows.reminder_digest import reminder_digest

pytestmark = pytest.mark.django_db

BASE_URL = "https://rebound.example.com"
DAILY = User.ReminderFrequency.DAILY
WEEKLY = User.ReminderFrequency.WEEKLY


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.BASE_URL = BASE_URL


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def next_weekday(weekday: int) -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7)


def something_due(user: User) -> None:
    """A reflection left unfinished: due whatever the day."""
    ReflectionFactory(application=ApplicationFactory(user=user, status=Status.REJECTED))


def test_a_user_with_something_due_gets_one_email_with_the_expected_lines(alice, bob):
    alice.full_name = "Alice Liddell"
    alice.reminder_frequency = DAILY
    alice.save()
    now = timezone.now()
    upcoming = InterviewFactory(
        application=ApplicationFactory(
            user=alice, role_title="Backend Engineer", company__name="Acme"
        ),
        scheduled_at=now + datetime.timedelta(days=2),
    )
    past = InterviewFactory(
        application=ApplicationFactory(user=alice, role_title="SRE", company__name="Globex"),
        scheduled_at=now - datetime.timedelta(days=2),
    )
    reflection = ReflectionFactory(
        application=ApplicationFactory(
            user=alice, status=Status.REJECTED, role_title="Data Engineer", company__name="Initech"
        )
    )
    ActionItemFactory(user=alice, title="Practise system design", due_on=timezone.localdate())
    ActionItemFactory(
        user=alice,
        title="Update the CV",
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    ActionItemFactory(
        user=alice,
        title="Far away",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    # Bob's things never reach Alice's email.
    InterviewFactory(
        application=ApplicationFactory(user=bob, company__name="Bob's Corp"),
        scheduled_at=now + datetime.timedelta(days=1),
    )

    output = run()

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["alice@example.com"]
    assert email.subject == "Rebound: 6 things need your attention"
    assert email.extra_headers["Auto-Submitted"] == "auto-generated"
    body = email.body
    assert body.startswith("Hello Alice Liddell,")
    app_url = f"{BASE_URL}/applications/"
    expected_lines = [
        "Interviews in the next 7 days",
        f"- Backend Engineer at Acme: {upcoming.get_stage_display()}, ",
        f"  {app_url}{upcoming.application.pk}/#interview-{upcoming.pk}",
        "Debriefs to write",
        f"- SRE at Globex: {past.get_stage_display()} on ",
        f"  {app_url}{past.application.pk}/#interview-{past.pk}",
        "Thank-you notes to send",
        "Reflections to finish",
        "- Data Engineer at Initech: 0 of ",
        f"  {BASE_URL}/reflections/{reflection.pk}/",
        "Action items due in the next 7 days",
        "- Practise system design: due ",
        "- Update the CV: overdue since ",
        f"  {BASE_URL}/actions/",
        f"Everything is on your home page: {BASE_URL}/",
    ]
    lines = body.splitlines()
    for expected in expected_lines:
        assert any(line.startswith(expected) for line in lines), expected
    assert "Far away" not in body
    assert "Bob's Corp" not in body
    assert f"turn these emails off: {BASE_URL}/accounts/settings/" in body
    assert "every day" in body
    assert "Reminders for " in output and ": sent 1, skipped 0, failed 0." in output
    alice.refresh_from_db()
    assert alice.reminders_sent_on == timezone.localdate()


def test_the_summary_is_signed_to_the_username_without_a_full_name(alice):
    alice.reminder_frequency = DAILY
    alice.save()
    something_due(alice)
    run()
    assert mail.outbox[0].body.startswith("Hello alice,")
    assert mail.outbox[0].subject == "Rebound: 1 thing needs your attention"


def test_a_user_with_nothing_due_gets_nothing(alice):
    alice.reminder_frequency = DAILY
    alice.save()
    ActionItemFactory(user=alice, due_on=timezone.localdate() + datetime.timedelta(days=30))
    InterviewFactory(
        application=ApplicationFactory(user=alice),
        scheduled_at=timezone.now() + datetime.timedelta(days=30),
    )
    output = run()
    assert mail.outbox == []
    assert ": sent 0, skipped 1, failed 0." in output
    alice.refresh_from_db()
    assert alice.reminders_sent_on is None


def test_a_user_who_did_not_opt_in_gets_nothing(alice):
    assert alice.reminder_frequency == User.ReminderFrequency.NEVER
    something_due(alice)
    output = run()
    assert mail.outbox == []
    assert ": sent 0, skipped 0, failed 0." in output


def test_a_user_without_an_email_address_gets_nothing(db):
    user = UserFactory(username="no-address", email="", reminder_frequency=DAILY)
    something_due(user)
    run()
    assert mail.outbox == []


def test_the_demo_account_gets_nothing_even_with_reminders_on(db):
    demo = UserFactory(username=DEMO_USERNAME, email=DEMO_EMAIL, reminder_frequency=DAILY)
    something_due(demo)
    output = run()
    assert mail.outbox == []
    assert ": sent 0, skipped 0, failed 0." in output
    demo.refresh_from_db()
    assert demo.reminders_sent_on is None


def test_an_address_under_invalid_gets_nothing(alice):
    made_up = UserFactory(
        username="made-up", email="someone@example.INVALID", reminder_frequency=DAILY
    )
    something_due(made_up)
    alice.reminder_frequency = DAILY
    alice.save()
    something_due(alice)
    output = run()
    assert [email.to for email in mail.outbox] == [["alice@example.com"]]
    assert ": sent 1, skipped 0, failed 0." in output


def test_an_inactive_user_gets_nothing(alice):
    alice.reminder_frequency = DAILY
    alice.is_active = False
    alice.save()
    something_due(alice)
    run()
    assert mail.outbox == []


def test_a_second_run_the_same_day_sends_nothing(alice):
    alice.reminder_frequency = DAILY
    alice.save()
    something_due(alice)
    run()
    output = run()
    assert len(mail.outbox) == 1
    assert ": sent 0, skipped 0, failed 0." in output


def test_the_next_day_sends_again(alice):
    alice.reminder_frequency = DAILY
    alice.save()
    something_due(alice)
    today = timezone.localdate()
    run("--date", today.isoformat())
    run("--date", (today + datetime.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 2


def test_a_run_that_loses_the_claim_to_another_sends_nothing(alice, monkeypatch):
    """Two runs at once: both select Alice, only the first to mark the day sends."""
    alice.reminder_frequency = DAILY
    alice.save()
    something_due(alice)

    def digest_while_another_run_claims(user, on):
        User.objects.filter(pk=user.pk).update(reminders_sent_on=on)
        return reminder_digest(user, on)

    monkeypatch.setattr(send_reminders, "reminder_digest", digest_while_another_run_claims)
    output = run()
    assert mail.outbox == []
    assert ": sent 0, skipped 1, failed 0." in output


def test_weekly_users_get_it_on_mondays_only(alice, bob):
    alice.reminder_frequency = WEEKLY
    alice.save()
    bob.reminder_frequency = DAILY
    bob.save()
    something_due(alice)
    something_due(bob)
    monday = next_weekday(0)

    run("--date", (monday + datetime.timedelta(days=1)).isoformat())
    assert [email.to for email in mail.outbox] == [["bob@example.com"]]

    run("--date", monday.isoformat())
    assert sorted(email.to[0] for email in mail.outbox[1:]) == [
        "alice@example.com",
        "bob@example.com",
    ]
    weekly = next(email for email in mail.outbox if email.to == ["alice@example.com"])
    assert "every Monday" in weekly.body
    alice.refresh_from_db()
    assert alice.reminders_sent_on == monday


def test_the_date_option_shifts_what_is_coming(alice):
    alice.reminder_frequency = DAILY
    alice.save()
    InterviewFactory(
        application=ApplicationFactory(user=alice, role_title="Later", company__name="Acme"),
        scheduled_at=timezone.now() + datetime.timedelta(days=10),
    )
    run()
    assert mail.outbox == []
    run("--date", (timezone.localdate() + datetime.timedelta(days=5)).isoformat())
    assert "- Later at Acme: " in mail.outbox[0].body


def test_a_failing_send_releases_the_claim_and_the_others_still_get_theirs(alice, bob, monkeypatch):
    carol = UserFactory(username="carol")
    for user in (alice, bob, carol):
        user.reminder_frequency = DAILY
        user.save()
        something_due(user)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    User.objects.filter(pk=bob.pk).update(reminders_sent_on=yesterday)
    deliver = EmailBackend.send_messages

    def refuse_bob(backend, messages):
        if any("bob@example.com" in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({"bob@example.com": (550, b"No such user")})
        return deliver(backend, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse_bob)
    out = StringIO()
    with pytest.raises(CommandError, match="1 reminder email could not be sent"):
        call_command("send_reminders", stdout=out)
    assert ": sent 2, skipped 0, failed 1." in out.getvalue()
    assert sorted(email.to[0] for email in mail.outbox) == [
        "alice@example.com",
        "carol@example.com",
    ]
    bob.refresh_from_db()
    assert bob.reminders_sent_on == yesterday  # given back: the next run tries again

    monkeypatch.setattr(EmailBackend, "send_messages", deliver)
    run()
    assert [email.to for email in mail.outbox[2:]] == [["bob@example.com"]]


def test_dry_run_sends_and_claims_nothing(alice):
    alice.reminder_frequency = DAILY
    alice.save()
    something_due(alice)
    output = run("--dry-run")
    assert mail.outbox == []
    assert "Would send to alice: 1 reflection to finish." in output
    assert ": would send 1, skipped 0, failed 0." in output
    alice.refresh_from_db()
    assert alice.reminders_sent_on is None


def test_a_missing_base_url_is_a_clear_error_when_there_is_something_to_send(alice, settings):
    settings.BASE_URL = ""
    alice.reminder_frequency = DAILY
    alice.save()
    something_due(alice)
    with pytest.raises(CommandError, match="REBOUND_BASE_URL is not set"):
        run()
    assert mail.outbox == []
    alice.refresh_from_db()
    assert alice.reminders_sent_on is None


def test_a_missing_base_url_is_no_error_with_nothing_to_send(alice, settings):
    settings.BASE_URL = ""
    alice.reminder_frequency = DAILY
    alice.save()
    assert ": sent 0, skipped 1, failed 0." in run()


def test_an_invalid_date_is_refused(db):
    with pytest.raises(CommandError, match="date"):
        run("--date", "yesterday")


@pytest.mark.parametrize("size", [1, 15])
def test_the_digest_takes_a_fixed_number_of_queries(alice, size, django_assert_max_num_queries):
    now = timezone.now()
    for n in range(size):
        application = ApplicationFactory(user=alice)
        InterviewFactory(
            application=application, scheduled_at=now + datetime.timedelta(hours=n + 1)
        )
        InterviewFactory(application=application, scheduled_at=now - datetime.timedelta(days=2))
        something_due(alice)
        ActionItemFactory(user=alice, due_on=timezone.localdate())
    with django_assert_max_num_queries(13):
        digest = reminder_digest(alice)
    assert len(digest.upcoming_interviews) == min(size, 10)
    assert len(digest.unfinished_reflections) == min(size, 10)
    assert len(digest.action_items_due) == min(size, 10)


def test_the_digest_is_empty_when_nothing_needs_attention(alice):
    assert reminder_digest(alice).is_empty


def test_a_base_url_without_a_scheme_stops_the_start(tmp_path):
    result = run_manage(
        ["check"], {**PRODUCTION_ENV, "REBOUND_BASE_URL": "rebound.example.com"}, tmp_path
    )
    assert result.returncode != 0
    assert "REBOUND_BASE_URL must start with https://" in result.stderr


def test_the_subject_counts_everything_and_the_body_says_how_many_more(alice):
    alice.reminder_frequency = DAILY
    alice.save()
    today = timezone.localdate()
    for n in range(25):
        ActionItemFactory(
            user=alice, title=f"Overdue {n}", due_on=today - datetime.timedelta(days=n + 1)
        )
    run()
    email = mail.outbox[0]
    assert email.subject == "Rebound: 25 things need your attention"
    assert email.body.count(": overdue since ") == 10
    assert "- and 15 more" in email.body.splitlines()


def test_the_counts_beyond_the_limit_agree_with_the_lists(alice):
    """Each list's total, counted apart from the list, is what the selector would list
    without its limit: 12 of each kind make every list full."""
    now = timezone.now()
    today = timezone.localdate()
    for n in range(12):
        application = ApplicationFactory(user=alice)
        InterviewFactory(
            application=application, scheduled_at=now + datetime.timedelta(hours=n + 1)
        )
        InterviewFactory(application=application, scheduled_at=now - datetime.timedelta(days=2))
        something_due(alice)
        ActionItemFactory(user=alice, due_on=today)
    # Never counted: archived, done, finished, too far away.
    archived = ApplicationFactory(user=alice, archived=True)
    InterviewFactory(application=archived, scheduled_at=now + datetime.timedelta(hours=1))
    ActionItemFactory(user=alice, due_on=today, done_at=now)
    ActionItemFactory(user=alice, due_on=today + datetime.timedelta(days=30))
    ReflectionFactory(
        application=ApplicationFactory(user=alice, status=Status.REJECTED), finished_at=now
    )

    digest = reminder_digest(alice)

    assert digest.more == {
        "upcoming_interviews": 2,
        "debriefs_missing": 2,
        "thank_yous_due": 2,
        "unfinished_reflections": 2,
        "action_items_due": 2,
    }
    assert digest.count == 60
    assert digest.outline().startswith("12 interviews coming, 12 debriefs to write")
