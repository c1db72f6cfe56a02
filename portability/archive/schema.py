"""The shape of a Rebound archive, version 1: which rows of which models it holds, under which
names, and how rows point at each other. Export, validation and import all read this table, so
the three cannot disagree about a field."""

from dataclasses import dataclass, field

from django.db import models

from applications.models import (
    Application,
    Company,
    Contact,
    Feedback,
    Interview,
    Outcome,
    OutcomeThemeDecision,
    StatusChange,
)
from reflections.models import (
    ActionItem,
    FollowUp,
    Question,
    QuestionAsked,
    QuestionPractice,
    Reflection,
    ReflectionAnswer,
    RequirementCheck,
    SectionSave,
)

FORMAT = "rebound"
VERSION = 1

STAMPS = ("created_at", "updated_at")


@dataclass(frozen=True)
class Kind:
    """One list in the file: its model's rows, as their plain fields plus references by key.

    `refs` maps a foreign key to the kind it points at; the file holds that row's key (or null
    where the foreign key may be null). A child kind (`parent` set) is nested in its parent's
    row under `name` and has no key of its own.
    """

    name: str
    model: type[models.Model]
    fields: tuple[str, ...]
    owner: str  # the lookup from this model to its user, for scoping the export
    order: tuple[str, ...]
    refs: dict[str, str] = field(default_factory=dict)
    parent: str = ""
    children: tuple["Kind", ...] = ()
    # A child list added to version 1 after its first files: a file without it has none.
    optional: bool = False
    # Fields added to version 1 after its first files: a row without one takes the model's
    # default.
    optional_fields: tuple[str, ...] = ()

    @property
    def keyed(self) -> bool:
        return not self.parent

    def model_field(self, name: str) -> models.Field[object, object]:
        found = self.model._meta.get_field(name)
        assert isinstance(found, models.Field)
        return found

    def stamp_fields(self) -> list[str]:
        """The fields Django sets itself on save (auto_now, auto_now_add): import restores them
        from the file afterwards, so a copy keeps the original's times."""
        return [
            name
            for name in self.fields
            if getattr(self.model_field(name), "auto_now", False)
            or getattr(self.model_field(name), "auto_now_add", False)
        ]


STATUS_HISTORY = Kind(
    "status_history",
    StatusChange,
    ("from_status", "to_status", "changed_at"),
    owner="application__user",
    order=("changed_at", "pk"),
    parent="application",
)
ANSWERS = Kind(
    "answers",
    ReflectionAnswer,
    ("section_key", "item_key", "choice", "rating", "text", "updated_at"),
    owner="reflection__user",
    order=("item_key",),
    parent="reflection",
)
REQUIREMENT_CHECKS = Kind(
    "requirement_checks",
    RequirementCheck,
    ("requirement", "verdict", "position"),
    owner="reflection__user",
    order=("position", "pk"),
    parent="reflection",
)
SECTION_SAVES = Kind(
    "section_saves",
    SectionSave,
    ("section_key", "saved_at"),
    owner="reflection__user",
    order=("section_key",),
    parent="reflection",
)
TIMES_ASKED = Kind(
    "times_asked",
    QuestionAsked,
    ("created_at",),
    owner="question__user",
    order=("created_at", "pk"),
    refs={"interview": "interviews", "reflection": "reflections"},
    parent="question",
    # When the question was named: it decides whether a struggle came after the last practice.
    optional_fields=("created_at",),
)
# The user's word on the themes read in an outcome's reason: confirmed, or dismissed ("not this").
THEME_DECISIONS = Kind(
    "theme_decisions",
    OutcomeThemeDecision,
    ("theme", "decision", *STAMPS),
    owner="outcome__application__user",
    order=("theme",),
    parent="outcome",
    optional=True,
)
PRACTICES = Kind(
    "practices",
    QuestionPractice,
    ("confidence", "practised_at"),
    owner="question__user",
    order=("practised_at", "pk"),
    parent="question",
)

COMPANIES = Kind(
    "companies",
    Company,
    ("name", "website", "industry", "notes", *STAMPS),
    owner="user",
    order=("created_at", "pk"),
)
CONTACTS = Kind(
    "contacts",
    Contact,
    ("name", "role", "email", "phone", "profile_url", "notes", *STAMPS),
    owner="user",
    order=("created_at", "pk"),
    refs={"company": "companies"},
)
APPLICATIONS = Kind(
    "applications",
    Application,
    (
        "role_title",
        "posting_url",
        "job_description",
        "requirements",
        "location",
        "work_mode",
        "salary_min",
        "salary_max",
        "salary_currency",
        "source",
        "date_applied",
        "interest",
        "status",
        "notes",
        "archived",
        *STAMPS,
    ),
    owner="user",
    order=("created_at", "pk"),
    refs={"company": "companies", "referrer": "contacts"},
    children=(STATUS_HISTORY,),
)
# Interviews also carry "interviewers": a list of contact keys.
INTERVIEWS = Kind(
    "interviews",
    Interview,
    (
        "stage",
        "scheduled_at",
        "duration_minutes",
        "format",
        "preparation_notes",
        "rating",
        "questions",
        "debrief_notes",
        "thank_you_sent_on",
        *STAMPS,
    ),
    owner="application__user",
    order=("created_at", "pk"),
    refs={"application": "applications"},
)
OUTCOMES = Kind(
    "outcomes",
    Outcome,
    ("result", "decided_on", "stage_reached", "reason", *STAMPS),
    owner="application__user",
    order=("created_at", "pk"),
    refs={"application": "applications"},
    children=(THEME_DECISIONS,),
)
# Feedback also carries "themes": a list of FeedbackTheme values.
FEEDBACK = Kind(
    "feedback",
    Feedback,
    (
        "requested_on",
        "channel",
        "received_on",
        "from_whom",
        "content",
        "tags",
        *STAMPS,
    ),
    owner="application__user",
    order=("created_at", "pk"),
    refs={"application": "applications", "interview": "interviews"},
)
REFLECTIONS = Kind(
    "reflections",
    Reflection,
    ("trigger", "checklist_version", "finished_at", *STAMPS),
    owner="user",
    order=("created_at", "pk"),
    refs={"application": "applications", "interview": "interviews"},
    children=(ANSWERS, REQUIREMENT_CHECKS, SECTION_SAVES),
)
QUESTIONS = Kind(
    "questions",
    Question,
    ("text", "category", "answer_draft", "confidence", "last_practised_at", *STAMPS),
    owner="user",
    order=("created_at", "pk"),
    children=(TIMES_ASKED, PRACTICES),
)
# An action item remembers the checklist item (and question) it was suggested for, so the
# dashboard can tell whether the work paid off.
ACTION_ITEMS = Kind(
    "action_items",
    ActionItem,
    ("title", "due_on", "done_at", "source_item_key", *STAMPS),
    owner="user",
    order=("created_at", "pk"),
    refs={"reflection": "reflections", "question": "questions"},
)
FOLLOW_UPS = Kind(
    "follow_ups",
    FollowUp,
    ("kind", "recipient", "subject", "body", "sent_on", *STAMPS),
    owner="user",
    order=("created_at", "pk"),
    refs={"application": "applications", "interview": "interviews"},
)

# In the order import writes them: a kind comes after every kind it points at, except the
# question bank's "times asked", which points at interviews and reflections written before it.
KINDS = (
    COMPANIES,
    CONTACTS,
    APPLICATIONS,
    INTERVIEWS,
    OUTCOMES,
    FEEDBACK,
    REFLECTIONS,
    QUESTIONS,
    ACTION_ITEMS,
    FOLLOW_UPS,
)
