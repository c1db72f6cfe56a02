"""Forms of the tracking domain: they validate and normalise; the domain layer acts."""

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Collection, Sequence
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Model, QuerySet
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from accounts.models import User
from applications.models import (
    Application,
    Company,
    Contact,
    Feedback,
    FeedbackTheme,
    Interview,
    Outcome,
    Stage,
    Status,
)
from applications.selectors.search import ApplicationFilters, Show, Sort


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ContactChoiceField(forms.ModelMultipleChoiceField[Contact]):
    """Contacts to pick; an id too large for the database is an invalid choice, not a 500."""

    BIGINT_MAX = 2**63 - 1

    def _check_values(self, value: Sequence[Any]) -> QuerySet[Contact]:
        for pk in value:
            # Compared by length first: int() refuses strings of more than 4,300 digits.
            digits = str(pk)
            if digits.isdecimal() and (len(digits) > 19 or int(digits) > self.BIGINT_MAX):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        # _check_values is Django's (private) hook; django-stubs does not declare it.
        checked: QuerySet[Contact] = super()._check_values(value)  # type: ignore[misc]
        return checked


# Filter dates past this are refused: week and day arithmetic on them would overflow.
LATEST_FILTER_DATE = datetime.date(9000, 12, 31)
filter_date_validators = [
    MaxValueValidator(LATEST_FILTER_DATE, "Pick a date before the year 9001."),
]


def check_applied_range(form: forms.Form, cleaned: dict[str, Any]) -> None:
    """A filter's "applied from" must not come after its "applied to"."""
    applied_from, applied_to = cleaned.get("applied_from"), cleaned.get("applied_to")
    if applied_from and applied_to and applied_from > applied_to:
        form.add_error("applied_to", "The end date is before the start date.")


def _user_contacts(user: User) -> QuerySet[Contact]:
    return Contact.objects.filter(user=user).select_related("company")


def _field[F: forms.Field](form: forms.BaseForm, name: str, kind: type[F]) -> F:
    """The form's field `name`, which its model field made a `kind`."""
    field = form.fields[name]
    assert isinstance(field, kind)
    return field


