"""The archive's writes: importing a Rebound JSON export into an account, empty or not; and the
one place views and commands get the archive's functions from.

Import restores the rows as the file recorded them, with their own times, rather than
replaying the workflows that made them (a replay would stamp new times and add the side
effects a second time: a first status step, a draft reflection). Every row is created for the
importing user; ids in the file are never read, references go through the file's keys.

Idempotency: each row of the file is matched against the importing account's rows of its kind,
and only rows without a match are created. Import keeps each row's `created_at`, and nothing
edits it afterwards, so that time (to the microsecond) identifies a row the file and the account
share even after its names were edited in either; editable fields are not part of the match:

- contact, application, action item: created_at;
- interview, feedback, follow-up: its application and created_at;
- company: created_at, else its name case-insensitively (unique per user, as in the database,
  so a company of the same name elsewhere is the same company);
- question: created_at, else its text case-insensitively (unique per user);
- outcome: its application (one each);
- reflection: after a rejection, its application (one each); after an interview, its
  interview (one each), as the database allows only one; otherwise application and created_at;
- nested rows, under their (matched or new) parent: a status step by from, to and changed_at
  (none of which can be edited); an answer by item; a requirement check by requirement
  (case-insensitively); a saved section by section; an outcome's theme decision by theme; a
  theme, an interviewer, a time asked by what they link.

What that promises:
- importing a file twice creates nothing the second time, and importing an export into the
  account it came from creates nothing, even after rows were edited there since: the account
  keeps its version of each row (import adds, it never overwrites);
- rows deleted from the account since the export come back;
- rows whose key may repeat (everything keyed by created_at, status steps) are matched one for
  one, so two identical rows in the file stay two.

The whole import is one transaction, after the whole file has been checked (`reading`).
"""

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction

from accounts.models import User
from applications.models import FeedbackThemeMark, Interview
from portability.archive.exporting import archive_export, archive_export_zip
from portability.archive.reading import (
    ArchiveError,
    CheckedArchive,
    CheckedRow,
    archive_check,
    archive_parse,
)
from portability.archive.schema import (
    ACTION_ITEMS,
    ANSWERS,
    APPLICATIONS,
    COMPANIES,
    CONTACTS,
    FEEDBACK,
    FOLLOW_UPS,
    INTERVIEWS,
    OUTCOMES,
    PRACTICES,
    QUESTIONS,
    REFLECTIONS,
    REQUIREMENT_CHECKS,
    SECTION_SAVES,
    STATUS_HISTORY,
    THEME_DECISIONS,
    TIMES_ASKED,
    Kind,
)
from reflections.models import Reflection

__all__ = [
    "ArchiveError",
    "ImportSummary",
    "archive_export",
    "archive_export_zip",
    "archive_import",
    "archive_parse",
]

# How the summary names each kind of row, singular and plural.
LABELS = {
    "companies": ("company", "companies"),
    "contacts": ("contact", "contacts"),
    "applications": ("application", "applications"),
    "status_history": ("status step", "status steps"),
    "interviews": ("interview", "interviews"),
    "interviewers": ("interviewer", "interviewers"),
    "outcomes": ("outcome", "outcomes"),
    "theme_decisions": ("decision on a reason", "decisions on reasons"),
    "feedback": ("piece of feedback", "pieces of feedback"),
    "themes": ("feedback theme", "feedback themes"),
    "reflections": ("reflection", "reflections"),
    "answers": ("answer", "answers"),
    "requirement_checks": ("requirement check", "requirement checks"),
    "section_saves": ("saved section", "saved sections"),
    "action_items": ("action item", "action items"),
    "questions": ("question", "questions"),
    "times_asked": ("time asked", "times asked"),
    "practices": ("practice", "practices"),
    "follow_ups": ("follow-up", "follow-ups"),
}


def _count(number: int, name: str) -> str:
    singular, plural = LABELS[name]
    return f"{number} {singular if number == 1 else plural}"


@dataclass(frozen=True)
class ImportSummary:
    """What an import created, per kind of row, and how many rows were already there."""

    created: dict[str, int]
    already_there: int

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    def message(self) -> str:
        n = self.already_there
        already = f"{n} {'row was' if n == 1 else 'rows were'} already in the account"
        if not self.total_created:
            return f"Nothing new to import: everything in the file is already there ({already})."
        made = ", ".join(_count(n, name) for name, n in self.created.items() if n)
        return f"Imported {made}; {already}."


