"""What a spreadsheet's text means for an application: which column is which field (guessed
from the header names), and the loose readers for statuses, sources, dates and salaries.

Every reader either answers or says it cannot: a value it cannot read is never guessed.
"""

import datetime
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import models

from applications.models import Application, Status


class Field(models.TextChoices):
    """What a column can be imported as."""

    COMPANY = "company", "Company"
    ROLE_TITLE = "role_title", "Role"
    DATE_APPLIED = "date_applied", "Date applied"
    STATUS = "status", "Status"
    POSTING_URL = "posting_url", "Job posting URL"
    LOCATION = "location", "Location"
    SALARY = "salary", "Salary"
    SOURCE = "source", "Source"
    NOTES = "notes", "Notes"
    CONTACT = "contact", "Contact"


REQUIRED_FIELDS = (Field.COMPANY, Field.ROLE_TITLE)

# field -> column index
ColumnMapping = dict[Field, int]


class DateOrder(models.TextChoices):
    DMY = "dmy", "Day first (31/12/2024)"
    MDY = "mdy", "Month first (12/31/2024)"


def squashed(text: str) -> str:
    """Lower-case letters and digits only: "Job Title", "JobTitle" and "job_title" agree."""
    return re.sub(r"[^a-z0-9]", "", _plain(text))


def words(text: str) -> str:
    """Lower-case words without accents, punctuation or emoji: "❌ Rejected!" → "rejected"."""
    return " ".join(re.findall(r"[a-z0-9]+", _plain(text)))


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


# Header names ------------------------------------------------------------------------------

# Header names (squashed) each field is guessed from; the first column that matches wins.
HEADER_NAMES: dict[Field, tuple[str, ...]] = {
    Field.COMPANY: (
        "company",
        "companyname",
        "employer",
        "employername",
        "organization",
        "organisation",
        "org",
        "firm",
    ),
    Field.ROLE_TITLE: (
        "role",
        "roletitle",
        "rolename",
        "position",
        "positiontitle",
        "jobtitle",
        "title",
        "job",
        "jobrole",
        "jobname",
    ),
    Field.DATE_APPLIED: (
        "dateapplied",
        "appliedon",
        "applieddate",
        "applied",
        "appliedat",
        "date",
        "applicationdate",
        "dateofapplication",
        "submitted",
        "submittedon",
        "datesubmitted",
    ),
    Field.STATUS: ("status", "stage", "applicationstatus", "currentstatus", "state", "progress"),
    Field.POSTING_URL: (
        "url",
        "joburl",
        "link",
        "joblink",
        "postingurl",
        "jobpostingurl",
        "posting",
        "listing",
        "listingurl",
        "joblisting",
    ),
    Field.LOCATION: ("location", "joblocation", "city", "place"),
    Field.SALARY: ("salary", "salaryrange", "pay", "payrange", "compensation", "comp", "wage"),
    Field.SOURCE: ("source", "jobsource", "foundvia", "foundon", "via", "channel", "platform"),
    Field.NOTES: ("notes", "note", "comments", "comment", "remarks"),
    Field.CONTACT: (
        "contact",
        "contactname",
        "contactperson",
        "pointofcontact",
        "recruiter",
        "recruitername",
        "hiringmanager",
        "referrer",
    ),
}
_FIELD_BY_HEADER = {name: field for field, names in HEADER_NAMES.items() for name in names}


def mapping_guess(headers: Sequence[str]) -> ColumnMapping:
    """Each field the header names suggest, at the first column that suggests it."""
    mapping: ColumnMapping = {}
    for index, header in enumerate(headers):
        field = _FIELD_BY_HEADER.get(squashed(header))
        if field is not None and field not in mapping:
            mapping[field] = index
    return mapping


# Statuses ----------------------------------------------------------------------------------