def _fingerprint(value: Any) -> str:
    """A short digest of one field's value as loaded (a related object by its id, a list of
    them in any order), enough to tell whether it changed."""
    if isinstance(value, Model):
        value = value.pk
    elif isinstance(value, list | tuple | set | QuerySet):
        value = sorted(str(item.pk if isinstance(item, Model) else item) for item in value)
    text = json.dumps(value, default=str, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


class StaleEditCheck(forms.Form):
    """Refuses to save an edit made from a page that is out of date.

    The edit page carries a fingerprint of each field as it was loaded (the hidden `version`).
    On save, the fields as they are now are fingerprinted again: if any differ, another tab or
    window saved since, and saving would silently overwrite that. The form is then invalid,
    keeps what the user typed, says which fields were changed meanwhile (with their values
    now), and carries the new version, so saving again deliberately keeps the user's text.

    A subclass calls `stamp_version()` at the end of its `__init__`, once its initial values
    are complete. Forms for new objects have nothing to compare and skip the check.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)
    stale_fields: list[str]

    def _fingerprints(self) -> dict[str, str]:
        return {
            name: _fingerprint(self.initial.get(name)) for name in self.fields if name != "version"
        }

    def stamp_version(self) -> None:
        self.stale_fields = []
        self.current_version = json.dumps(self._fingerprints(), sort_keys=True)
        self.initial["version"] = self.current_version

    def _display(self, name: str) -> str:
        """One field's value as saved now, as the user would recognise it."""
        kind = self.fields[name]
        field: Any = kind  # choices and querysets typed loosely by django-stubs
        value = self.initial.get(name)
        values = list(value) if isinstance(value, list | tuple) else [value]
        values = [v.pk if isinstance(v, Model) else v for v in values if v not in ("", None)]
        if isinstance(kind, forms.ModelChoiceField):
            shown = ", ".join(str(obj) for obj in field.queryset.filter(pk__in=values))
        elif isinstance(kind, forms.ChoiceField):
            labels = {str(key): str(label) for key, label in field.choices}
            shown = ", ".join(labels.get(str(v), str(v)) for v in values)
        else:
            shown = ", ".join(str(v) for v in values)
        return Truncator(shown).chars(80) if shown else "(empty)"

    def check_not_stale(self) -> None:
        """Part of clean(): compare the loaded version with the fields as they are now."""
        key = self.add_prefix("version")
        # A post without the field at all (an old page, an API-style client) is not checked.
        if not getattr(self, "current_version", None) or key not in self.data:
            return
        submitted = self.data.get(key, "")
        try:
            # A real version is a flat object of short digests; anything long is not one.
            loaded = json.loads(submitted) if submitted and len(submitted) < 10_000 else {}
        except (ValueError, RecursionError):
            loaded = {}
        if not isinstance(loaded, dict) or not loaded:
            # Empty or unreadable: nothing to compare with, so not checked, as when the field
            # is missing (listing every field as changed elsewhere would not be true).
            return
        now = self._fingerprints()
        self.stale_fields = [name for name, digest in now.items() if loaded.get(name) != digest]
        if not self.stale_fields:
            return
        changes = "; ".join(
            f"{self.fields[name].label or name}: now “{self._display(name)}”"
            for name in self.stale_fields
        )
        self.add_error(
            None,
            "Not saved: this was changed in another tab or window after you opened this page. "
            f"Changed there — {changes}. What you typed is below; check it against those "
            "changes and save again to keep yours.",
        )
        # Saving again from this page is a deliberate choice over the newer version.
        data = self.data.copy()  # type: ignore[attr-defined]
        data[key] = self.current_version
        self.data = data

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or self.cleaned_data
        self.check_not_stale()
        return cleaned

    def stamp_version_if_editing(self) -> None:
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.stamp_version()


def name_suggesting_input(list_id: str, url_name: str) -> forms.TextInput:
    """A text box for a name, with the user's matching names offered in the <datalist>
    `list_id`, refreshed from `url_name` as they type (without JavaScript, a plain text box)."""
    return forms.TextInput(
        attrs={
            "list": list_id,
            "autocomplete": "off",
            "hx-get": reverse_lazy(url_name),
            "hx-trigger": "focus once, input changed delay:250ms",
            "hx-target": f"#{list_id}",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
        }
    )


class QuickAddForm(forms.Form):
    """Four fields, one submit: the fastest way to log an application."""

    company = forms.CharField(
        max_length=200,
        widget=name_suggesting_input("company-names", "company_name_suggestions"),
        help_text="Pick one of your companies or type a new one.",
    )
    role_title = forms.CharField(label="Role", max_length=200)
    posting_url = forms.URLField(
        label="Job posting URL", required=False, max_length=1000, assume_scheme="https"
    )
    date_applied = forms.DateField(initial=timezone.localdate, widget=DateInput())

    def clean_company(self) -> str:
        name = " ".join(self.cleaned_data["company"].split())
        if not name:
            raise forms.ValidationError("Name the company.")
        return name

    def clean_date_applied(self) -> datetime.date:
        date_applied: datetime.date = self.cleaned_data["date_applied"]
        if date_applied > timezone.localdate():
            raise forms.ValidationError("The application date cannot be in the future.")
        return date_applied


class QuickAddPrefillForm(forms.Form):
    """What a link to quick add brings in its query string (the "Save to Rebound" bookmarklet
    sends the posting's address and page title): read through a form, so a value that is too
    long or that the database cannot store (a NUL byte) is left out instead of failing."""

    url = forms.URLField(required=False, max_length=1000, assume_scheme="https")
    title = forms.CharField(required=False, max_length=1000)
    company = forms.CharField(required=False, max_length=200)
    role = forms.CharField(required=False, max_length=200)
    date_applied = forms.DateField(required=False)

    def clean_date_applied(self) -> datetime.date | None:
        date_applied: datetime.date | None = self.cleaned_data["date_applied"]
        if date_applied and date_applied > timezone.localdate():
            raise forms.ValidationError("The application date cannot be in the future.")
        return date_applied

    def values(self) -> dict[str, Any]:
        """The values that could be read; an unreadable one is missing (see `left_out`)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def left_out(self) -> bool:
        return bool(self.errors)


class NameSuggestionForm(forms.Form):
    """What has been typed so far in a company or referrer box: htmx sends it under the box's
    own name to ask for suggestions. Text that is too long or unreadable suggests nothing."""

    company = forms.CharField(required=False, max_length=200)
    referrer = forms.CharField(required=False, max_length=200)

    def typed(self, name: str) -> str | None:
        """The text typed in the box `name`, or None if it cannot be searched for."""
        self.is_valid()
        typed: str | None = self.cleaned_data.get(name)
        return typed


class ApplicationForm(StaleEditCheck, forms.ModelForm[Application]):
    """The whole application. The company and the referrer are typed by name: one of the
    user's own is matched whatever its case, and a new name is created when the edit is saved
    (`services.application_set_company_and_referrer`)."""

    company = forms.CharField(
        label="Company",
        max_length=200,
        widget=name_suggesting_input("company-names", "company_name_suggestions"),
        help_text="Pick one of your companies or type a new one.",
    )
    referrer = forms.CharField(
        label="Referrer",
        required=False,
        max_length=200,
        widget=name_suggesting_input("referrer-names", "contact_name_suggestions"),
        help_text="Who referred you: one of your contacts, or a new name to add to your "
        "contacts. Leave empty for none.",
    )
    field_order = [
        "company",
        "role_title",
        "status",
        "posting_url",
        "date_applied",
        "source",
        "referrer",
    ]

    class Meta:
        model = Application
        fields = [
            "role_title",
            "status",
            "posting_url",
            "date_applied",
            "source",
            "interest",
            "location",
            "work_mode",
            "salary_min",
            "salary_max",
            "salary_currency",
            "job_description",
            "requirements",
            "notes",
        ]
        widgets = {
            "date_applied": DateInput(),
            "interest": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "job_description": forms.Textarea(attrs={"rows": 6}),
            "requirements": forms.Textarea(attrs={"rows": 5}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # URLField sets assume_scheme in __init__; django-stubs does not declare the attribute.
        _field(self, "posting_url", forms.URLField).assume_scheme = "https"  # type: ignore[attr-defined]
        if self.instance.pk:
            # Status changes go through the domain layer so the history is written.
            del self.fields["status"]
            referrer = self.instance.referrer
            self.initial.setdefault("company", self.instance.company.name)
            self.initial.setdefault("referrer", referrer.name if referrer else "")
        self.stamp_version_if_editing()

    def clean_company(self) -> str:
        name = " ".join(self.cleaned_data["company"].split())
        if not name:
            raise forms.ValidationError("Name the company.")
        return name

    def clean_referrer(self) -> str:
        return " ".join(self.cleaned_data["referrer"].split())

    def clean_date_applied(self) -> datetime.date | None:
        date_applied: datetime.date | None = self.cleaned_data["date_applied"]
        if date_applied and date_applied > timezone.localdate():
            raise forms.ValidationError("The application date cannot be in the future.")
        return date_applied

    def clean_salary_currency(self) -> str:
        currency: str = self.cleaned_data["salary_currency"].strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            raise forms.ValidationError("Use a three-letter currency code, like EUR or USD.")
        return currency

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        salary_min, salary_max = cleaned.get("salary_min"), cleaned.get("salary_max")
        if salary_min is not None and salary_max is not None and salary_min > salary_max:
            self.add_error("salary_max", "The maximum salary must be at least the minimum.")
        return cleaned


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)


# The format a stage implies, so an interview's format can follow its stage (the form's initial
# value, and static/js/interview_form.js while the format is untouched): a screen is a call, an
# on-site is in person, anything else starts as video.
FORMAT_FOR_STAGE: dict[str, str] = {
    Stage.RECRUITER_SCREEN: Interview.Format.PHONE,
    Stage.PHONE_SCREEN: Interview.Format.PHONE,
    Stage.ON_SITE: Interview.Format.IN_PERSON,
}


def format_for_stage(stage: str) -> str:
    return FORMAT_FOR_STAGE.get(stage, Interview.Format.VIDEO)


class InterviewForm(StaleEditCheck, forms.ModelForm[Interview]):
    class Meta:
        model = Interview
        fields = [
            "stage",
            "scheduled_at",
            "duration_minutes",
            "format",
            "interviewers",
            "preparation_notes",
        ]
        field_classes = {"interviewers": ContactChoiceField}
        widgets = {
            "scheduled_at": DateTimeInput(),
            "interviewers": forms.CheckboxSelectMultiple(),
            "preparation_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        _field(self, "interviewers", ContactChoiceField).queryset = _user_contacts(application.user)
        self.fields["interviewers"].help_text = "Add people under Contacts to pick them here."
        if not self.instance.pk:
            # The model's default format (video) would contradict its default stage (a call).
            self.initial["format"] = format_for_stage(self.initial.get("stage", ""))
        self.fields["stage"].widget.attrs["data-format-for-stage"] = json.dumps(
            {str(stage): format_for_stage(stage) for stage in Stage.values}
        )
        self.fields["format"].widget.attrs["data-follows-stage"] = "true"
        self.stamp_version_if_editing()

    def clean_scheduled_at(self) -> datetime.datetime:
        scheduled_at: datetime.datetime = self.cleaned_data["scheduled_at"]
        date_applied = self.application.date_applied
        if date_applied and timezone.localtime(scheduled_at).date() < date_applied:
            raise forms.ValidationError(
                f"The interview cannot be before the application date ({date_applied:%d %b %Y})."
            )
        return scheduled_at


class DebriefForm(forms.ModelForm[Interview]):
    class Meta:
        model = Interview
        fields = ["rating", "questions", "debrief_notes", "thank_you_sent_on"]
        widgets = {
            "rating": forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)]),
            "questions": forms.Textarea(attrs={"rows": 4}),
            "debrief_notes": forms.Textarea(attrs={"rows": 3}),
            "thank_you_sent_on": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].required = True

    def clean_thank_you_sent_on(self) -> datetime.date | None:
        sent_on: datetime.date | None = self.cleaned_data["thank_you_sent_on"]
        if sent_on and sent_on < timezone.localtime(self.instance.scheduled_at).date():
            raise forms.ValidationError("The thank-you note cannot be sent before the interview.")
        return sent_on


class OutcomeForm(forms.ModelForm[Outcome]):
    class Meta:
        model = Outcome
        fields = ["result", "decided_on", "stage_reached", "reason"]
        widgets = {"decided_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application

    def clean_decided_on(self) -> datetime.date:
        decided_on: datetime.date = self.cleaned_data["decided_on"]
        date_applied = self.application.date_applied
        if date_applied and decided_on < date_applied:
            raise forms.ValidationError(
                f"The outcome cannot be before the application date ({date_applied:%d %b %Y})."
            )
        if decided_on > timezone.localdate():
            raise forms.ValidationError("The outcome date cannot be in the future.")
        return decided_on


class SuggestingTextInput(forms.TextInput):
    """A text input with its suggestions in a <datalist> (the browser offers them as you type)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.suggestions: list[str] = []

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or name}_suggestions"
        attrs["list"] = list_id
        options = format_html_join(
            "", '<option value="{}"></option>', ((suggestion,) for suggestion in self.suggestions)
        )
        return format_html(
            '{}<datalist id="{}">{}</datalist>',
            super().render(name, value, attrs, renderer),
            list_id,
            options,
        )