def archive_import(user: User, document: dict[str, Any]) -> ImportSummary:
    """Import a parsed archive into the user's account: all of it, or (ArchiveError) nothing."""
    checked = archive_check(document)
    try:
        with transaction.atomic():
            return _Import(user, checked).run()
    except IntegrityError as error:
        raise ArchiveError(f"The file breaks a rule of the database ({error}).") from None


class _Matcher:
    """The account's existing rows by natural key: a file row takes its match, or is new.

    With `unique_key`, a row not matched by its key is matched by that one, a key the database
    keeps unique (a company's name): a row matched either way keeps its row for the file's
    later duplicates. Without it, rows are matched one for one.
    """

    def __init__(
        self,
        existing: Iterable[models.Model],
        key_of: Callable[[Any], Hashable],
        *,
        unique: bool,
        unique_key: Callable[[Any], Hashable] | None = None,
    ) -> None:
        self.key_of = key_of
        self.unique = unique or unique_key is not None
        self.unique_key = unique_key
        self.found: dict[Hashable, list[models.Model]] = defaultdict(list)
        self.found_unique: dict[Hashable, models.Model] = {}
        for row in existing:
            self.found[key_of(row)].append(row)
            if unique_key is not None:
                self.found_unique[unique_key(row)] = row

    def take(self, candidate: models.Model) -> models.Model | None:
        found = self.found.get(self.key_of(candidate))
        if found:
            # A unique key keeps its row for the file's later duplicates; otherwise one for one.
            return found[0] if self.unique else found.pop()
        if self.unique_key is not None:
            return self.found_unique.get(self.unique_key(candidate))
        return None

    def add(self, created: models.Model) -> None:
        if self.unique:
            self.found[self.key_of(created)].append(created)
        if self.unique_key is not None:
            self.found_unique[self.unique_key(created)] = created


def _reflection_key(reflection: Reflection) -> Hashable:
    """The keys the database keeps unique (one rejection reflection per application, one
    interview reflection per interview); the application is never null."""
    if reflection.trigger == Reflection.Trigger.REJECTION:
        return ("rejection", reflection.application_id)
    if reflection.trigger == Reflection.Trigger.INTERVIEW and reflection.interview_id is not None:
        return ("interview", reflection.interview_id)
    return ("other", reflection.application_id, reflection.created_at)


