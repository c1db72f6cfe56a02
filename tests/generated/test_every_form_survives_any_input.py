"""Every form of the project, fed anything a POST can carry, ends valid or invalid: never an
exception. A valid model form also saves without one (the database agrees with the form).

The table below says how each form is built, as its views build it. A form class that is not
in the table fails test_every_form_is_in_the_table, so a new form is covered from its first day.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils.datastructures import MultiValueDict
from hypothesis import assume, given
from hypothesis import strategies as st

from accounts.forms import (
    AccountCreateForm,
    AccountSettingsForm,
    DeleteAccountForm,
    SignUpForm,
)
from accounts.models import User
from applications import forms as tracking
from applications import services as tracking_services
from applications.models import Application, Company, Contact, Feedback, Interview, Outcome
from applications.models import Status as ApplicationStatus
from applications.views.applications import BoardColumnForm
from applications.views.theme_decisions import OutcomeThemeDecisionForm
from portability.archive.forms import ArchiveUploadForm
from portability.spreadsheet import forms as spreadsheet
from portability.spreadsheet.services import StatusValue
from reflections import checklist
from reflections import forms as reflecting
from reflections.models import ActionItem, Question, RequirementCheck
from tests.factories import ApplicationFactory, ContactFactory, InterviewFactory, ReflectionFactory
from tests.generated.strategies import NASTY, form_data, rolled_back
from workflows.forms import UndoForm

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """The rows the forms are built around: the owner's, and another user's to point at."""

    alice: Any
    application: Application
    interview: Interview
    requirement_checks: list[RequirementCheck]

    def fresh[M](self, row: M) -> M:
        """A new copy of a row: validation writes into a model form's instance, and each
        hypothesis example must start from the row as the database holds it."""
        return type(row)._default_manager.get(pk=row.pk)


@pytest.fixture
def world(alice, bob) -> World:
    for user in (alice, bob):
        application = ApplicationFactory(user=user)
        ContactFactory(user=user, company=application.company)
    application = ApplicationFactory(user=alice, status=ApplicationStatus.INTERVIEWING)
    interview = InterviewFactory(application=application)
    reflection = ReflectionFactory(application=ApplicationFactory(user=alice))
    checks = [
        RequirementCheck.objects.create(reflection=reflection, requirement=text, position=n)
        for n, text in enumerate(["Python", "<b>Kubernetes</b>"])
    ]
    return World(alice, application, interview, checks)


@dataclass
class Case:
    """How to build the form (one or more ways, as its views do) and what views do with it."""

    build: Callable[[World], list[dict[str, Any]]]
    use: Callable[[Any], object] | None = None  # called on the bound form after is_valid()
    save: bool = False  # a valid ModelForm is saved, as its view would


def _status_values(texts: list[str]) -> list[StatusValue]:
    return [StatusValue(text, text.casefold(), 1, None, False) for text in texts]


def _application_form_use(form: tracking.ApplicationForm) -> object:
    """As the edit view does: the company and referrer named are found or created first."""
    if not form.is_valid():
        return None
    return tracking_services.application_set_company_and_referrer(
        application=form.instance,
        company_name=form.cleaned_data["company"],
        referrer_name=form.cleaned_data["referrer"],
    )


def _section_form_kwargs(w: World) -> list[dict[str, Any]]:
    return [
        {
            "section": section,
            "answers": {},
            "requirement_checks": w.requirement_checks,
            "prefix": section.key,
        }
        for section in checklist.sections()
    ]


def _section_form_use(form: reflecting.SectionForm) -> object:
    return (form.answers(), form.requirement_verdicts()) if form.is_valid() else None


FORMS: dict[type[forms.BaseForm], Case] = {
    SignUpForm: Case(lambda w: [{}]),
    AccountCreateForm: Case(lambda w: [{"instance": User(email="new@example.com")}], save=True),
    DeleteAccountForm: Case(lambda w: [{"user": w.alice}]),
    AccountSettingsForm: Case(
        lambda w: [{"instance": w.fresh(w.alice)}, {"instance": User(username="no-address")}],
        save=True,
    ),
    tracking.StaleEditCheck: Case(lambda w: [{}]),
    tracking.SearchForm: Case(lambda w: [{}], use=lambda form: form.query()),
    tracking.JustAddedForm: Case(lambda w: [{}], use=lambda form: form.entry()),
    tracking.QuickAddForm: Case(lambda w: [{}]),
    tracking.QuickAddPrefillForm: Case(lambda w: [{}], use=lambda form: form.values()),
    tracking.NameSuggestionForm: Case(
        lambda w: [{}], use=lambda form: (form.typed("company"), form.typed("referrer"))
    ),
    tracking.ApplicationForm: Case(
        lambda w: [
            {"user": w.alice, "instance": Application(user=w.alice)},
            {"user": w.alice, "instance": w.fresh(w.application)},
        ],
        use=_application_form_use,
        save=True,
    ),
    tracking.StatusForm: Case(lambda w: [{}]),
    tracking.InterviewForm: Case(
        lambda w: [
            {"application": w.application, "instance": Interview(application=w.application)},
            {"application": w.fresh(w.application), "instance": w.fresh(w.interview)},
        ],
        save=True,
    ),
    tracking.DebriefForm: Case(lambda w: [{"instance": w.fresh(w.interview)}], save=True),
    tracking.OutcomeForm: Case(
        lambda w: [{"application": w.application, "instance": Outcome(application=w.application)}],
        save=True,
    ),
    tracking.FeedbackForm: Case(
        lambda w: [{"application": w.application, "instance": Feedback(application=w.application)}],
        save=True,
    ),
    tracking.CompanyForm: Case(
        lambda w: [
            {"user": w.alice, "instance": Company(user=w.alice)},
            {"user": w.alice, "instance": w.fresh(w.application.company)},
        ],
        save=True,
    ),
    tracking.ContactForm: Case(
        lambda w: [{"user": w.alice, "instance": Contact(user=w.alice)}], save=True
    ),
    OutcomeThemeDecisionForm: Case(lambda w: [{}]),
    BoardColumnForm: Case(lambda w: [{}], use=lambda form: form.column_or("applied")),
    tracking.ApplicationFilterForm: Case(
        lambda w: [{}], use=lambda form: (form.filters(), form.sort_order())
    ),
    reflecting.SectionForm: Case(_section_form_kwargs, use=_section_form_use),
    reflecting.ActionItemForm: Case(lambda w: [{"instance": ActionItem(user=w.alice)}], save=True),
    reflecting.QuestionForm: Case(
        lambda w: [{"user": w.alice, "instance": Question(user=w.alice)}], save=True
    ),
    reflecting.ConfidenceForm: Case(lambda w: [{}]),
    reflecting.FollowUpForm: Case(lambda w: [{}]),
    reflecting.DashboardFilterForm: Case(lambda w: [{}], use=lambda form: form.filters()),
    reflecting.DrillDownForm: Case(
        lambda w: [{}], use=lambda form: form.drill_down() if form.is_valid() else None
    ),
    reflecting.QuestionFilterForm: Case(lambda w: [{}]),
    reflecting.SuggestionSourceForm: Case(lambda w: [{}]),
    spreadsheet.UploadForm: Case(lambda w: [{}]),
    spreadsheet.MappingForm: Case(
        lambda w: [
            {"headers": ["Company", "Role", "Date applied", "Status"]},
            {"headers": ["Column 1"]},
            {"headers": NASTY[:12]},
        ],
        use=lambda form: (form.mapping(), form.params()) if form.is_valid() else None,
    ),
    spreadsheet.StatusForm: Case(
        lambda w: [{"values": _status_values(["Applied", "❌ Rejected!", "", "\u202eoffer"])}],
        use=lambda form: (form.statuses(), form.params()) if form.is_valid() else None,
    ),
    spreadsheet.ImportForm: Case(lambda w: [{}]),
    ArchiveUploadForm: Case(lambda w: [{}]),
    UndoForm: Case(lambda w: [{}]),
}


def project_form_classes() -> set[type[forms.BaseForm]]:
    """Every form class defined in the project's own apps (any module, not only forms.py)."""
    root = Path(settings.BASE_DIR)
    packages = [
        config.module
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(root) and ".venv" not in Path(config.path).parts
    ]
    names = {package.__name__ for package in packages}
    for package in packages:
        for module in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)
    found, pending = set(), [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in names:
                found.add(subclass)
    return found


# Inputs that still raise: each is a reported bug, pinned by an xfail(strict=True) test at the
# end, as (form class and its subclasses, which posts). The generator steers around them so the
# rest of the form stays under test; when the bug is fixed its xfail fails (XPASS), the pin
# becomes a plain regression test and the entry goes. Empty: the two found so far are fixed.
KNOWN_BUGS: list[tuple[type[forms.BaseForm], Callable[[dict[str, list[str]]], bool]]] = []


def known_bug(form_class: type[forms.BaseForm], post: dict[str, list[str]]) -> bool:
    return any(issubclass(form_class, buggy) and applies(post) for buggy, applies in KNOWN_BUGS)


def test_every_form_is_in_the_table():
    assert project_form_classes() == set(FORMS)


def _model_ids(form: forms.BaseForm) -> dict[str, list[str]]:
    """For each model choice field, ids of every user's rows: the owner's and another's."""
    return {
        name: [str(pk) for pk in field.queryset.model._default_manager.values_list("pk", flat=True)]
        for name, field in form.fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }


def _label(form_class: type) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


@pytest.mark.parametrize("form_class", list(FORMS), ids=_label)
@given(data=st.data())
def test_any_input_ends_valid_or_invalid(form_class, world, data):
    case = FORMS[form_class]
    with rolled_back():
        kwargs = data.draw(st.sampled_from(case.build(world)), label="kwargs")
        ids = _model_ids(form_class(**kwargs))
        post, files = data.draw(form_data(form_class(**kwargs), ids), label="post")
        assume(not known_bug(form_class, post))
        form = form_class(data=MultiValueDict(post), files=MultiValueDict(files), **kwargs)
        assert form.is_valid() in (True, False)
        form.errors.as_text()  # the messages render, whatever the value was
        if case.use:
            case.use(form)
        if case.save and form.is_valid():
            form.save()


@pytest.mark.parametrize("form_class", list(FORMS), ids=_label)
def test_every_hostile_string_in_every_field_ends_valid_or_invalid(form_class, world):
    """The same, deterministic: each hostile string in all fields at once, every way to build."""
    case = FORMS[form_class]
    for kwargs in case.build(world):
        unbound = form_class(**kwargs)
        names = [unbound.add_prefix(name) for name in unbound.fields]
        for value in NASTY:
            post = {name: [value] for name in names}
            if known_bug(form_class, post):
                continue
            with rolled_back():
                form = form_class(data=MultiValueDict(post), **kwargs)
                assert form.is_valid() in (True, False), value
                if case.use:
                    case.use(form)
                if case.save and form.is_valid():
                    form.save()


def test_an_interviewer_id_of_5000_digits_is_an_invalid_choice(world):
    """Found by the generated test: int() refused it (ValueError, a 500)."""
    form = tracking.InterviewForm(
        data={"interviewers": ["9" * 5_000]}, application=world.application
    )
    assert not form.is_valid()
    assert "interviewers" in form.errors


def test_a_version_nested_past_the_recursion_limit_is_not_an_error(world):
    """Found by the generated test: json.loads raised RecursionError (a 500 on every edit)."""
    application = world.fresh(world.application)
    form = tracking.ApplicationForm(
        data={"version": "[" * 100_000 + "]" * 100_000}, user=world.alice, instance=application
    )
    assert form.is_valid() in (True, False)
