"""Forms of the reflection domain: they validate and normalise; services act."""

import datetime
from typing import Any, cast

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from accounts.models import User
from applications.forms import (
    ApplicationFilterForm,
    DateInput,
    check_applied_range,
    filter_date_validators,
)
from applications.models import Application, FeedbackTheme, Milestone, Outcome, Status
from applications.selectors.conditions import FeedbackProgress, FirstInterview, InterviewFate
from reflections import checklist
from reflections.checklist import ItemKind
from reflections.drill_down import DrillDown, Practice, describe
from reflections.models import ActionItem, FollowUp, Question, ReflectionAnswer, RequirementCheck
from reflections.panels.filters import DashboardFilters
from reflections.selectors import QUESTION_SORTS
from reflections.services import AnswerValue

REQUIREMENT_FIELD_PREFIX = "requirement_"


OTHER_SUFFIX = "_other"


class SectionForm(forms.Form):
    """The fields of one checklist section, built from its declarative definition.

    What the product already knows starts an item off when it has no answer yet (`carried`,
    by item key); an item carrying over the debriefs' questions offers them as boxes to tick
    (`debrief_questions`), with a box below for others.
    """

    def __init__(
        self,
        *args: Any,
        section: checklist.Section,
        answers: dict[str, ReflectionAnswer],
        requirement_checks: list[RequirementCheck],
        carried: dict[str, Any] | None = None,
        debrief_questions: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        self.requirement_field_names: list[str] = []
        self.ticked_items: list[str] = []
        carried = carried or {}
        for item in section.items:
            if item.kind == ItemKind.REQUIREMENTS:
                self._add_requirement_fields(requirement_checks)
                continue
            answer = answers.get(item.key)
            if item.carry_over == checklist.CarryOver.DEBRIEF_QUESTIONS and debrief_questions:
                self._add_question_ticks(item, answer, debrief_questions)
                continue
            self.fields[item.key] = self._field_for(item)
            if answer is not None:
                self.initial[item.key] = _answer_value(item, answer)
            elif carried.get(item.key) not in (None, ""):
                self.initial[item.key] = carried[item.key]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *[
                InlineRadios(name) if isinstance(field.widget, forms.RadioSelect) else Field(name)
                for name, field in self.fields.items()
            ]
        )

    def _field_for(self, item: checklist.Item) -> forms.Field:
        common: dict[str, Any] = {
            "label": item.label,
            "help_text": _help_with_sources(item),
            "required": False,
        }
        if item.kind == ItemKind.RATING:
            return forms.TypedChoiceField(
                choices=[(n, str(n)) for n in checklist.RATING_RANGE],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "rating"}),
                **common,
            )
        if item.kind == ItemKind.TEXT:
            return forms.CharField(
                max_length=10_000, widget=forms.Textarea(attrs={"rows": 2}), **common
            )
        if item.kind == ItemKind.LIST:
            return forms.CharField(
                max_length=10_000, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        return forms.ChoiceField(choices=item.choices, widget=forms.RadioSelect(), **common)

    def _add_question_ticks(
        self, item: checklist.Item, answer: ReflectionAnswer | None, questions: list[str]
    ) -> None:
        """The debriefs' questions to tick, and a box for the others, one per line."""
        lines = answer.lines() if answer is not None else []
        known = {question.lower(): question for question in questions}
        self.fields[item.key] = forms.MultipleChoiceField(
            label=item.label,
            help_text=_help_with_sources(item),
            choices=[(question, question) for question in questions],
            required=False,
            widget=forms.CheckboxSelectMultiple(),
        )
        self.initial[item.key] = [known[line.lower()] for line in lines if line.lower() in known]
        other = f"{item.key}{OTHER_SUFFIX}"
        self.fields[other] = forms.CharField(
            label="Others, one per line",
            max_length=10_000,
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.initial[other] = "\n".join(line for line in lines if line.lower() not in known)
        self.ticked_items.append(item.key)

    def answers(self) -> dict[str, AnswerValue]:
        """The valid form's answers, by checklist item key."""
        answers: dict[str, AnswerValue] = {}
        for item in self.section.items:
            if item.kind == ItemKind.REQUIREMENTS:
                continue
            if item.key in self.ticked_items:
                ticked = list(self.cleaned_data.get(item.key) or [])
                other = str(self.cleaned_data.get(f"{item.key}{OTHER_SUFFIX}") or "")
                answers[item.key] = "\n".join([*ticked, *other.splitlines()]).strip()
            else:
                answers[item.key] = self.cleaned_data.get(item.key)
        return answers

    def requirement_verdicts(self) -> dict[int, str]:
        """The valid form's verdicts, by RequirementCheck id."""
        return {
            int(name.removeprefix(REQUIREMENT_FIELD_PREFIX)): self.cleaned_data.get(name) or ""
            for name in self.requirement_field_names
        }

    def _add_requirement_fields(self, requirement_checks: list[RequirementCheck]) -> None:
        for check in requirement_checks:
            name = f"{REQUIREMENT_FIELD_PREFIX}{check.pk}"
            self.fields[name] = forms.ChoiceField(
                label=check.requirement,
                choices=RequirementCheck.Verdict.choices,
                required=False,
                widget=forms.RadioSelect(),
            )
            self.initial[name] = check.verdict
            self.requirement_field_names.append(name)


def citation_html(item: checklist.Item) -> str:
    """Where the item's advice comes from, behind an info toggle that works without JavaScript."""
    citations = format_html_join(
        "; ",
        "“{}”{}",
        (
            (source.title, f", {source.heading}" if source.heading else "")
            for source in item.sources
        ),
    )
    return format_html(
        '<details class="citation d-inline"><summary class="citation-toggle" '
        'title="Where this comes from"><span class="citation-label">Source</span>'
        '<span class="visually-hidden">: where this comes from</span></summary>'
        '<span class="citation-text">From {}.</span></details>',
        citations,
    )


def _help_with_sources(item: checklist.Item) -> str:
    """The item's help, then the advice it comes from, one tap away."""
    return format_html("{} {}", item.help, citation_html(item))


def _answer_value(item: checklist.Item, answer: ReflectionAnswer) -> str | int | None:
    if item.kind == ItemKind.RATING:
        return answer.rating
    if item.kind in (ItemKind.TEXT, ItemKind.LIST):
        return answer.text
    return answer.choice


class ActionItemForm(forms.ModelForm[ActionItem]):
    class Meta:
        model = ActionItem
        fields = ["title", "due_on"]
        widgets = {"due_on": DateInput()}
        labels = {"title": "Next step", "due_on": "Due on"}

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Say what the next step is.")
        return title


class SuggestionSourceForm(forms.Form):
    """Where a suggested step came from, posted with it: read through a form, so a value a
    database would refuse (a NUL) is a form error, never a 500."""

    source_item_key = forms.SlugField(required=False, max_length=60)
    question = forms.CharField(required=False, max_length=500)


class QuestionForm(forms.ModelForm[Question]):
    class Meta:
        model = Question
        fields = ["text", "category", "answer_draft", "confidence"]
        widgets = {
            "text": forms.TextInput(),
            "answer_draft": forms.Textarea(attrs={"rows": 5}),
            "confidence": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
        }
        labels = {
            "text": "Question",
            "answer_draft": "Your answer draft",
            "confidence": "Confidence",
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["confidence"].required = False
        category = cast(forms.ChoiceField, self.fields["category"])
        category.choices = [("", "Not set"), *Question.Category.choices]

    def clean_text(self) -> str:
        text = " ".join(self.cleaned_data["text"].split())
        others = Question.objects.filter(user=self.user, text__iexact=text).exclude(
            pk=self.instance.pk
        )
        if others.exists():
            raise forms.ValidationError("This question is already in your bank.")
        return text


class ConfidenceForm(forms.Form):
    confidence = forms.TypedChoiceField(choices=[(n, str(n)) for n in range(1, 6)], coerce=int)


class FollowUpForm(forms.Form):
    recipient = forms.EmailField(label="To", required=False, max_length=254)
    subject = forms.CharField(max_length=200)
    body = forms.CharField(max_length=20_000, widget=forms.Textarea(attrs={"rows": 14}))
    sent_on = forms.DateField(label="Sent on", initial=timezone.localdate, widget=DateInput())

    def clean_sent_on(self) -> datetime.date:
        sent_on: datetime.date = self.cleaned_data["sent_on"]
        if sent_on > timezone.localdate():
            raise forms.ValidationError("The date sent cannot be in the future.")
        return sent_on


FOLLOW_UP_KINDS = {kind.value.replace("_", "-"): kind for kind in FollowUp.Kind}


class DashboardFilterForm(forms.Form):
    """The dashboard's filters; an invalid value is reported and ignored, never a 500."""

    applied_from = forms.DateField(
        label="Applied from", required=False, widget=DateInput(), validators=filter_date_validators
    )
    applied_to = forms.DateField(
        label="Applied to", required=False, widget=DateInput(), validators=filter_date_validators
    )
    status = forms.ChoiceField(choices=[("", "Any status"), *Status.choices], required=False)
    source = forms.ChoiceField(
        choices=[("", "Any source"), *Application.Source.choices], required=False
    )
    role = forms.CharField(label="Role keyword", required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        super().clean()
        check_applied_range(self, self.cleaned_data)
        return self.cleaned_data

    def filters(self) -> DashboardFilters:
        """The valid filters; invalid fields are left out."""
        self.is_valid()
        valid = {
            name: value for name, value in self.cleaned_data.items() if name not in self.errors
        }
        return DashboardFilters.from_cleaned(valid)


def _hidden_choice(choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(choices=choices, required=False, widget=forms.HiddenInput)


def _hidden_rating() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=[(n, n) for n in checklist.RATING_RANGE],
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.HiddenInput,
    )


class DrillDownForm(ApplicationFilterForm):
    """The drill-down list's filters: the list's own, plus the hidden fields of a `DrillDown`
    and the dashboard's role keyword, as the dashboard's links set them."""

    role = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    sent = forms.BooleanField(required=False, widget=forms.HiddenInput)
    ended = forms.BooleanField(required=False, widget=forms.HiddenInput)
    responded = forms.BooleanField(required=False, widget=forms.HiddenInput)
    no_source = forms.BooleanField(required=False, widget=forms.HiddenInput)
    reached = _hidden_choice(Milestone.choices)
    first_interview = _hidden_choice(FirstInterview.choices)
    rejected_at = _hidden_choice(Outcome.StageReached.choices)
    theme = _hidden_choice(FeedbackTheme.choices)
    weakness = forms.SlugField(required=False, max_length=60, widget=forms.HiddenInput)
    assessed = forms.SlugField(required=False, max_length=60, widget=forms.HiddenInput)
    practice = _hidden_choice(Practice.choices)
    outside = forms.SlugField(required=False, max_length=60, widget=forms.HiddenInput)
    missing = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    partly = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    rating = _hidden_rating()
    rating_min = _hidden_rating()
    rating_outcome = _hidden_choice(InterviewFate.choices)
    feedback = _hidden_choice(FeedbackProgress.choices)
    week = forms.DateField(
        required=False, widget=forms.HiddenInput, validators=filter_date_validators
    )
    interview_week = forms.DateField(
        required=False, widget=forms.HiddenInput, validators=filter_date_validators
    )
    month = forms.DateField(
        required=False, widget=forms.HiddenInput, validators=filter_date_validators
    )
    interview_month = forms.DateField(
        required=False, widget=forms.HiddenInput, validators=filter_date_validators
    )

    def drill_down(self) -> DrillDown:
        return DrillDown.from_cleaned(self.cleaned_data)

    def description(self) -> str:
        """Which dashboard number this list is, in words (the banner says it)."""
        return describe(self.drill_down(), status=self.cleaned_data.get("status") or "")


class QuestionFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"placeholder": "Words in the question or your answer"}),
    )
    category = forms.ChoiceField(
        label="Category",
        required=False,
        choices=[("", "All categories"), *Question.Category.choices],
    )
    sort = forms.ChoiceField(
        label="Sort",
        required=False,
        choices=[(key, label) for key, (label, _) in QUESTION_SORTS.items()],
    )
