"""The archive: export a whole account, import it into another, and get the same account back."""

import codecs
import copy
import csv
import datetime
import io
import json
import zipfile

import pytest
from django.db import connection
from django.db.models import Model, Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications import services as tracking
from applications.models import (
    Application,
    Company,
    Contact,
    FeedbackTheme,
    Interview,
    Outcome,
    OutcomeThemeDecision,
    Stage,
    Status,
    StatusChange,
)
from portability.archive.schema import KINDS
from portability.archive.services import (
    ArchiveError,
    archive_export,
    archive_export_zip,
    archive_import,
    archive_parse,
)
from reflections import services as reflecting
from reflections.models import (
    ActionItem,
    FollowUp,
    Question,
    QuestionAsked,
    QuestionPractice,
    ReflectionAnswer,
    RequirementCheck,
    SectionSave,
)
from reflections.panels import PANELS
from reflections.panels.filters import DashboardFilters
from tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    ContactFactory,
    FeedbackFactory,
    InterviewFactory,
    UserFactory,
)
from workflows import services as workflows

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def full_account(user, size: int = 1) -> None:
    """Every kind of row a user can own, written through the real services where there is one."""
    for n in range(size):
        company = CompanyFactory(
            user=user, name=f"Acme {n}", website="https://acme.example", notes="=SUM(A1:A9)"
        )
        recruiter = ContactFactory(
            user=user, company=company, name=f"Rita {n}", email=f"rita{n}@acme.example"
        )
        engineer = ContactFactory(user=user, company=None, name=f"Ed {n}", role="interviewer")
        rejected = ApplicationFactory(
            user=user,
            company=company,
            role_title="Backend engineer",
            requirements="Python\nSQL\nKubernetes",
            referrer=recruiter,
            source=Application.Source.REFERRAL,
            salary_min=50_000,
            salary_max=60_000,
            salary_currency="EUR",
            interest=4,
            date_applied=days_ago(40),
            notes="+ call back on Monday",
        )
        workflows.application_change_status(application=rejected, status=Status.SCREENING)
        interview = tracking.interview_add(
            interview=Interview(
                application=rejected,
                stage=Stage.TECHNICAL,
                scheduled_at=timezone.now() - datetime.timedelta(days=20),
                duration_minutes=60,
            ),
            interviewers=[recruiter, engineer],
        )
        interview.rating = 2
        interview.questions = "Tell me about a time you failed.\nDesign a URL shortener."
        interview.debrief_notes = "Ran out of time on the design."
        workflows.interview_record_debrief(interview=interview)
        workflows.rejection_record(
            application=rejected,
            decided_on=days_ago(10),
            stage_reached=Outcome.StageReached.TECHNICAL,
            reason="Another candidate had more experience.",
        )
        # The reason reads as experience; the user said it was their qualifications.
        tracking.outcome_theme_correct(
            outcome=Outcome.objects.get(application=rejected),
            theme=FeedbackTheme.EXPERIENCE,
            instead=FeedbackTheme.QUALIFICATIONS,
        )
        reflection = rejected.reflections.get()
        checks = list(reflection.requirement_checks.all())
        reflecting.reflection_save_section(
            reflection=reflection,
            section_key="qualifications",
            answers={"skills_to_acquire": "Kubernetes", "experience_level": "needs_work"},
            requirement_verdicts={
                checks[0].pk: "met",
                checks[1].pk: "partly",
                checks[2].pk: "missing",
            },
        )
        reflecting.reflection_save_section(
            reflection=reflection,
            section_key="performance",
            answers={
                "perf_common_questions": "went_well",
                "perf_struggled_questions": "Why should we hire you?",
            },
        )
        reflecting.reflection_save_section(
            reflection=reflection, section_key="fit", answers={"fit_really_wanted": 5}
        )
        reflecting.follow_up_mark_sent(
            user=user,
            application=rejected,
            kind=FollowUp.Kind.REJECTION_THANKS,
            subject="Thank you",
            body="@Rita thanks, could you tell me more?",
            recipient=f"rita{n}@acme.example",
            sent_on=days_ago(9),
        )
        reflecting.reflection_finish(reflection=reflection)
        FeedbackFactory(
            application=rejected,
            interview=interview,
            themes=[FeedbackTheme.EXPERIENCE, FeedbackTheme.SKILLS],
        )
        learn = reflecting.action_item_create(
            user=user, title="Learn Kubernetes", reflection=reflection, due_on=days_ago(-5)
        )
        reflecting.action_item_set_done(action_item=learn, done=True)
        reflecting.action_item_create(user=user, title="Practise system design")
        question = Question.objects.get(user=user, text="Design a URL shortener.")
        reflecting.question_set_confidence(question=question, confidence=2)
        reflecting.question_set_confidence(question=question, confidence=4)
        # A step suggested by the reflection remembers the item and the question behind it.
        reflecting.action_item_create(
            user=user,
            title="Practise the URL shortener with a friend",
            reflection=reflection,
            source_item_key="perf_struggled_questions",
            question_text="Design a URL shortener.",
        )

        offered = ApplicationFactory(
            user=user, company=CompanyFactory(user=user, name=f"Globex {n}"), role_title="SRE"
        )
        second = InterviewFactory(application=offered, stage=Stage.FINAL, rating=5)
        reflecting.reflection_save_section(
            reflection=reflecting.reflection_start_for_interview(interview=second),
            section_key="strengths",
            answers={"went_well": "Clear answers", "to_improve": "-Slow start"},
        )
        reflecting.follow_up_mark_sent(
            user=user,
            application=offered,
            interview=second,
            kind=FollowUp.Kind.THANK_YOU,
            subject="Thanks for today",
            body="Thank you.",
        )
        workflows.outcome_record(application=offered, result=Outcome.Result.OFFER)
        withdrawn = ApplicationFactory(
            user=user, company=company, role_title="Data engineer", source=""
        )
        workflows.outcome_record(application=withdrawn, result=Outcome.Result.WITHDRAWN)
        wishlist = tracking.application_create(
            user=user, company_name=f"acme {n}", role_title="Dream job", status=Status.WISHLIST
        )
        Application.objects.filter(pk=wishlist.pk).update(date_applied=None)
        archived = ApplicationFactory(user=user, company=company, role_title="Old one")
        tracking.application_set_archived(application=archived, archived=True)


