"""The spreadsheet import: plan what each row becomes, then write it all in one transaction.

The preview, the dry run and the import share `spreadsheet_plan`, so what the user is shown is
what gets written. Applications go in through the domain's services: `application_create` for
the application and its one status step, `workflows.services.outcome_record` for an ending or
an offer (a rejection through `rejection_record`, which opens its draft reflection).

Decisions a row's cells cannot make for themselves:
- an empty status cell is Applied; an empty date leaves the application undated (its status
  step is then dated at the import); an ending's outcome is decided on the file's date;
- a contact is the user's contact of that name, or a new recruiter at the application's
  company; it is the application's referrer when the source is a referral;
- a source Rebound does not recognise is "other", and salary text, an unknown source and a
  link that is not a URL are kept in the notes as written.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from applications.models import Application, Company, Contact, Status, StatusChange
from applications.services import STATUS_RESULT, company_get_or_create
from applications.services import _decision_time as first_step_time
from portability.models import SpreadsheetUpload
from portability.spreadsheet.mapping import (
    ColumnMapping,
    DateOrder,
    DateUnreadable,
    Field,
    Salary,
    date_parse,
    salary_parse,
    source_match,
    status_key,
    status_match,
)
from portability.spreadsheet.reading import Sheet, SheetRow
from workflows import services as workflows

NAME_MAX = 200
NOTES_MAX = 10_000
URL_MAX = 1000


@dataclass(frozen=True)
class ImportOptions:
    date_order: DateOrder | None = None
    # The user's choice for status texts (keyed by `status_key`); None leaves one unmatched.
    statuses: Mapping[str, Status | None] = field(default_factory=dict)
    skip_bad_rows: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class RowNote:
    """A row that will not be imported, and why."""

    row: int
    reason: str


@dataclass(frozen=True)
class PlannedApplication:
    row: int
    company: str
    role_title: str
    date_applied: datetime.date | None
    status: Status
    posting_url: str
    location: str
    salary: Salary
    source: str
    notes: str
    contact: str

    @property
    def source_label(self) -> str:
        return str(Application.Source(self.source).label) if self.source else ""


@dataclass(frozen=True)
class StatusValue:
    """One distinct status text of the file and what it becomes (None: a row error)."""

    text: str
    key: str
    rows: int
    status: Status | None
    chosen: bool  # by the user, rather than matched by Rebound


@dataclass(frozen=True)
class ImportPlan:
    applications: list[PlannedApplication]
    errors: list[RowNote]
    duplicates: list[RowNote]
    statuses: list[StatusValue]

    def blocks(self, options: ImportOptions) -> bool:
        """Nothing is imported when a row fails, unless the user asked to skip bad rows."""
        return bool(self.errors) and not options.skip_bad_rows

    @property
    def unmatched_statuses(self) -> list[StatusValue]:
        return [value for value in self.statuses if value.status is None]


@dataclass(frozen=True)
class ImportResult:
    plan: ImportPlan
    imported: int  # written, or for a dry run, that would be written
    written: bool


def spreadsheet_plan(
    *, user: User, sheet: Sheet, mapping: ColumnMapping, options: ImportOptions
) -> ImportPlan:
    """What each row of the sheet becomes: an application, an error, or a duplicate skipped."""
    today = timezone.localdate()
    existing = {
        _duplicate_key(company, role_title, date_applied)
        for company, role_title, date_applied in Application.objects.filter(user=user).values_list(
            "company__name", "role_title", "date_applied"
        )
    }
    seen: dict[tuple[str, str, datetime.date | None], int] = {}
    applications, errors, duplicates = [], [], []
    for row in sheet.rows:
        planned, reasons = _row_plan(row, mapping, options, today)
        if planned is None:
            errors.append(RowNote(row.number, "; ".join(reasons)))
            continue
        key = _duplicate_key(planned.company, planned.role_title, planned.date_applied)
        if key in seen:
            duplicates.append(RowNote(row.number, f"the same as row {seen[key]}"))
        elif key in existing:
            duplicates.append(RowNote(row.number, "already in your applications"))
        else:
            seen[key] = row.number
            applications.append(planned)
    return ImportPlan(
        applications=applications,
        errors=errors,
        duplicates=duplicates,
        statuses=spreadsheet_status_values(sheet=sheet, mapping=mapping, options=options),
    )


@transaction.atomic
def spreadsheet_import(
    *, user: User, sheet: Sheet, mapping: ColumnMapping, options: ImportOptions
) -> ImportResult:
    """Import the planned rows in one transaction: all of them, or none when a row fails (unless
    skipping bad rows). A dry run writes the same way and rolls back."""
    plan = spreadsheet_plan(user=user, sheet=sheet, mapping=mapping, options=options)
    if plan.blocks(options):
        return ImportResult(plan=plan, imported=0, written=False)
    _applications_import(user=user, plan=plan.applications)
    if options.dry_run:
        transaction.set_rollback(True)
    return ImportResult(plan=plan, imported=len(plan.applications), written=not options.dry_run)


def _applications_import(*, user: User, plan: list[PlannedApplication]) -> None:
    """Write the planned applications in a fixed number of queries, whatever their number,
    but for their endings: each application with its one status step, as `application_create`
    writes them, then for an ending or an offer its outcome through the workflow, row by row
    (a rejection also opens its draft reflection).

    An imported application keeps the file's date or none (application_create would date an
    undated one today); its status step is dated from the file where it has a date.
    """
    companies = _companies_get_or_create(user=user, names=[planned.company for planned in plan])
    contacts = _contacts_get_or_create(user=user, plan=plan, companies=companies)
    applications = [
        Application(
            user=user,
            company=companies[_name_key(planned.company)],
            role_title=planned.role_title,
            posting_url=planned.posting_url,
            date_applied=planned.date_applied,
            status=planned.status,
            location=planned.location,
            salary_min=planned.salary.minimum,
            salary_max=planned.salary.maximum,
            salary_currency=planned.salary.currency,
            source=planned.source,
            notes=planned.notes,
            referrer=contacts[_name_key(planned.contact)]
            if planned.contact and planned.source == Application.Source.REFERRAL
            else None,
        )
        for planned in plan
    ]
    Application.objects.bulk_create(applications)
    StatusChange.objects.bulk_create(
        StatusChange(
            application=application,
            from_status="",
            to_status=planned.status,
            changed_at=first_step_time(planned.date_applied),
        )
        for application, planned in zip(applications, plan, strict=True)
    )
    for application, planned in zip(applications, plan, strict=True):
        if planned.status in STATUS_RESULT:
            # Its only status step is already the ending, so this adds the outcome (and for a
            # rejection the draft reflection) without a second step.
            workflows.outcome_record(
                application=application,
                result=STATUS_RESULT[planned.status],
                decided_on=planned.date_applied,
            )


def _name_key(name: str) -> str:
    """How names are compared: as the database's Lower() compares companies."""
    return name.lower()