# Tried in order on the status's words: the first pattern found decides. Phrases with their own
# negation come first, so "not applied" is a wishlist item, "offer declined" a withdrawal and
# "not interested" one too; a pattern decided as None leaves the text for the user ("declined"
# alone: by whom?).
STATUS_PATTERNS: tuple[tuple[str, Status | None], ...] = (
    (r"\b(not|never|yet to|to) (yet )?(appl|submit)", Status.WISHLIST),
    (
        r"\bwithdr|\bpulled out|\boffer (declined|rejected|turned down|not accepted)"
        r"|\b(declined|rejected|turned down) (the )?offer|\b(not|no longer) interested",
        Status.WITHDRAWN,
    ),
    (r"\bdeclin", None),
    (
        r"\breject|\bnot selected|\bunsuccessful|\bnot moving forward|\bturned down"
        r"|\bnot progressed|\bdid not progress|\bno offer\b|\bnot offered|\bdenied",
        Status.REJECTED,
    ),
    (r"\bno (response|reply|answer)|\bghosted|\bnever heard|\bno news", Status.NO_RESPONSE),
    (r"\baccepted|\bhired\b|\bsigned\b", Status.ACCEPTED),
    (r"\boffer", Status.OFFER),
    (
        r"\binterview|\bon ?site\b|\btechnical\b|\bfinal round|\bpanel\b|\btake home"
        r"|\bassessment",
        Status.INTERVIEWING,
    ),
    (r"\bscreen|\bphone call|\bhr call|\brecruiter call", Status.SCREENING),
    (
        r"\bappl(ied|ication)|\bsubmitted|\bsent\b|\bunder review|\bin review|\bpending",
        Status.APPLIED,
    ),
    (r"\bwish|\bsaved\b|\bbookmark|\binterested\b|\bplanning|\bto do\b|\btodo\b", Status.WISHLIST),
)
# Words that deny what follows them in their clause: "not rejected", "no interview", "didn't
# get an interview", "never submitted".
NEGATIONS = {
    "not", "no", "never", "without", "nor", "didn", "didnt", "doesn", "doesnt", "don", "dont",
    "wasn", "wasnt", "isn", "isnt", "haven", "havent", "hasn", "hasnt", "won", "wont", "cannot",
}  # fmt: skip
NEGATION_REACH = 3  # words
# Where a negation's reach ends: "Rejected - not a fit" denies the fit, not the rejection.
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\[\]{}/|\u2013\u2014]|\s-+\s")


def status_key(text: str) -> str:
    """How two status cells are told apart: spacing and case do not count."""
    return " ".join(text.split()).casefold()


def status_match(text: str) -> Status | None:
    """The status a spreadsheet's status text means, or None when it is not clear.

    A pattern's word denied by a negation just before it in its clause ("not rejected", "no
    interview") does not count; when nothing is left that does, the text is not clear.
    """
    phrase = " ; ".join(
        clause for clause in (words(part) for part in _CLAUSE_BREAK.split(text)) if clause
    )
    if not phrase:
        return None
    for pattern, status in STATUS_PATTERNS:
        for match in re.finditer(pattern, phrase):
            if not _denied(phrase[: match.start()]):
                return status
    return None


def _denied(before: str) -> bool:
    """Whether the last words of the clause before a match hold a negation."""
    clause = before.rsplit(";", 1)[-1].split()
    recent = [word for word in clause if word != "t"][-NEGATION_REACH:]  # "didn't" → didn t
    return any(word in NEGATIONS for word in recent)


# Sources -----------------------------------------------------------------------------------

SOURCE_PATTERNS: tuple[tuple[str, Application.Source], ...] = (
    (r"\breferr|\breferral", Application.Source.REFERRAL),
    (r"\brecruit|\bagency|\bheadhunt", Application.Source.RECRUITER),
    (
        r"\blinkedin|\bindeed|\bglassdoor|\bmonster|\bziprecruiter|\bjob ?board|\bwellfound"
        r"|\bangel ?list|\botta\b|\bdice\b|\bstack ?overflow|\bstepstone|\btotaljobs|\breed\b"
        r"|\bseek\b|\bxing\b|\bjob ?site|\bjobs? portal|\bwelcome to the jungle",
        Application.Source.JOB_BOARD,
    ),
    (
        r"\bcompany (site|website|page)|\bcareers?\b|\bwebsite\b|\bdirect(ly)?\b",
        Application.Source.COMPANY_SITE,
    ),
    (
        r"\bnetwork|\bfriend|\bcolleague|\bmeetup|\bconference|\bevent\b|\balumni"
        r"|\bword of mouth",
        Application.Source.NETWORK,
    ),
)


def source_match(text: str) -> Application.Source | None:
    """The kind of source the text names, or None (the importer keeps it as "other")."""
    phrase = words(text)
    for pattern, source in SOURCE_PATTERNS:
        if re.search(pattern, phrase):
            return source
    return None


# Dates -------------------------------------------------------------------------------------