def without_identity(document: dict) -> dict:
    """The file less what names the account and the moment of export."""
    rest = copy.deepcopy(document)
    del rest["account"], rest["exported_at"]
    return rest


def comparable(value):
    """A panel's data with each model row as its values less its ids (which a copy changes)."""
    if isinstance(value, Model):
        return {
            name: comparable(field)
            for name, field in vars(value).items()
            if name not in ("_state", "id") and not name.endswith("_id")
        }
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [comparable(item) for item in value]
    return value


def import_document(user, document: dict):
    return archive_import(user, json.loads(json.dumps(document)))


def counts_of(user) -> dict[str, int]:
    return {
        kind.name: kind.model._default_manager.filter(**{kind.owner: user}).count()
        for kind in KINDS
    } | {
        "status_history": StatusChange.objects.filter(application__user=user).count(),
        "theme_decisions": OutcomeThemeDecision.objects.filter(
            outcome__application__user=user
        ).count(),
        "answers": ReflectionAnswer.objects.filter(reflection__user=user).count(),
        "requirement_checks": RequirementCheck.objects.filter(reflection__user=user).count(),
        "section_saves": SectionSave.objects.filter(reflection__user=user).count(),
        "times_asked": QuestionAsked.objects.filter(question__user=user).count(),
        "practices": QuestionPractice.objects.filter(question__user=user).count(),
        "action_items_from_a_question": ActionItem.objects.filter(
            user=user, source_item_key="perf_struggled_questions", question__isnull=False
        ).count(),
        "interviewers": Interview.interviewers.through.objects.filter(
            interview__application__user=user
        ).count(),
    }


# The round trip -----------------------------------------------------------------------------


def test_an_account_exported_imported_and_exported_again_is_the_same(alice):
    full_account(alice, size=2)
    original = archive_export(alice)
    copy_user = UserFactory(username="copy")

    summary = import_document(copy_user, original)

    again = archive_export(copy_user)
    assert again["account"] == {"username": "copy"}
    assert without_identity(again) == without_identity(original)
    assert summary.already_there == 0
    assert counts_of(copy_user) == counts_of(alice)


def test_the_copy_shows_the_same_dashboard(alice):
    full_account(alice, size=2)
    copy_user = UserFactory(username="copy")
    import_document(copy_user, archive_export(alice))

    for name, panel in PANELS.items():
        original = comparable(panel.compute(alice, DashboardFilters()))
        copied = comparable(panel.compute(copy_user, DashboardFilters()))
        assert copied == original, name


