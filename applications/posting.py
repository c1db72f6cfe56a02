"""What a job posting's page says about itself: the role and the company, guessed from its title
and its address, so that saving a posting from the job site needs no typing.

Pure functions: no database, no network. A guess that cannot be made is left blank rather than
made up; the person checks and corrects it on quick add before anything is saved.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Longest values the application's fields take.
MAX_ROLE = 200
MAX_COMPANY = 200

# Sites that list other companies' jobs: their name says nothing about the employer.
JOB_BOARD_DOMAINS = frozenset(
    {
        "linkedin",
        "indeed",
        "glassdoor",
        "monster",
        "ziprecruiter",
        "stepstone",
        "xing",
        "welcometothejungle",
        "wellfound",
        "angel",
        "otta",
        "stackoverflow",
        "dice",
        "simplyhired",
        "remoteok",
        "weworkremotely",
        "builtin",
        "hired",
        "google",
        "jobs",
        "totaljobs",
        "reed",
        "seek",
        "naukri",
        "arbeitsagentur",
    }
)

# Applicant tracking systems that name the employer in the first segment of the path.
EMPLOYER_IN_PATH_HOSTS = frozenset(
    {
        "boards.greenhouse.io",
        "job-boards.greenhouse.io",
        "boards.eu.greenhouse.io",
        "job-boards.eu.greenhouse.io",
        "jobs.lever.co",
        "jobs.eu.lever.co",
        "apply.workable.com",
        "jobs.ashbyhq.com",
        "jobs.smartrecruiters.com",
        "careers.smartrecruiters.com",
    }
)

# Applicant tracking systems that name the employer in the first label of the host.
EMPLOYER_IN_HOST_SUFFIXES = (
    ".myworkdayjobs.com",
    ".myworkdaysite.com",
    ".recruitee.com",
    ".teamtailor.com",
    ".bamboohr.com",
    ".jobs.personio.de",
    ".jobs.personio.com",
    ".breezy.hr",
    ".applytojob.com",
    ".workable.com",
    ".pinpointhq.com",
)

# An employer's own careers site: jobs.acme.com, careers.acme.com, acme.com/careers/...
CAREERS_SUBDOMAINS = frozenset({"jobs", "careers", "career", "apply", "join", "work", "talent"})
CAREERS_PATH_SEGMENTS = frozenset(
    {"careers", "career", "jobs", "job", "join-us", "joinus", "vacancies", "openings", "positions"}
)
# Second-level labels under a country code (acme.co.uk): the name is one label further left.
SECOND_LEVEL_LABELS = frozenset({"co", "com", "org", "net", "ac", "gov", "ltd", "plc"})

# Parts of a title that name the site, not the job.
SITE_NAMES = frozenset(
    {
        "linkedin",
        "indeed",
        "indeed.com",
        "glassdoor",
        "greenhouse",
        "lever",
        "workable",
        "workday",
        "ashby",
        "smartrecruiters",
        "monster",
        "ziprecruiter",
        "stepstone",
        "xing",
        "welcome to the jungle",
        "wellfound",
        "otta",
        "stack overflow",
        "personio",
        "recruitee",
        "teamtailor",
        "bamboohr",
        "careers",
        "jobs",
        "job",
        "career",
        "job details",
        "job description",
        "open positions",
    }
)

SEPARATORS = re.compile(r"\s+[-–—|·•:]\s+|\s*[|·•]\s*")
NOTIFICATION_COUNT = re.compile(r"^\(\d+\+?\)\s*")

# Whole-title shapes, tried in order on the title without its site name.
TITLE_SHAPES = [
    # Greenhouse: "Job Application for Backend Dev at Acme"
    re.compile(r"^job application for (?P<role>.+?) at (?P<company>.+)$", re.IGNORECASE),
    # LinkedIn: "Acme hiring Data Analyst in Berlin, Germany"
    re.compile(
        r"^(?P<company>[^-–—|:]+?) (?:is )?hiring (?!managers?\b)(?:an? )?(?P<role>[^|]+?)"
        r"(?: in [^|]+)?$",
        re.IGNORECASE,
    ),
    # "Careers at Acme — Product Designer", "Jobs at Acme: Product Designer"
    re.compile(
        r"^(?:careers|jobs|job openings) (?:at|@) (?P<company>.+?)\s*[-–—|:]\s*(?P<role>.+)$",
        re.IGNORECASE,
    ),
    # "Product Designer — Careers at Acme"
    re.compile(
        r"^(?P<role>.+?)\s*[-–—|:]\s*(?:careers|jobs|job openings) (?:at|@) (?P<company>.+)$",
        re.IGNORECASE,
    ),
]
# One part of a title that names the employer: "Careers at Acme", "Acme Careers", "Acme Jobs".
EMPLOYER_PART = re.compile(
    r"^(?:(?:careers|jobs|working) (?:at|@) (?P<after>.+)|(?P<before>.+?) (?:careers|jobs))$",
    re.IGNORECASE,
)
# "Backend Developer at Acme", "Backend Developer @ Acme"
ROLE_AT_COMPANY = re.compile(r"^(?P<role>.+?) (?:at|@) (?P<company>.+)$", re.IGNORECASE)
# Glassdoor and others: "... Job in Berlin", "... job at ..."
TRAILING_JOB_IN = re.compile(r"\s+jobs? in .+$", re.IGNORECASE)


@dataclass(frozen=True)
class PostingGuess:
    """The role and company a posting seems to be for; "" where no guess could be made."""

    role: str
    company: str


def _tidy(text: str, limit: int) -> str:
    return " ".join(text.split()).strip(" -–—|·•:,")[:limit].strip()


def _key(name: str) -> str:
    """A name reduced to its letters and digits, to compare "Acme Inc." with "acme-inc"."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def _name_from_slug(slug: str) -> str:
    """ "acme-corp" -> "Acme Corp"; a slug already in mixed case ("AcmeInc") is kept."""
    words = [word for word in re.split(r"[-_.+]+", slug) if word]
    if not words:
        return ""
    if slug.islower() or slug.isupper():
        return " ".join(word.capitalize() for word in words)
    return " ".join(words)