class _Import:
    def __init__(self, user: User, checked: CheckedArchive) -> None:
        self.user = user
        self.checked = checked
        # file key → the account's row it became (created or matched), per kind
        self.rows: dict[str, dict[str, models.Model]] = defaultdict(dict)
        self.created: Counter[str] = Counter()
        self.already_there = 0

    def run(self) -> ImportSummary:
        self._kind(
            COMPANIES, lambda c: c.created_at, unique_key=lambda c: c.name.lower(), unique=True
        )
        self._kind(CONTACTS, lambda c: c.created_at)
        applications = self._kind(APPLICATIONS, lambda a: a.created_at)
        self._children(
            APPLICATIONS,
            STATUS_HISTORY,
            applications,
            lambda s: (s.application_id, s.from_status, s.to_status, s.changed_at),
        )
        interviews = self._kind(INTERVIEWS, lambda i: (i.application_id, i.created_at))
        self._interviewers(interviews)
        outcomes = self._kind(OUTCOMES, lambda o: o.application_id, unique=True)
        self._children(
            OUTCOMES, THEME_DECISIONS, outcomes, lambda d: (d.outcome_id, d.theme), unique=True
        )
        feedback = self._kind(FEEDBACK, lambda f: (f.application_id, f.created_at))
        self._themes(feedback)
        reflections = self._kind(REFLECTIONS, _reflection_key, unique=True)
        self._children(
            REFLECTIONS, ANSWERS, reflections, lambda a: (a.reflection_id, a.item_key), unique=True
        )
        self._children(
            REFLECTIONS,
            REQUIREMENT_CHECKS,
            reflections,
            lambda c: (c.reflection_id, c.requirement.lower()),
            unique=True,
        )
        self._children(
            REFLECTIONS,
            SECTION_SAVES,
            reflections,
            lambda s: (s.reflection_id, s.section_key),
            unique=True,
        )
        questions = self._kind(
            QUESTIONS, lambda q: q.created_at, unique_key=lambda q: q.text.lower(), unique=True
        )
        self._children(
            QUESTIONS,
            TIMES_ASKED,
            questions,
            lambda t: (t.question_id, t.interview_id, t.reflection_id),
            unique=True,
        )
        self._children(QUESTIONS, PRACTICES, questions, lambda p: (p.question_id, p.practised_at))
        self._kind(ACTION_ITEMS, lambda a: a.created_at)
        self._kind(FOLLOW_UPS, lambda f: (f.application_id, f.created_at))
        return ImportSummary(created=dict(self.created), already_there=self.already_there)

    # One kind ---------------------------------------------------------------------------

    def _kind(
        self,
        kind: Kind,
        key_of: Callable[[Any], Hashable],
        *,
        unique: bool = False,
        unique_key: Callable[[Any], Hashable] | None = None,
    ) -> list[models.Model]:
        """Match or create the file's rows of one top-level kind; their rows, in file order."""
        existing = kind.model._default_manager.filter(**{kind.owner: self.user})
        owned = {"user": self.user} if kind.owner == "user" else {}
        pairs = [(row, self._build(kind, row, owned)) for row in self.checked[kind.name]]
        matcher = _Matcher(existing, key_of, unique=unique, unique_key=unique_key)
        result = self._write(kind, pairs, matcher)
        for (row, _), account_row in zip(pairs, result, strict=True):
            self.rows[kind.name][row.key] = account_row
        return result

    def _children(
        self,
        parent_kind: Kind,
        kind: Kind,
        parents: list[models.Model],
        key_of: Callable[[Any], Hashable],
        *,
        unique: bool = False,
    ) -> None:
        existing = kind.model._default_manager.filter(**{kind.owner: self.user})
        pairs = [
            (child, self._build(kind, child, {f"{kind.parent}_id": parent.pk}))
            for row, parent in zip(self.checked[parent_kind.name], parents, strict=True)
            for child in row.children[kind.name]
        ]
        self._write(kind, pairs, _Matcher(existing, key_of, unique=unique))

    def _build(self, kind: Kind, row: CheckedRow, extra: dict[str, Any]) -> models.Model:
        """An unsaved row of the account from a row of the file, its references resolved."""
        refs = {}
        for ref, target in kind.refs.items():
            key = row.refs[ref]
            refs[f"{ref}_id"] = self.rows[target][key].pk if key is not None else None
        return kind.model(**row.values, **refs, **extra)

    def _write(
        self, kind: Kind, pairs: list[tuple[CheckedRow, models.Model]], matcher: _Matcher
    ) -> list[models.Model]:
        result: list[models.Model] = []
        new: list[tuple[CheckedRow, models.Model]] = []
        for row, candidate in pairs:
            match = matcher.take(candidate)
            if match is None:
                matcher.add(candidate)
                new.append((row, candidate))
                result.append(candidate)
            else:
                self.already_there += 1
                result.append(match)
        created = [candidate for _, candidate in new]
        kind.model._default_manager.bulk_create(created)
        stamps = kind.stamp_fields()
        if created and stamps:
            # bulk_create stamped them with now; put back the file's times.
            for row, candidate in new:
                for name in stamps:
                    setattr(candidate, name, row.values[name])
            kind.model._default_manager.bulk_update(created, stamps)
        self.created[kind.name] += len(created)
        return result

    # The lists of links -----------------------------------------------------------------

    def _interviewers(self, interviews: list[models.Model]) -> None:
        through = Interview.interviewers.through
        existing = through.objects.filter(interview__application__user=self.user)
        candidates = [
            through(interview_id=interview.pk, contact_id=self.rows["contacts"][key].pk)
            for row, interview in zip(self.checked[INTERVIEWS.name], interviews, strict=True)
            for key in row.keys_list
        ]
        self._links("interviewers", through, existing, candidates, "interview_id", "contact_id")

    def _themes(self, feedback: list[models.Model]) -> None:
        existing = FeedbackThemeMark.objects.filter(feedback__application__user=self.user)
        candidates = [
            FeedbackThemeMark(feedback_id=piece.pk, theme=theme)
            for row, piece in zip(self.checked[FEEDBACK.name], feedback, strict=True)
            for theme in row.keys_list
        ]
        self._links("themes", FeedbackThemeMark, existing, candidates, "feedback_id", "theme")

    def _links(
        self,
        name: str,
        model: type[models.Model],
        existing: Iterable[models.Model],
        candidates: Sequence[models.Model],
        *fields: str,
    ) -> None:
        def key_of(link: models.Model) -> Hashable:
            return tuple(getattr(link, field) for field in fields)

        have = {key_of(link) for link in existing}
        new = []
        for candidate in candidates:
            if key_of(candidate) in have:
                self.already_there += 1
            else:
                have.add(key_of(candidate))
                new.append(candidate)
        model._default_manager.bulk_create(new)
        self.created[name] += len(new)