def _companies_get_or_create(*, user: User, names: list[str]) -> dict[str, Company]:
    """The user's companies of these names (any case), the missing ones created: three queries.

    A company another request creates meanwhile is taken as it is (the insert skips names
    the unique constraint refuses); a name only the database folds the same way as an
    existing one goes through the domain's own get-or-create.
    """

    def by_key() -> dict[str, Company]:
        found: dict[str, Company] = {}
        for company in Company.objects.filter(user=user).order_by("pk"):
            found.setdefault(_name_key(company.name), company)
        return found

    companies = by_key()
    missing = {
        _name_key(name): name for name in reversed(names) if _name_key(name) not in companies
    }
    if missing:
        Company.objects.bulk_create(
            [Company(user=user, name=name) for name in missing.values()], ignore_conflicts=True
        )
        companies = by_key()
        for key, name in missing.items():
            if key not in companies:
                companies[key] = company_get_or_create(user=user, name=name)
    return companies


def _contacts_get_or_create(
    *, user: User, plan: list[PlannedApplication], companies: dict[str, Company]
) -> dict[str, Contact]:
    """The user's contact of each name (any case), else a new recruiter at the company of the
    first row naming them: two queries."""
    contacts: dict[str, Contact] = {}
    for contact in Contact.objects.filter(user=user).order_by("pk"):
        contacts.setdefault(_name_key(contact.name), contact)
    new: dict[str, Contact] = {}
    for planned in plan:
        key = _name_key(planned.contact)
        if planned.contact and key not in contacts and key not in new:
            new[key] = Contact(
                user=user,
                name=planned.contact,
                role=Contact.Role.RECRUITER,
                company=companies[_name_key(planned.company)],
            )
    Contact.objects.bulk_create(new.values())
    return contacts | new


def _duplicate_key(
    company: str, role_title: str, date_applied: datetime.date | None
) -> tuple[str, str, datetime.date | None]:
    return (
        " ".join(company.split()).casefold(),
        " ".join(role_title.split()).casefold(),
        date_applied,
    )


def _cell(row: SheetRow, mapping: ColumnMapping, field: Field) -> str:
    index = mapping.get(field)
    return row.cells[index].strip() if index is not None else ""


def row_status(text: str, options: ImportOptions) -> Status | None:
    """The status a cell's text becomes: the user's choice, else Rebound's match; an empty
    cell is Applied."""
    key = status_key(text)
    if key in options.statuses:
        return options.statuses[key]
    if not key:
        return Status.APPLIED
    return status_match(text)