def _registrable_label(labels: list[str]) -> str:
    """The label that names the site: "acme" in jobs.acme.com and in acme.co.uk."""
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in SECOND_LEVEL_LABELS:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else ""


def company_from_address(url: str) -> str:
    """The employer an address names, if it is a careers site or an applicant tracking system;
    "" for job boards, unknown sites and anything that is not a web address."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or "." not in host or host.replace(".", "").isdigit():
        return ""
    labels = host.split(".")
    segments = [segment for segment in parts.path.split("/") if segment]
    if _registrable_label(labels) in JOB_BOARD_DOMAINS:
        return ""
    if host in EMPLOYER_IN_PATH_HOSTS:
        return _name_from_slug(segments[0]) if segments else ""
    for suffix in EMPLOYER_IN_HOST_SUFFIXES:
        if host.endswith(suffix):
            label = host.removesuffix(suffix).split(".")[0]
            return "" if label in ("www", "apply", "careers", "jobs") else _name_from_slug(label)
    if labels[0] == "www":
        labels = labels[1:]
    own_careers_site = (len(labels) >= 3 and labels[0] in CAREERS_SUBDOMAINS) or any(
        segment.lower() in CAREERS_PATH_SEGMENTS for segment in segments
    )
    if own_careers_site:
        return _name_from_slug(_registrable_label(labels))
    return ""


def _title_parts(title: str) -> list[str]:
    """The title split at its separators, without the parts that only name the site."""
    text = NOTIFICATION_COUNT.sub("", " ".join(title.split()))
    parts = [part.strip() for part in SEPARATORS.split(text)]
    return [part for part in parts if part and part.casefold() not in SITE_NAMES]


def _employer_named_in(part: str) -> str:
    match = EMPLOYER_PART.match(part)
    if not match:
        return ""
    return match["after"] or match["before"] or ""


def _guess_from_parts(parts: list[str], from_address: str) -> tuple[str, str]:
    """Role and company from a title's parts: "Role - Company", "Company - Role" when the
    address says which part is the company, or one part naming the employer ("Acme Careers")."""
    address_key = _key(from_address)
    for index, part in enumerate(parts):
        named = _employer_named_in(part)
        part_key = _key(named or part)
        matches_address = address_key and (
            part_key == address_key or (len(address_key) >= 4 and part_key.startswith(address_key))
        )
        if named or matches_address:
            others = parts[:index] or parts[index + 1 :]
            return " - ".join(others), named or part
    if len(parts) == 1:
        match = ROLE_AT_COMPANY.match(parts[0])
        return (match["role"], match["company"]) if match else (parts[0], "")
    if from_address:
        return parts[0], ""
    return parts[0], parts[1]


def guess_posting(title: str, url: str) -> PostingGuess:
    """The role and company of the posting whose page has this title and address."""
    from_address = company_from_address(url)
    parts = _title_parts(title)
    text = " - ".join(parts)
    for shape in TITLE_SHAPES:
        match = shape.match(text)
        if match:
            role, company = match["role"], match["company"]
            break
    else:
        role, company = _guess_from_parts(parts, from_address) if parts else ("", "")
    role = TRAILING_JOB_IN.sub("", role)
    company = _tidy(company, MAX_COMPANY) or from_address
    return PostingGuess(role=_tidy(role, MAX_ROLE), company=company[:MAX_COMPANY])