def test_the_full_account_fills_every_kind(alice):
    """The round trip proves nothing for a kind the test data leaves empty."""
    full_account(alice)
    document = archive_export(alice)
    assert all(document[kind.name] for kind in KINDS)
    assert document["interviews"][0]["interviewers"] == ["contacts-1", "contacts-2"]
    assert document["feedback"][-1]["themes"] == ["experience", "skills"]
    rejected = next(row for row in document["outcomes"] if row["result"] == "rejected")
    assert [(row["theme"], row["decision"]) for row in rejected["theme_decisions"]] == [
        ("experience", "dismissed"),
        ("qualifications", "confirmed"),
    ]
    reflection = document["reflections"][0]
    assert reflection["answers"] and reflection["section_saves"]
    assert [check["verdict"] for check in reflection["requirement_checks"]] == [
        "met",
        "partly",
        "missing",
    ]
    assert {len(question["times_asked"]) for question in document["questions"]} == {1}


def test_references_are_the_files_own_keys_never_database_ids(alice):
    full_account(alice)
    document = archive_export(alice)
    application = document["applications"][0]
    assert application["key"] == "applications-1"
    assert application["company"] == "companies-1"
    assert application["referrer"] == "contacts-1"
    text = json.dumps(document)
    assert '"id"' not in text and '"pk"' not in text
    assert document["format"] == "rebound" and document["version"] == 1


def test_bobs_data_never_appears_in_alices_export(alice, bob):
    full_account(bob)
    CompanyFactory(user=bob, name="Bob's secret employer")
    CompanyFactory(user=alice, name="Initech")

    document = archive_export(alice)

    assert [company["name"] for company in document["companies"]] == ["Initech"]
    assert all(document[kind.name] == [] for kind in KINDS if kind.name != "companies")
    assert "Bob" not in json.dumps(document) and "Rita" not in json.dumps(document)


# Idempotency --------------------------------------------------------------------------------


def test_importing_the_same_file_twice_creates_nothing_the_second_time(alice):
    full_account(alice)
    document = archive_export(alice)
    copy_user = UserFactory(username="copy")
    first = import_document(copy_user, document)
    counts = counts_of(copy_user)

    second = import_document(copy_user, document)

    assert second.total_created == 0
    assert second.already_there == first.total_created
    assert counts_of(copy_user) == counts
    assert second.message().startswith("Nothing new to import")


def test_importing_an_account_into_itself_changes_nothing(alice):
    full_account(alice)
    document = archive_export(alice)
    counts = counts_of(alice)

    summary = import_document(alice, document)

    assert summary.total_created == 0
    assert counts_of(alice) == counts
    assert without_identity(archive_export(alice)) == without_identity(document)


def test_import_into_an_account_with_data_adds_and_matches_by_natural_keys(alice, bob):
    CompanyFactory(user=alice, name="ACME 0", notes="Alice's own notes")
    ApplicationFactory(user=alice, role_title="Alice's own application")
    full_account(bob)

    summary = import_document(alice, archive_export(bob))

    # The company matched by name, whatever its case, and kept Alice's notes.
    acme = Company.objects.get(user=alice, name__iexact="acme 0")
    assert acme.notes == "Alice's own notes"
    assert summary.created["companies"] == 1  # only Globex 0 was new
    assert Application.objects.filter(user=alice).count() == 1 + 5
    assert acme.applications.filter(role_title="Backend engineer").exists()
    # Nothing of Bob's moved: the rows are new rows of Alice's.
    assert Application.objects.filter(user=bob).count() == 5
    assert ActionItem.objects.filter(user=alice).count() == 3


def test_reimporting_an_older_export_after_edits_creates_nothing(alice):
    """Rows are recognised by when they were made, not by the names the user may edit."""
    full_account(alice)
    document = archive_export(alice)
    counts = counts_of(alice)
    application = Application.objects.filter(user=alice).order_by("created_at").first()
    application.role_title = "Senior backend engineer"
    application.save()
    Company.objects.filter(user=alice, name="Acme 0").update(name="Acme Group")
    Contact.objects.filter(user=alice).update(name="Renamed")
    ActionItem.objects.filter(user=alice).update(title="Renamed")
    Question.objects.filter(user=alice).update(text=Concat("text", Value(" (edited)")))
    FollowUp.objects.filter(user=alice).update(subject="Renamed")
    Interview.objects.filter(application__user=alice).update(preparation_notes="Edited")

    summary = import_document(alice, document)

    assert summary.total_created == 0, summary.created
    assert counts_of(alice) == counts
    application.refresh_from_db()
    assert application.role_title == "Senior backend engineer"  # the account's version stays
    assert not Company.objects.filter(user=alice, name="Acme 0").exists()