class DateUnreadable(ValueError):
    """The text is not a date, or not one that can be read only one way; the message says why."""


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs",
    "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
}  # fmt: skip
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[ap]\.?m\.?)?)?"
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME, re.IGNORECASE)
_NUMERIC = re.compile(r"(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?" + _TIME, re.IGNORECASE)


def date_parse(
    text: str, order: DateOrder | None = None, today: datetime.date | None = None
) -> datetime.date:
    """Read an ISO date or timestamp, a numeric date (day or month first), or one with a month
    name; a date without a year is the latest such day not after `today`.

    A numeric date that reads both ways (3/4/2024) needs `order`; given an order, a date that
    cannot be read in it is refused rather than read the other way.
    """
    text = text.strip()
    today = today or datetime.date.today()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _date(year, month, day, text)
    if match := _NUMERIC.fullmatch(text):
        first, second = int(match[1]), int(match[2])
        day, month = _day_and_month(first, second, order, text)
        return _with_year(match[3], month, day, text, today)
    return _named_month_date(text, today)


def _day_and_month(first: int, second: int, order: DateOrder | None, text: str) -> tuple[int, int]:
    if order == DateOrder.DMY:
        return first, second
    if order == DateOrder.MDY:
        return second, first
    if first > 12 and second > 12:
        raise DateUnreadable(f"“{text}” is not a date")
    if first > 12 >= second:
        return first, second
    if second > 12 >= first:
        return second, first
    if first == second:
        return first, second
    raise DateUnreadable(
        f"“{text}” could be {_describe(first, second)} or {_describe(second, first)}: "
        "choose day first or month first"
    )


def _describe(day: int, month: int) -> str:
    try:
        return f"{day} " + datetime.date(2000, month, day).strftime("%B")
    except ValueError:
        return f"day {day} of month {month}"


def _with_year(
    year_text: str | None, month: int, day: int, text: str, today: datetime.date
) -> datetime.date:
    if year_text is None:
        return _latest_not_after(month, day, text, today)
    year = int(year_text)
    if len(year_text) == 2:
        # "12/31/99" is 1999: a two-digit year more than a year ahead is last century's.
        year += 2000 if year + 2000 <= today.year + 1 else 1900
    return _date(year, month, day, text)


def _latest_not_after(month: int, day: int, text: str, today: datetime.date) -> datetime.date:
    """A day and month without a year: this year's, or last year's if that is still to come."""
    for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue  # 29 February of a year that has none
        if candidate <= today:
            return candidate
    raise DateUnreadable(f"“{text}” is not a date")


def _date(year: int, month: int, day: int, text: str) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise DateUnreadable(f"“{text}” is not a date") from error


def _named_month_date(text: str, today: datetime.date) -> datetime.date:
    """ "5 March 2024", "March 5th, 2024", "Tue, 5 Mar 24", "5-Mar", "Mar 5"."""
    tokens = re.findall(r"[^\W\d_]+|\d+", text.casefold())
    months = [MONTHS[token] for token in tokens if token in MONTHS]
    numbers = [token for token in tokens if token.isdecimal()]
    others = [
        token
        for token in tokens
        if token not in MONTHS
        and not token.isdecimal()
        and token not in WEEKDAYS
        and token not in ("st", "nd", "rd", "th", "of")
    ]
    if len(months) != 1 or others or not 1 <= len(numbers) <= 2:
        raise DateUnreadable(f"“{text}” is not a date Rebound can read")
    month = months[0]
    if len(numbers) == 1:
        if len(numbers[0]) > 2:
            raise DateUnreadable(f"“{text}” has no day")
        return _latest_not_after(month, int(numbers[0]), text, today)
    day_text, year_text = numbers
    if len(day_text) == 4:
        day_text, year_text = year_text, day_text
    if len(day_text) > 2 or len(year_text) not in (2, 4):
        raise DateUnreadable(f"“{text}” is not a date Rebound can read")
    return _with_year(year_text, month, int(day_text), text, today)


def date_order_evidence(values: Iterable[str]) -> DateOrder | None:
    """The order a column's numeric dates must be in, when some can only be read one way and
    none contradicts them: "25/03/2024" shows day first."""
    votes: Counter[DateOrder] = Counter()
    for value in values:
        match = _NUMERIC.fullmatch(value.strip())
        if match is None:
            continue
        first, second = int(match[1]), int(match[2])
        if first > 12 >= second:
            votes[DateOrder.DMY] += 1
        elif second > 12 >= first:
            votes[DateOrder.MDY] += 1
    if len(votes) == 1:
        return next(iter(votes))
    return None


