"""Forms of the spreadsheet import: the upload, the column mapping, the status choices."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from applications.models import Status
from portability.spreadsheet.mapping import REQUIRED_FIELDS, ColumnMapping, DateOrder, Field
from portability.spreadsheet.reading import (
    MAX_BYTES,
    WEB_MAX_ROWS,
    SpreadsheetError,
    sheet_read,
)
from portability.spreadsheet.services import StatusValue

ACCEPTED_TYPES = (
    ".csv,.tsv,.txt,.xlsx,text/csv,text/plain,"
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text="A CSV file (any separator, any common encoding) or an Excel .xlsx file, "
        f"up to {MAX_BYTES // (1024 * 1024)} MB and {WEB_MAX_ROWS:,} rows. "
        "The first row must hold the column names.",
        allow_empty_file=True,  # so an empty file gets the same message as a blank one
        widget=forms.FileInput(attrs={"accept": ACCEPTED_TYPES}),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: "
                "split it into smaller files."
            )
        self.content = upload.read()
        try:
            self.sheet = sheet_read(self.content, upload.name or "", max_rows=WEB_MAX_ROWS)
        except SpreadsheetError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


FIELD_CHOICES = [("", "Don't import"), *Field.choices]


class MappingForm(forms.Form):
    """One choice per column of the sheet (`column_<index>`), and how to read numeric dates."""

    date_order = forms.TypedChoiceField(
        label="Dates like 03/04/2024 are",
        choices=[("", "Not needed: refuse dates that read both ways"), *DateOrder.choices],
        coerce=DateOrder,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args: Any, headers: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.headers = list(headers)
        for index, header in enumerate(self.headers):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=header, choices=FIELD_CHOICES, required=False
            )

    @staticmethod
    def initial_for(mapping: ColumnMapping, date_order: DateOrder | None) -> dict[str, str]:
        initial = {f"column_{index}": field.value for field, index in mapping.items()}
        initial["date_order"] = date_order.value if date_order else ""
        return initial

    def column_fields(self) -> list[forms.BoundField]:
        return [self[f"column_{index}"] for index in range(len(self.headers))]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen: dict[str, int] = {}
        for index in range(len(self.headers)):
            value = cleaned.get(f"column_{index}")
            if not value:
                continue
            if value in chosen:
                self.add_error(
                    f"column_{index}",
                    f"{Field(value).label} is already chosen for “{self.headers[chosen[value]]}”.",
                )
            else:
                chosen[value] = index
        for field in REQUIRED_FIELDS:
            if field.value not in chosen:
                self.add_error(None, f"Choose the column that holds the {field.label.lower()}.")
        return cleaned

    def mapping(self) -> ColumnMapping:
        return {
            Field(self.cleaned_data[f"column_{index}"]): index
            for index in range(len(self.headers))
            if self.cleaned_data.get(f"column_{index}")
        }

    def params(self) -> list[tuple[str, str]]:
        """The choices as hidden fields, carried to the next step."""
        params = [
            (f"column_{index}", self.cleaned_data.get(f"column_{index}") or "")
            for index in range(len(self.headers))
        ]
        date_order = self.cleaned_data.get("date_order")
        params.append(("date_order", date_order.value if date_order else ""))
        return params


class StatusForm(forms.Form):
    """What each distinct status text of the file becomes (`status_<index>`)."""

    def __init__(self, *args: Any, values: Sequence[StatusValue], **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                f"status_{index}": value.status.value if value.status else ""
                for index, value in enumerate(values)
            },
        )
        super().__init__(*args, **kwargs)
        self.values = list(values)
        for index, value in enumerate(self.values):
            self.fields[f"status_{index}"] = forms.ChoiceField(
                label=value.text or "(empty)",
                choices=[("", "Not matched: its rows are errors"), *Status.choices],
                required=False,
            )

    @staticmethod
    def is_submitted(data: Mapping[str, Any]) -> bool:
        return "statuses" in data

    def rows(self) -> list[tuple[StatusValue, forms.BoundField]]:
        return [(value, self[f"status_{index}"]) for index, value in enumerate(self.values)]

    def statuses(self) -> dict[str, Status | None]:
        return {
            value.key: Status(self.cleaned_data[f"status_{index}"])
            if self.cleaned_data.get(f"status_{index}")
            else None
            for index, value in enumerate(self.values)
        }

    def params(self) -> list[tuple[str, str]]:
        params = [("statuses", "1")]
        for index, value in enumerate(self.values):
            status = self.statuses()[value.key] if self.is_bound else value.status
            params.append((f"status_{index}", status.value if status else ""))
        return params


class ImportForm(forms.Form):
    skip_bad_rows = forms.BooleanField(
        label="Skip the rows with errors and import the rest",
        required=False,
    )