def _row_plan(
    row: SheetRow, mapping: ColumnMapping, options: ImportOptions, today: datetime.date
) -> tuple[PlannedApplication | None, list[str]]:
    reasons: list[str] = []
    company = " ".join(_cell(row, mapping, Field.COMPANY).split())
    role_title = " ".join(_cell(row, mapping, Field.ROLE_TITLE).split())
    if not company:
        reasons.append("no company")
    if not role_title:
        reasons.append("no role")
    for label, value in (("company name", company), ("role", role_title)):
        if len(value) > NAME_MAX:
            reasons.append(f"the {label} is longer than {NAME_MAX} characters")

    date_applied = None
    date_text = _cell(row, mapping, Field.DATE_APPLIED)
    if date_text:
        try:
            date_applied = date_parse(date_text, options.date_order, today)
        except DateUnreadable as error:
            reasons.append(f"the date {error}")

    status_text = _cell(row, mapping, Field.STATUS)
    status = row_status(status_text, options)
    if status is None:
        reasons.append(f"the status “{status_text}” is not one Rebound knows: choose what it means")

    notes = [_cell(row, mapping, Field.NOTES)]
    posting_url = _cell(row, mapping, Field.POSTING_URL)
    if posting_url:
        posting_url = _url(posting_url)
        if not posting_url:
            notes.append(f"Link: {_cell(row, mapping, Field.POSTING_URL)}")

    location = _cell(row, mapping, Field.LOCATION)
    if len(location) > NAME_MAX:
        reasons.append(f"the location is longer than {NAME_MAX} characters")

    salary_text = _cell(row, mapping, Field.SALARY)
    salary = salary_parse(salary_text) if salary_text else Salary(None, None, "")
    if salary_text:
        notes.append(f"Salary: {salary_text}")

    source_text = _cell(row, mapping, Field.SOURCE)
    source = ""
    if source_text:
        source = source_match(source_text) or Application.Source.OTHER
        if source == Application.Source.OTHER:
            notes.append(f"Source: {source_text}")

    contact = " ".join(_cell(row, mapping, Field.CONTACT).split())
    if len(contact) > NAME_MAX:
        reasons.append(f"the contact's name is longer than {NAME_MAX} characters")

    notes_text = "\n".join(note for note in notes if note)
    if len(notes_text) > NOTES_MAX:
        reasons.append(f"the notes are longer than {NOTES_MAX:,} characters")

    if reasons or status is None:
        return None, reasons
    return (
        PlannedApplication(
            row=row.number,
            company=company,
            role_title=role_title,
            date_applied=date_applied,
            status=status,
            posting_url=posting_url,
            location=location,
            salary=salary,
            source=source,
            notes=notes_text,
            contact=contact,
        ),
        [],
    )


def _url(text: str) -> str:
    """The posting URL, with https:// added to a bare "jobs.example.com/42"; "" if it is not
    a web address (the importer keeps the text in the notes instead)."""
    url = text if "://" in text else f"https://{text}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return ""
    return url if len(url) <= URL_MAX else ""


def spreadsheet_status_values(
    *, sheet: Sheet, mapping: ColumnMapping, options: ImportOptions
) -> list[StatusValue]:
    """Each distinct status text, in the order the file first uses it, and its status."""
    index = mapping.get(Field.STATUS)
    if index is None:
        return []
    texts: dict[str, str] = {}
    counts: dict[str, int] = {}
    for row in sheet.rows:
        text = row.cells[index].strip()
        key = status_key(text)
        texts.setdefault(key, text)
        counts[key] = counts.get(key, 0) + 1
    return [
        StatusValue(
            text=text,
            key=key,
            rows=counts[key],
            status=row_status(text, options),
            chosen=key in options.statuses,
        )
        for key, text in texts.items()
    ]


UPLOAD_KEPT_FOR = datetime.timedelta(days=1)
# A user's unfinished uploads kept at once (5 MB each at most): enough for an import in a
# second tab, not a way to fill the database.
UPLOADS_KEPT_PER_USER = 3


@transaction.atomic
def spreadsheet_upload_create(*, user: User, filename: str, content: bytes) -> SpreadsheetUpload:
    """Keep an upload between the steps of its import. Uploads older than a day, anyone's, are
    deleted now, as an abandoned import is never finished after that; so are the user's own
    beyond their latest few."""
    SpreadsheetUpload.objects.filter(created_at__lt=timezone.now() - UPLOAD_KEPT_FOR).delete()
    upload = SpreadsheetUpload.objects.create(user=user, filename=filename[:255], content=content)
    kept = SpreadsheetUpload.objects.filter(user=user).order_by("-created_at", "-pk")
    kept_ids = list(kept.values_list("pk", flat=True)[:UPLOADS_KEPT_PER_USER])
    SpreadsheetUpload.objects.filter(user=user).exclude(pk__in=kept_ids).delete()
    return upload