def test_rows_deleted_since_the_export_come_back(alice):
    full_account(alice)
    document = archive_export(alice)
    counts = counts_of(alice)
    Interview.objects.filter(application__user=alice).first().delete()

    summary = import_document(alice, document)

    assert summary.created["interviews"] == 1
    assert counts_of(alice) == counts


def test_two_identical_rows_in_the_file_stay_two(alice, bob):
    CompanyFactory(user=bob, name="Acme")
    document = archive_export(bob)
    contact = {
        "key": "contacts-1", "company": None, "name": "Sam", "role": "recruiter", "email": "",
        "phone": "", "profile_url": "", "notes": "",
        "created_at": "2024-01-01T10:00:00+00:00", "updated_at": "2024-01-01T10:00:00+00:00",
    }  # fmt: skip
    document["contacts"] = [contact, {**contact, "key": "contacts-2"}]

    import_document(alice, document)
    assert Contact.objects.filter(user=alice, name="Sam").count() == 2
    import_document(alice, document)
    assert Contact.objects.filter(user=alice, name="Sam").count() == 2


# Decisions on the reasons read in an outcome ------------------------------------------------


def decisions_of(user) -> set[tuple[str, str]]:
    return set(
        OutcomeThemeDecision.objects.filter(outcome__application__user=user).values_list(
            "theme", "decision"
        )
    )


def test_the_copy_keeps_the_decisions_on_inferred_reasons(alice):
    full_account(alice)
    copy_user = UserFactory(username="copy")

    summary = import_document(copy_user, archive_export(alice))

    assert summary.created["theme_decisions"] == 2
    assert decisions_of(copy_user) == {("experience", "dismissed"), ("qualifications", "confirmed")}
    assert "2 decisions on reasons" in summary.message()


def test_a_file_exported_before_decisions_existed_still_imports(alice, bob):
    full_account(bob)
    document = archive_export(bob)
    for outcome in document["outcomes"]:
        del outcome["theme_decisions"]

    summary = import_document(alice, document)

    assert summary.created["outcomes"] == 3
    assert decisions_of(alice) == set()


def test_when_a_question_was_named_travels_and_older_files_without_it_still_import(alice, bob):
    full_account(bob)
    document = archive_export(bob)
    named = sorted(
        row["created_at"] for question in document["questions"] for row in question["times_asked"]
    )
    assert named and all(named)

    import_document(alice, document)
    copied = QuestionAsked.objects.filter(question__user=alice).order_by("created_at")
    assert [row.created_at.isoformat() for row in copied] == [
        datetime.datetime.fromisoformat(value).isoformat() for value in named
    ]

    for question in document["questions"]:
        for row in question["times_asked"]:
            del row["created_at"]
    summary = import_document(bob, document)  # an older file, into the same account: no copies
    assert summary.total_created == 0


def test_import_keeps_the_accounts_own_decision(alice):
    full_account(alice)
    document = archive_export(alice)
    outcome = Outcome.objects.get(application__user=alice, result=Outcome.Result.REJECTED)
    tracking.outcome_theme_confirm(outcome=outcome, theme=FeedbackTheme.EXPERIENCE)

    summary = import_document(alice, document)

    assert summary.total_created == 0
    assert decisions_of(alice) == {("experience", "confirmed"), ("qualifications", "confirmed")}


# Refused files ------------------------------------------------------------------------------


@pytest.fixture
def good_document(bob):
    full_account(bob)
    return archive_export(bob)


def refused(user, document: dict) -> str:
    counts = counts_of(user)
    with pytest.raises(ArchiveError) as refusal:
        import_document(user, document)
    assert counts_of(user) == counts, "a refused file changed the database"
    return str(refusal.value)


def test_an_unknown_version_is_refused(alice, good_document):
    good_document["version"] = 2
    message = refused(alice, good_document)
    assert message == (
        "This file is version 2 of the Rebound format, and this Rebound reads version 1 only."
    )


def test_an_unknown_format_is_refused(alice, good_document):
    good_document["format"] = "huntr"
    assert refused(alice, good_document) == (
        'This is not a Rebound export: its "format" is "huntr", not "rebound".'
    )
    del good_document["format"]
    assert "it has no" in refused(alice, good_document)


