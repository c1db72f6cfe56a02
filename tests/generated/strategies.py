"""Hypothesis strategies for hostile input: text that breaks naive code (NUL, huge, emoji,
right-to-left, look-alike digits), and form data drawn field by field from a bound form."""

import contextlib
import datetime

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import strategies as st

HUGE = 100_000

# Strings that have broken real parsers; hypothesis mixes them with its own text.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x00" * 3,
    "x" * HUGE,
    "9" * 400,  # a float of this is infinity
    "9" * 5_000,  # past int()'s default digit limit
    "1," * 2_000 + "000",
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "1_000",
    "１２３",  # full-width digits
    "٣",  # Arabic-Indic digit
    "²",  # a digit to str.isdigit(), not to int()
    "2024-02-30",
    "0000-01-01",
    "9999-12-31",
    "10000-01-01",
    "２０２４-０１-０１",
    "31/12/2024",
    "Mar ²",
    "2024-01-01T25:61",
    "\u202eevil\u202c",  # right-to-left override
    "שלום עולם",
    "مرحبا",
    "👩‍💻🏳️‍🌈" * 50,
    "Ǆ̸̢̛̘̰̯͚̀",
    "\ufeff",
    "\r\n\r\n",
    "\t;|,",
    '"',
    "'); DROP TABLE applications;--",
    "<script>alert(1)</script>",
    "[" * 100_000 + "]" * 100_000,  # JSON nested past the recursion limit
    '{"a": ' * 50 + "1" + "}" * 50,
    "{{ 7*7 }}",
    "%s%n",
    "javascript:alert(1)",
    "https://example.com/" + "a" * 2_000,
    "a@b",
    "user@example.com",
    "https://",
]

characters = st.characters(exclude_categories=["Cs"])  # any code point that UTF-8 can carry
text = st.one_of(
    st.text(characters, max_size=300),
    st.sampled_from(NASTY),
    st.from_regex(r"\d{1,420}", fullmatch=True),
)


def _date_texts() -> st.SearchStrategy[str]:
    dates = st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))
    return st.one_of(
        dates.map(datetime.date.isoformat),
        dates.map(lambda day: day.strftime("%d/%m/%Y")),
        st.datetimes().map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M")),
        st.datetimes().map(datetime.datetime.isoformat),
    )


def _numbers() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers().map(str),
        st.integers(-(2**70), 2**70).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
        st.decimals(allow_nan=False).map(str),
    )


def _choices(field: forms.ChoiceField) -> list[str]:
    values = []
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):  # a group
            values += [str(inner) for inner, _ in label]
        else:
            values.append(str(value))
    return values


def field_values(field: forms.Field, ids: list[str]) -> st.SearchStrategy[list[str]]:
    """The values a POST may carry for one field: none (missing), one, or several, each either
    hostile text or something shaped like what the field expects."""
    if isinstance(field, forms.ModelChoiceField):
        # The owner's ids, other users' ids, and ids no database holds.
        shaped = st.sampled_from([*ids, "0", "-1", str(2**31), str(2**63), str(2**64), "1.5"])
    elif isinstance(field, forms.ChoiceField):
        shaped = st.sampled_from(_choices(field) or [""])
    elif isinstance(field, forms.BooleanField):
        shaped = st.sampled_from(["on", "true", "false", "0", "1", "True", ""])
    elif isinstance(field, (forms.DateField, forms.DateTimeField)):
        shaped = _date_texts()
    elif isinstance(field, (forms.IntegerField, forms.FloatField, forms.DecimalField)):
        shaped = _numbers()
    elif isinstance(field, forms.EmailField):
        shaped = st.emails()
    elif isinstance(field, forms.URLField):
        shaped = st.one_of(
            st.just("https://example.com/"),
            st.text(characters).map(lambda path: "https://example.com/" + path),
        )
    else:
        shaped = st.text(characters, min_size=1, max_size=40)
    value = st.one_of(text, shaped, shaped)
    many = isinstance(field, (forms.MultipleChoiceField, forms.ModelMultipleChoiceField))
    return st.lists(value, max_size=4 if many else 2)


# A real .xlsx workbook, a zip that is not one, and raw bytes: what an upload field may get.
def upload_contents() -> st.SearchStrategy[bytes]:
    csv_text = st.lists(st.lists(text, min_size=1, max_size=5), min_size=1, max_size=6).flatmap(
        lambda rows: st.sampled_from([",", ";", "\t", "|"]).map(
            lambda separator: "\n".join(separator.join(row) for row in rows)
        )
    )
    encoded = st.tuples(
        csv_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
    ).map(lambda pair: pair[0].encode(pair[1], errors="replace"))
    return st.one_of(
        st.binary(max_size=2_000),
        encoded,
        st.binary(max_size=500).map(lambda tail: b"PK\x03\x04" + tail),
        st.binary(max_size=100).map(lambda tail: b"\xd0\xcf\x11\xe0" + tail),
        st.binary(max_size=100).map(lambda tail: b"\xff\xfe" + tail),
    )


def uploads() -> st.SearchStrategy[list[SimpleUploadedFile]]:
    names = st.one_of(
        st.sampled_from(["jobs.csv", "jobs.xlsx", "export.json", "x", ".csv", "a" * 300 + ".csv"]),
        st.text(characters.filter(lambda c: c not in "/\\\x00"), min_size=1, max_size=50),
    )
    upload = st.builds(
        lambda name, content: SimpleUploadedFile(name, content), names, upload_contents()
    )
    return st.lists(upload, max_size=1)


def form_data(form: forms.BaseForm, ids: dict[str, list[str]]) -> st.SearchStrategy:
    """(data, files) for a bound copy of `form`: every field missing, hostile or well-shaped."""
    data = st.fixed_dictionaries(
        {
            form.add_prefix(name): field_values(field, ids.get(name, []))
            for name, field in form.fields.items()
            if not isinstance(field, forms.FileField)
        }
    )
    files = st.fixed_dictionaries(
        {
            form.add_prefix(name): uploads()
            for name, field in form.fields.items()
            if isinstance(field, forms.FileField)
        }
    )
    return st.tuples(data, files)


@contextlib.contextmanager
def rolled_back():
    """One hypothesis example's writes, undone when it ends, so examples do not see each other."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