# A theme typed in the tag field, by its label or its value, in any case.
THEMES_BY_NAME: dict[str, str] = {
    name: theme.value
    for theme in FeedbackTheme
    for name in (theme.label.lower(), theme.value, theme.value.replace("_", " "))
}
# How many of the user's own tags the tag field suggests (the most used): a fixed number, so
# the list does not grow with the data; they are counted over the latest feedback entries only.
TAG_SUGGESTIONS = 30
TAG_SUGGESTIONS_FROM_LATEST = 200
TAGS_MAX_LENGTH = Feedback._meta.get_field("tags").max_length or 300


def feedback_tag_suggestions(user: User) -> list[str]:
    """The theme labels, then the user's own tags, most used first."""
    latest = (
        Feedback.objects.filter(application__user=user)
        .exclude(tags="")
        .order_by("-updated_at")
        .values_list("tags", flat=True)[:TAG_SUGGESTIONS_FROM_LATEST]
    )
    used = Counter(tag.strip().lower() for tags in latest for tag in tags.split(",") if tag.strip())
    own = [tag for tag, _ in used.most_common() if tag not in THEMES_BY_NAME]
    return [str(theme.label) for theme in FeedbackTheme] + own[:TAG_SUGGESTIONS]


def _tag_word(text: str) -> str:
    """A word of the field as it is kept as a tag: lower case, its spaces collapsed."""
    return " ".join(text.split()).lower()