def test_a_file_that_is_not_json_is_refused():
    with pytest.raises(ArchiveError, match="The file is not JSON"):
        archive_parse(b"company,role\nAcme,Engineer\n")
    with pytest.raises(ArchiveError, match="The file is not JSON"):
        archive_parse(b"\xff\xfe not text")


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_json_nested_too_deep_is_refused_as_not_an_export(opening):
    closing = "]" if opening == "[" else "}"
    with pytest.raises(ArchiveError, match="not a Rebound export.*nested too deep"):
        archive_parse((opening * 100_000 + closing * 100_000).encode())


def test_a_nul_character_in_a_text_is_refused(alice, good_document):
    good_document["companies"][0]["notes"] = "before\x00after"
    assert refused(alice, good_document) == (
        "companies[0].notes holds a NUL character (\\u0000), which is not text and cannot be "
        "stored."
    )


@pytest.mark.django_db(transaction=True)
def test_a_nul_character_is_refused_on_every_database(alice, bob):
    """PostgreSQL refuses NUL in text with a DataError (a 500), SQLite stores it: the check
    must come before either sees it."""
    CompanyFactory(user=bob, name="Acme")
    document = archive_export(bob)
    document["companies"][0]["name"] = "Ac\x00me"
    with pytest.raises(ArchiveError, match="NUL character"):
        import_document(alice, document)
    assert not Company.objects.filter(user=alice).exists()