# Salaries ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Salary:
    minimum: int | None
    maximum: int | None
    currency: str


CURRENCY_SIGNS = (
    ("CA$", "CAD"),
    ("C$", "CAD"),
    ("AU$", "AUD"),
    ("A$", "AUD"),
    ("US$", "USD"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
)
CURRENCY_CODES = {
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "INR", "SEK", "NOK", "DKK", "PLN",
    "CZK", "SGD", "HKD", "ZAR", "BRL", "MXN",
}  # fmt: skip
# A rate per hour, day, week or month is not an annual salary: only its currency is kept.
_NOT_ANNUAL = re.compile(
    r"/\s*(h|hr|hrs|hour|d|day|wk|week|mo|mth|month)\b|\bper\s+(hour|day|week|month)\b"
    r"|\b(hourly|daily|weekly|monthly|an hour|a day|p/?h)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)*)\s*([km])?(?![a-z])", re.IGNORECASE)
# What may stand between the two ends of a range: a dash or "to", and the second end's currency.
_RANGE_BETWEEN = re.compile(
    r"\s*(?:-+|\u2013|\u2014|to)\s*(?:[a-z]{0,3}\$|[€£¥₹]|[a-z]{3}\s)?\s*", re.IGNORECASE
)
# A note in parentheses without a currency sign, "(2024)", "(2 offices)": no amount of salary.
_ASIDE = re.compile(r"\([^()$€£¥₹]*\)")
_UP_TO = re.compile(r"\b(up to|max|maximum|at most)\b", re.IGNORECASE)
_AT_LEAST = re.compile(r"\b(from|min|minimum|at least)\b|\+", re.IGNORECASE)
LARGEST_SALARY = 100_000_000
SMALLEST_ANNUAL_SALARY = 1_000
_SCALE = {"k": 1_000, "m": 1_000_000, "": 1}


def salary_parse(text: str) -> Salary:
    """What can be read from salary text: "$120K-$160K" is 120,000 to 160,000 USD; "90/hr"
    gives nothing, as the salary fields hold a yearly figure.

    Two amounts make a range only when a dash or "to" joins them (the suffix of one counts
    for both: "120-160k", "120k-160"); otherwise one amount is the salary ("up to", "from",
    "min", "max" and "+" as whole words say which end), and more than one that could be a
    salary is not clear, so nothing is read (the text stays in the notes).
    """
    currency = _currency(text)
    if _NOT_ANNUAL.search(text):
        return Salary(None, None, currency)
    plain = _ASIDE.sub(" ", text)
    amounts: list[tuple[float, str, int, int]] = []  # number, suffix, start, end
    for match in _AMOUNT.finditer(plain):
        number = _number(match[1])
        if number is not None:
            amounts.append((number, (match[2] or "").lower(), match.start(), match.end()))
    for first, second in zip(amounts, amounts[1:], strict=False):
        if _RANGE_BETWEEN.fullmatch(plain[first[3] : second[2]]):
            suffix = first[1] or second[1]
            low = _annual(first[0], first[1] or suffix)
            high = _annual(second[0], second[1] or suffix)
            if low is not None and high is not None:
                low, high = sorted((low, high))
                return Salary(low, high, currency)
    values = [
        value
        for value in (_annual(number, suffix) for number, suffix, _, _ in amounts)
        if value is not None
    ]
    if len(values) != 1:
        return Salary(None, None, currency)
    if _UP_TO.search(plain):
        return Salary(None, values[0], currency)
    if _AT_LEAST.search(plain):
        return Salary(values[0], None, currency)
    return Salary(values[0], values[0], currency)


def _annual(number: float, suffix: str) -> int | None:
    if not math.isfinite(number * _SCALE[suffix]):  # 400 digits read as a float are infinite
        return None
    value = round(number * _SCALE[suffix])
    return value if SMALLEST_ANNUAL_SALARY <= value <= LARGEST_SALARY else None


def _currency(text: str) -> str:
    for match in re.finditer(r"(?<![A-Za-z])[A-Za-z]{3}(?![A-Za-z])", text):
        if match[0].upper() in CURRENCY_CODES:
            return match[0].upper()
    for sign, code in CURRENCY_SIGNS:
        if sign in text:
            return code
    return ""


def _number(text: str) -> float | None:
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))  # 120,000 or 120.000
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None