def split_themes_and_tags(
    text: str, kept_tags: Collection[str] = ()
) -> tuple[list[str], list[str]]:
    """Comma-separated words as (themes, own tags), each once: a theme by its label or its
    value in any case; anything else a tag, lower case, its spaces collapsed. A word in
    `kept_tags` (the feedback's tags before this edit) stays a tag even if it names a theme."""
    themes: dict[str, None] = {}
    tags: dict[str, None] = {}
    for part in text.split(","):
        word = _tag_word(part)
        if not word:
            continue
        theme = THEMES_BY_NAME.get(word) or THEMES_BY_NAME.get(word.replace(" ", "_"))
        if theme and word not in kept_tags:
            themes[theme] = None
        else:
            tags[word] = None
    ordered = [theme.value for theme in FeedbackTheme if theme.value in themes]
    return ordered, list(tags)


class FeedbackForm(StaleEditCheck, forms.ModelForm[Feedback]):
    """Feedback on an application. Its themes (counted on the dashboard) and the user's own
    tags are typed in one field; a word that names a theme becomes a theme, the rest tags."""

    themes_and_tags = forms.CharField(
        label="Themes and tags",
        required=False,
        max_length=2_000,
        # static/js/tag_suggestions.js offers the suggestions for each word, not just the first.
        widget=SuggestingTextInput(attrs={"autocomplete": "off", "data-suggests-each-word": ""}),
        help_text="Separate them with commas. A theme from the suggestions (Experience, "
        "Skills, Culture fit…) is counted on the dashboard; any other word is kept as your "
        "own tag.",
    )

    class Meta:
        model = Feedback
        fields = [
            "interview",
            "requested_on",
            "channel",
            "received_on",
            "from_whom",
            "content",
        ]
        widgets = {
            "requested_on": DateInput(),
            "received_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, application: Application, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        self.tags_before: set[str] = set()
        interview_field = _field(self, "interview", forms.ModelChoiceField)
        interview_field.queryset = application.interviews.all()
        interview_field.label = "About the interview"
        field = self.fields["themes_and_tags"]
        assert isinstance(field.widget, SuggestingTextInput)
        field.widget.suggestions = feedback_tag_suggestions(application.user)
        if self.instance.pk:
            labels = dict(FeedbackTheme.choices)
            marks = sorted(
                (mark.theme for mark in self.instance.theme_marks.all()),
                key=list(labels).index,
            )
            words = [str(labels[theme]) for theme in marks] + self.instance.tag_list()
            self.initial["themes_and_tags"] = ", ".join(words)
            # A tag written before it named a theme (or kept as one) is not counted as a theme
            # because the feedback is edited: only words the person adds are read as themes.
            self.tags_before = {_tag_word(tag) for tag in self.instance.tag_list()}
        else:
            # Most feedback is logged the day it arrives, about the application's only interview.
            self.initial["received_on"] = timezone.localdate()
            self.fields["received_on"].help_text = "Clear it if the answer has not come yet."
            only = list(application.interviews.all()[:2])
            if len(only) == 1:
                self.initial["interview"] = only[0].pk
        self.stamp_version_if_editing()

    def clean_themes_and_tags(self) -> str:
        text: str = self.cleaned_data["themes_and_tags"]
        themes, tags = split_themes_and_tags(text, kept_tags=self.tags_before)
        joined = ", ".join(tags)
        if len(joined) > TAGS_MAX_LENGTH:
            raise forms.ValidationError(
                f"Your own tags come to {len(joined)} characters; the most is "
                f"{TAGS_MAX_LENGTH}. Shorten or remove some (themes do not count)."
            )
        self.cleaned_data["themes"] = themes
        self.instance.tags = joined
        return ", ".join([*themes, *tags])

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        cleaned.setdefault("themes", [])
        requested_on, received_on = cleaned.get("requested_on"), cleaned.get("received_on")
        if requested_on and received_on and received_on < requested_on:
            self.add_error("received_on", "Feedback cannot arrive before it was requested.")
        if not (requested_on or received_on):
            raise forms.ValidationError(
                "Give the date you asked for feedback, or the date it came."
            )
        return cleaned


class JustAddedForm(forms.Form):
    """The application page's `added` parameter: the entry just added, to show and focus."""

    added = forms.RegexField(regex=r"\A(interview|feedback)-[0-9]{1,18}\Z", required=False)

    def entry(self) -> str:
        """The entry's id on the page ("interview-12"), or "" when none or invalid."""
        if not self.is_valid():
            return ""
        added: str = self.cleaned_data["added"]
        return added


class CompanyForm(StaleEditCheck, forms.ModelForm[Company]):
    class Meta:
        model = Company
        fields = ["name", "website", "industry", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        # URLField sets assume_scheme in __init__; django-stubs does not declare the attribute.
        _field(self, "website", forms.URLField).assume_scheme = "https"  # type: ignore[attr-defined]
        self.stamp_version_if_editing()

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        others = Company.objects.filter(user=self.user, name__iexact=name).exclude(
            pk=self.instance.pk
        )
        if others.exists():
            raise forms.ValidationError("You already have a company with this name.")
        return name


class ContactForm(StaleEditCheck, forms.ModelForm[Contact]):
    class Meta:
        model = Contact
        fields = ["name", "role", "company", "email", "phone", "profile_url", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _field(self, "company", forms.ModelChoiceField).queryset = Company.objects.filter(user=user)
        # URLField sets assume_scheme in __init__; django-stubs does not declare the attribute.
        _field(self, "profile_url", forms.URLField).assume_scheme = "https"  # type: ignore[attr-defined]
        self.stamp_version_if_editing()


class SearchForm(forms.Form):
    """A list's search box. Read through a form so that input the database cannot take (a NUL
    byte, which PostgreSQL refuses in text) is a form error, not a 500."""

    q = forms.CharField(label="Search", required=False, max_length=200)

    def query(self) -> str:
        """The search text, or "" when the box is empty or invalid (the search is left out)."""
        if not self.is_valid():
            return ""
        query: str = self.cleaned_data["q"]
        return query


class ApplicationFilterForm(forms.Form):
    """The list's search, filters and sort; every field optional, bad values ignored."""

    q = forms.CharField(label="Search", required=False, max_length=200)
    status = forms.ChoiceField(choices=[("", "Any status"), *Status.choices], required=False)
    source = forms.ChoiceField(
        choices=[("", "Any source"), *Application.Source.choices], required=False
    )
    applied_from = forms.DateField(
        label="Applied from", required=False, widget=DateInput(), validators=filter_date_validators
    )
    applied_to = forms.DateField(
        label="Applied to", required=False, widget=DateInput(), validators=filter_date_validators
    )
    show = forms.ChoiceField(choices=Show.choices, required=False, initial=Show.ACTIVE)
    sort = forms.ChoiceField(choices=Sort.choices, required=False, initial=Sort.NEWEST)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        check_applied_range(self, cleaned)
        return cleaned

    def filters(self) -> ApplicationFilters:
        """The valid filters; an invalid field is reported by the form and left out."""
        return ApplicationFilters.from_cleaned(self.cleaned_data)

    def sort_order(self) -> str:
        sort: str = self.cleaned_data.get("sort") or Sort.NEWEST
        return sort