def test_json_that_is_not_an_object_is_refused():
    with pytest.raises(ArchiveError, match="should be an object"):
        archive_parse(b"[1, 2, 3]")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("applications"), 'The file has no "applications" list.'),
        (lambda d: d.update(companies={"a": 1}), 'The file has no "companies" list.'),
        (lambda d: d["companies"].append("Acme"), 'companies[2] should be an object, not "Acme".'),
        (
            lambda d: d["applications"][0].pop("role_title"),
            'applications[0] is missing "role_title".',
        ),
        (lambda d: d["companies"][0].pop("key"), 'companies[0] has no "key"'),
        (
            lambda d: d["applications"][1].update(key="applications-1"),
            'applications[1]: the key "applications-1" is used twice.',
        ),
        (
            lambda d: d["applications"][0].update(date_applied="2024-13-01"),
            "applications[0].date_applied: “2024-13-01” value has the correct format (YYYY-MM-DD) "
            "but it is an invalid date.",
        ),
        (
            lambda d: d["applications"][0].update(date_applied="last Tuesday"),
            "applications[0].date_applied: “last Tuesday” value has an invalid date format.",
        ),
        (
            lambda d: d["interviews"][0].update(scheduled_at="2024-05-01T10:00:00"),
            "interviews[0].scheduled_at: '2024-05-01T10:00:00' needs its time zone offset",
        ),
        (
            lambda d: d["applications"][0].update(salary_min="lots"),
            'applications[0].salary_min should be a whole number, not "lots".',
        ),
        (
            lambda d: d["applications"][0].update(status="hired"),
            "applications[0].status: Value 'hired' is not a valid choice.",
        ),
        (
            lambda d: d["applications"][0].update(company="companies-99"),
            'applications[0].company: there is no row in companies with the key "companies-99".',
        ),
        (
            lambda d: d["applications"][0].update(salary_min=70_000),
            "applications[0]: salary_min is above salary_max.",
        ),
        (
            lambda d: d["feedback"][0].update(themes=["luck"]),
            'feedback[0].themes: "luck" is not one of the themes.',
        ),
        (
            lambda d: d["outcomes"][0]["theme_decisions"][0].update(decision="maybe"),
            "outcomes[0].theme_decisions[0].decision: Value 'maybe' is not a valid choice.",
        ),
        (
            lambda d: d["outcomes"][0].update(theme_decisions={"experience": "confirmed"}),
            "outcomes[0].theme_decisions should be a list.",
        ),
        (
            lambda d: d["reflections"][0]["answers"][0].update(item_key="made_up"),
            # whichever checklist version the reflection was drafted with
            'reflections[0].answers[0].item_key: "made_up" is not an item of checklist version ',
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_reason_and_changes_nothing(
    alice, good_document, change, message
):
    CompanyFactory(user=alice, name="Existing")
    change(good_document)
    assert refused(alice, good_document).startswith(message)


def test_a_problem_at_the_end_of_the_file_undoes_nothing_written_before(alice, good_document):
    """The last kind is checked before the first is written."""
    good_document["follow_ups"][-1]["sent_on"] = "soon"
    assert refused(alice, good_document).startswith("follow_ups[1].sent_on")
    assert not Company.objects.filter(user=alice).exists()


# The CSV zip --------------------------------------------------------------------------------


def read_zip(content: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
            for name in archive.namelist()
        }


def test_the_zip_has_one_csv_per_kind(alice):
    full_account(alice)
    files = read_zip(archive_export_zip(alice))
    assert set(files) == {
        "companies.csv",
        "contacts.csv",
        "applications.csv",
        "applications_status_history.csv",
        "interviews.csv",
        "outcomes.csv",
        "outcomes_theme_decisions.csv",
        "feedback.csv",
        "reflections.csv",
        "reflections_answers.csv",
        "reflections_requirement_checks.csv",
        "reflections_section_saves.csv",
        "action_items.csv",
        "questions.csv",
        "questions_times_asked.csv",
        "questions_practices.csv",
        "follow_ups.csv",
    }
    assert len(files["applications.csv"]) == 5
    assert files["interviews.csv"][0]["interviewers"] == "contacts-1, contacts-2"
    assert files["applications_status_history.csv"][0]["application"] == "applications-1"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(alice, start):
    CompanyFactory(user=alice, name=f'{start}HYPERLINK("http://evil.example")', notes="fine")

    files = read_zip(archive_export_zip(alice))

    assert files["companies.csv"][0]["name"] == f'\'{start}HYPERLINK("http://evil.example")'
    assert files["companies.csv"][0]["notes"] == "fine"


@pytest.mark.parametrize(
    "notes",
    [" =1+1", "\n=1+1", "\xa0=1+1", "  \t@SUM(A1)", "\u3000-2+3", "＝1+1", "＋1", "－1", "＠SUM(A1)"],
    ids=["space", "newline", "no-break-space", "spaces-tab", "ideographic-space", "fw-equals",
         "fw-plus", "fw-minus", "fw-at"],
)  # fmt: skip
def test_formulas_behind_whitespace_or_in_full_width_are_neutralised(alice, notes):
    CompanyFactory(user=alice, name="Acme", notes=notes)
    files = read_zip(archive_export_zip(alice))
    assert files["companies.csv"][0]["notes"] == "'" + notes


@pytest.mark.parametrize("notes", ["plain", " plain", "1-2", "a=b", ""])
def test_cells_that_are_not_formulas_are_left_alone(alice, notes):
    CompanyFactory(user=alice, name="Acme", notes=notes)
    assert read_zip(archive_export_zip(alice))["companies.csv"][0]["notes"] == notes


def test_each_csv_starts_with_a_byte_order_mark_for_excel(alice):
    CompanyFactory(user=alice, name="Société Générale", notes="Zürich")
    with zipfile.ZipFile(io.BytesIO(archive_export_zip(alice))) as archive:
        for name in archive.namelist():
            assert archive.read(name).startswith(codecs.BOM_UTF8), name
        assert "Société Générale" in archive.read("companies.csv").decode("utf-8-sig")


def test_only_text_cells_are_neutralised_and_the_json_keeps_the_text(alice):
    full_account(alice)
    files = read_zip(archive_export_zip(alice))
    assert files["companies.csv"][0]["notes"] == "'=SUM(A1:A9)"
    assert files["follow_ups.csv"][0]["body"] == "'@Rita thanks, could you tell me more?"
    assert files["applications.csv"][0]["salary_min"] == "50000"
    assert archive_export(alice)["companies"][0]["notes"] == "=SUM(A1:A9)"


# Queries ------------------------------------------------------------------------------------

EXPORT_QUERIES = 19  # one per table
IMPORT_QUERIES = 58  # per kind: read the account's rows, create, restore the times


@pytest.mark.parametrize("size", [1, 6])
def test_export_runs_a_fixed_number_of_queries(alice, size, django_assert_num_queries):
    full_account(alice, size=size)
    with django_assert_num_queries(EXPORT_QUERIES):
        archive_export(alice)
    with django_assert_num_queries(EXPORT_QUERIES):
        archive_export_zip(alice)


def test_import_runs_the_same_number_of_queries_on_small_and_larger_data(alice, bob):
    full_account(alice, size=1)
    full_account(bob, size=6)
    queries = {}
    for owner in (alice, bob):
        document = archive_export(owner)
        with CaptureQueriesContext(connection) as captured:
            import_document(UserFactory(username=f"copy of {owner}"), document)
        queries[owner.username] = len(captured)
    assert queries["alice"] == queries["bob"] <= IMPORT_QUERIES
