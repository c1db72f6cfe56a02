"""Seed the benchmark's data: 18 months of one heavy job search ("bench") and a light second user.

The data is deterministic (random.Random(42)) relative to today, and seeding is idempotent: both
benchmark users are deleted first. Everything is written with bulk_create in one transaction.

Run on its own against a database of your choice (never the default ./data):

    REBOUND_DATA_DIR=/tmp/rebound-bench .venv/bin/python -m bench.seed --scale 0.05
"""

import argparse
import datetime
import os
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

SEED = 42
BATCH_SIZE = 1000
HISTORY_DAYS = 540  # about 18 months
BENCH_USERNAME = "bench"
BENCH_PASSWORD = "rebound-bench-password"
OTHER_USERNAME = "bench-other"

# The heavy user's row counts at --scale 1.
FULL_COUNTS = {
    "companies": 800,
    "contacts": 300,
    "applications": 5000,
    "interviews": 8000,
    "reflections": 1500,
    "feedback": 3000,
    "action_items": 300,
    "questions": 400,
}
# The second user: a little of everything, whatever the scale, so scoping is exercised.
OTHER_COUNTS = {
    "companies": 8,
    "contacts": 6,
    "applications": 40,
    "interviews": 60,
    "reflections": 8,
    "feedback": 20,
    "action_items": 6,
    "questions": 20,
}

# Text pools ---------------------------------------------------------------------------------

COMPANY_FIRST = [
    "Acme", "Blue", "Bright", "Cedar", "Cloud", "Copper", "Crystal", "Delta", "Ember", "Falcon",
    "Forge", "Granite", "Harbor", "Helix", "Indigo", "Iron", "Juniper", "Kestrel", "Lumen", "Maple",
    "Meridian", "Nimbus", "North", "Oak", "Orbit", "Pioneer", "Quartz", "Raven", "Ridge", "Sable",
    "Silver", "Solar", "Spruce", "Summit", "Tidal", "Umber", "Vertex", "Willow", "Zephyr", "Aurora",
]  # fmt: skip
COMPANY_SECOND = [
    "Analytics", "Bank", "Bio", "Capital", "Cloud", "Data", "Dynamics", "Energy", "Foods", "Games",
    "Health", "Insurance", "Labs", "Logistics", "Media", "Mobility", "Networks", "Pay", "Retail",
    "Robotics", "Security", "Software", "Systems", "Telecom", "Travel",
]  # fmt: skip
INDUSTRIES = [
    "Software", "Finance", "Healthcare", "Retail", "Logistics", "Media", "Energy", "Education",
    "Public sector", "Consulting", "Gaming", "Telecommunications",
]  # fmt: skip
FIRST_NAMES = [
    "Alex", "Sam", "Jordan", "Priya", "Chen", "Fatima", "Lucas", "Maria", "Noah", "Olga", "Tomás",
    "Yuki", "Aisha", "Ben", "Clara", "David", "Elif", "Hannah", "Ivan", "Jonas",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "García", "Müller", "Nguyen", "Okafor", "Rossi", "Kowalski", "Andersson", "Patel",
    "Dubois", "Kim", "Silva", "Novak", "Jansen", "Costa", "Ahmed", "Berg", "Fischer",
]  # fmt: skip
ROLE_LEVELS = ["", "Junior ", "Senior ", "Lead ", "Staff ", "Principal "]
ROLE_NAMES = [
    "Backend Engineer", "Frontend Engineer", "Full-Stack Developer", "Python Developer",
    "Data Engineer", "Data Analyst", "Data Scientist", "DevOps Engineer",
    "Site Reliability Engineer", "Platform Engineer", "Machine Learning Engineer",
    "Software Engineer", "QA Engineer", "Engineering Manager", "Product Manager",
    "Solutions Architect", "Security Engineer", "Mobile Developer", "Database Administrator",
    "Technical Writer",
]  # fmt: skip
LOCATIONS = [
    "Berlin", "London", "Amsterdam", "Paris", "Lisbon", "Madrid", "Vienna", "Zurich", "Dublin",
    "Stockholm", "Warsaw", "Munich", "Remote (EU)", "Barcelona", "Copenhagen",
]  # fmt: skip
REQUIREMENTS = [
    "5+ years of professional Python experience", "Experience with Django or Flask",
    "Strong SQL and PostgreSQL knowledge", "Kubernetes in production", "AWS or GCP experience",
    "Degree in Computer Science or similar", "Experience with React and TypeScript",
    "Fluent English", "Fluent German", "CI/CD pipelines (GitHub Actions, GitLab CI)",
    "Terraform or other infrastructure as code", "Experience leading a team",
    "Agile or Scrum experience", "Kafka or other event streaming", "Test-driven development",
    "Microservice architecture", "Data modelling", "Experience with Airflow or dbt",
    "Machine learning in production", "Observability (Prometheus, Grafana)",
    "Security best practices (OWASP)", "REST and GraphQL API design", "Go or Rust",
    "Stakeholder management", "Mentoring junior engineers", "Linux systems administration",
    "Experience in a regulated industry", "Startup experience", "Excellent written communication",
    "Cloud certification (AWS, Azure or GCP)", "Experience with Spark",
    "Mobile development (iOS or Android)", "Performance tuning", "Domain-driven design",
    "Product mindset", "On-call experience",
]  # fmt: skip
DESCRIPTION_SENTENCES = [
    "You will join a cross-functional team building the core of our platform.",
    "We ship small changes many times a day and care about code review.",
    "Our stack is mostly Python and PostgreSQL, deployed on Kubernetes.",
    "You will work closely with product and design to shape new features.",
    "We value clear writing, kindness and ownership.",
    "The team is distributed across three time zones.",
    "You will own services end to end, from design to on-call.",
    "We offer a learning budget, flexible hours and 30 days of holiday.",
    "Our customers are small businesses across Europe.",
    "The role reports to the head of engineering.",
    "You will help us scale from one million to ten million users.",
    "We are a profitable company of about 200 people.",
]
WITHDRAWN_REASONS = [
    "Took another offer.",
    "The role changed after the first call.",
    "Salary range too low for me.",
    "Relocation was required after all.",
    "",
]
REJECTION_REASONS = [
    "We went with a candidate with more experience in the domain.",
    "Another candidate's technical skills were a closer match.",
    "We decided to fill the role with an internal candidate.",
    "The position was put on hold because of a budget freeze.",
    "Your salary expectations were above our range.",
    "We were looking for a stronger culture fit with the team.",
    "We felt your communication in the panel could have been clearer.",
    "The headcount for this role was cut.",
    "We needed someone with a relevant degree or certification.",
    "Other candidates had prepared more thoroughly for the case study.",
    "We were not confident enough in your answers to the system design questions.",
]
THEME_PHRASES = {
    "experience": [
        "They wanted more hands-on experience at this level.",
        "Another candidate had more years in the industry.",
    ],
    "skills": [
        "The technical exercise showed gaps in testing.",
        "They were looking for deeper knowledge of distributed systems.",
    ],
    "qualifications": ["They preferred a candidate with a formal certification."],
    "culture_fit": ["They felt the team's way of working would not suit me."],
    "communication": [
        "My answers were too long and lacked structure.",
        "They wanted clearer explanations of trade-offs.",
    ],
    "preparation": ["I could have known more about their product and customers."],
    "confidence": ["I came across as unsure about my own achievements."],
    "salary": ["My expectations were above their budget for the role."],
    "internal_candidate": ["They hired someone from inside the company."],
    "budget": ["The role was frozen after a change in funding."],
    "other": ["The timing did not work out on their side."],
}
THEME_WEIGHTS = {
    "experience": 30,
    "skills": 22,
    "qualifications": 8,
    "culture_fit": 10,
    "communication": 14,
    "preparation": 9,
    "confidence": 8,
    "salary": 6,
    "internal_candidate": 5,
    "budget": 5,
    "other": 4,
}
BEHAVIOURAL_ENDINGS = [
    "disagreed with your manager", "missed a deadline", "had to learn something quickly",
    "led a project without authority", "dealt with a difficult stakeholder",
    "made a mistake in production", "improved a process", "mentored a colleague",
    "handled competing priorities", "received hard feedback", "changed your mind",
    "worked with an underperforming teammate", "simplified a complex system",
    "took a calculated risk", "resolved a conflict in your team", "pushed back on a requirement",
    "delivered with incomplete information", "failed and what you learned", "owned an incident",
    "convinced others to adopt your idea", "went beyond your role", "balanced quality and speed",
    "had to say no to a customer", "onboarded into a new codebase", "cut scope to ship on time",
    "worked under pressure", "automated a manual task", "disagreed with a product decision",
    "had to give hard feedback", "joined a team in trouble", "reduced costs",
    "improved the reliability of a service", "worked with a remote team",
    "handled an angry customer", "had too much work", "were wrong about a technical choice",
]  # fmt: skip
BEHAVIOURAL_OPENINGS = [
    "Tell me about a time you {}.",
    "Describe a situation where you {}.",
    "Give an example of when you {}.",
    "Walk me through a time you {}.",
    "How did you handle it when you {}?",
    "What did you learn when you {}?",
]
DESIGN_SUBJECTS = [
    "a URL shortener", "a rate limiter", "a chat service", "a news feed", "a job queue",
    "a payment system", "a notification service", "a search autocomplete", "a file sync service",
    "a ride-hailing dispatcher", "a metrics pipeline", "an online bookshop", "a booking system",
    "a leaderboard", "a web crawler", "a feature-flag service", "a recommendation engine",
    "an audit log", "a multi-tenant SaaS database", "an API gateway",
]  # fmt: skip
TECHNICAL_OPENINGS = [
    "How would you design {}?",
    "How would you scale {}?",
    "How would you test {}?",
    "What would you monitor in {}?",
    "What are the main risks in building {}?",
    "Which database would you choose for {}?",
    "How would you secure {}?",
]
CONCEPTS = [
    "database indexing", "the CAP theorem", "eventual consistency", "Python's GIL",
    "SQL isolation levels", "a hash map's complexity", "garbage collection", "HTTP caching",
    "OAuth 2", "idempotency in APIs", "the difference between processes and threads", "a B-tree",
    "consistent hashing", "connection pooling", "async IO in Python",
]  # fmt: skip
MOTIVATIONAL = [
    "Why do you want this job?",
    "Why should we hire you?",
    "Where do you see yourself in five years?",
    "Why are you leaving your current role?",
    "What motivates you at work?",
    "What are your salary expectations?",
    "What is your greatest strength?",
    "What is your greatest weakness?",
    "What kind of team do you work best in?",
    "What would your last manager say about you?",
]
COMPANY_QUESTIONS = [
    "What do you know about our company?",
    "What do you think of our product?",
    "Who do you think our competitors are?",
    "What would you change about our app?",
    "How does our mission fit your goals?",
]
WENT_WELL_LINES = [
    "Rapport with the hiring manager", "The system design discussion",
    "My questions about the team", "Explaining my last project", "Staying calm in the live coding",
    "Salary conversation", "Examples from my current role", "Arrived early and prepared",
]  # fmt: skip
TO_IMPROVE_LINES = [
    "Shorter, structured answers (STAR)", "Practise live coding out loud",
    "Research the product more", "Prepare questions for each interviewer",
    "Talk about impact in numbers", "Slow down when nervous", "Brush up on SQL",
    "Explain trade-offs explicitly",
]  # fmt: skip
SKILLS_TO_ACQUIRE = [
    "Kubernetes (CKA)", "AWS Solutions Architect", "System design practice", "TypeScript",
    "Terraform", "German B2", "Leadership course", "Statistics refresher", "Go", "dbt",
]  # fmt: skip
TEXT_ANSWERS = {
    "fit_culture_concerns": [
        "The team seemed to work long hours.",
        "Scope felt narrower than the posting said.",
        "Very hierarchical decision making.",
    ],
    "cv_over_or_under_stated": [
        "My CV oversold the Kubernetes experience.",
        "They thought I was over-qualified.",
        "It matched well.",
    ],
    "feedback_summary": [
        "More depth in system design expected.",
        "Good culture fit, but not enough domain experience.",
        "Answers lacked concrete examples.",
    ],
    "feedback_comparison": [
        "The chosen candidate had worked in fintech before.",
        "Others had led larger teams.",
        "They did not say.",
    ],
    "proud_of": [
        "I explained my migration project clearly.",
        "I stayed calm in a tough panel.",
        "I got to the final round.",
    ],
    "plan_still_right": [
        "Yes, but aim one level lower for now.",
        "Consider data engineering roles too.",
        "Still right.",
    ],
    "next_focus": [
        "Practise system design weekly.",
        "Prepare five STAR stories.",
        "Get the AWS certification.",
        "Rewrite my CV summary.",
    ],
}
GENERIC_TEXTS = ["Nothing in particular.", "See my notes.", "Need to think about this more."]
ACTION_TITLES = [
    "Practise STAR answers for conflict questions", "Do two system design mock interviews",
    "Book the AWS certification exam", "Rewrite the CV summary",
    "Ask a friend for a mock interview", "Research the next company's product in depth",
    "Prepare questions for the interviewers", "Review SQL window functions",
    "Update LinkedIn with recent projects", "Send thank-you notes within 24 hours",
    "Read a book on distributed systems", "Practise live coding out loud",
    "Quantify achievements on the CV", "Contact former colleagues for referrals",
    "Prepare a 2-minute pitch", "Test the video setup before calls",
]  # fmt: skip
DEBRIEF_NOTES = [
    "Friendly panel, ran out of time on the last question.",
    "The interviewer was distracted; hard to read.",
    "Good conversation about the team's roadmap.",
    "Struggled with the coding part, recovered in the discussion.",
    "",
]
PREPARATION_NOTES = [
    "Read the engineering blog; prepare the migration story.",
    "Review their API docs and pricing page.",
    "",
]

STAGE_SCREENS = ["recruiter_screen", "phone_screen"]
STAGE_LATER = ["technical", "skills_test", "panel", "on_site", "final"]


@dataclass
class ApplicationPlan:
    """One application with everything that happens to it, before anything is written."""

    application: Any
    days_ago: int
    reached: str
    ended: bool
    interview_count: int
    steps: list[Any] = field(default_factory=list)
    interviews: list[Any] = field(default_factory=list)
    outcome: Any = None


@dataclass
class SeedSummary:
    counts: dict[str, int]
    other_counts: dict[str, int]
    seconds: float

    def line(self) -> str:
        parts = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        other = sum(self.other_counts.values())
        return (
            f"seeded {BENCH_USERNAME!r}: {parts}; {OTHER_USERNAME!r}: {other} rows; "
            f"in {self.seconds:.1f} s"
        )


def scaled_counts(scale: float) -> dict[str, int]:
    return {name: max(1, round(count * scale)) for name, count in FULL_COUNTS.items()}


@contextmanager
def historical_timestamps() -> Iterator[None]:
    """Let auto_now / auto_now_add fields take the seeded (past) values instead of now."""
    from django.apps import apps

    switched = []
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            if getattr(model_field, "auto_now", False) or getattr(
                model_field, "auto_now_add", False
            ):
                switched.append((model_field, model_field.auto_now, model_field.auto_now_add))
                model_field.auto_now = model_field.auto_now_add = False
    try:
        yield
    finally:
        for model_field, auto_now, auto_now_add in switched:
            model_field.auto_now, model_field.auto_now_add = auto_now, auto_now_add


def bulk_insert(model: Any, objects: list[Any]) -> list[Any]:
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def at_time_of_day(
    day: datetime.date, rng: random.Random, first_hour: int = 8
) -> datetime.datetime:
    moment = datetime.datetime.combine(
        day, datetime.time(rng.randint(first_hour, 17), rng.randrange(60))
    )
    return moment.replace(tzinfo=datetime.UTC)


def days(low: float, high: float, rng: random.Random) -> datetime.timedelta:
    return datetime.timedelta(days=rng.uniform(low, high))


def clamp(moment: datetime.datetime, now: datetime.datetime) -> datetime.datetime:
    return min(moment, now)


def stamped(obj: Any, created: datetime.datetime, updated: datetime.datetime | None = None) -> Any:
    obj.created_at = created
    obj.updated_at = updated or created
    return obj


def weighted_pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def distinct_sample(
    rng: random.Random, population: list[Any], weights: list[float], k: int
) -> list[Any]:
    chosen = rng.choices(population, weights=weights, k=k)
    return list(dict.fromkeys(chosen))


# Users and the directory ---------------------------------------------------------------------


def create_user(username: str, *, usable_password: bool) -> Any:
    from accounts.models import User

    user = User(username=username, email=f"{username}@example.com")
    if usable_password:
        user.set_password(BENCH_PASSWORD)
    else:
        user.set_unusable_password()
    user.save()
    return user


def plan_companies(user: Any, count: int, rng: random.Random, now: datetime.datetime) -> list[Any]:
    from applications.models import Company

    names = [f"{first} {second}" for first in COMPANY_FIRST for second in COMPANY_SECOND]
    rng.shuffle(names)
    while len(names) < count:  # more than the pool: number the extra ones
        names.append(f"{names[len(names) % 1000]} {len(names)}")
    companies = []
    for name in names[:count]:
        created = now - days(30, HISTORY_DAYS + 30, rng)
        company = Company(
            user=user,
            name=name,
            website=f"https://{name.lower().replace(' ', '-')}.example.com"
            if rng.random() < 0.7
            else "",
            industry=rng.choice(INDUSTRIES),
            notes="Met them at a meetup." if rng.random() < 0.1 else "",
        )
        companies.append(stamped(company, created))
    return companies


def plan_contacts(
    user: Any, companies: list[Any], count: int, rng: random.Random, now: datetime.datetime
) -> list[Any]:
    from applications.models import Contact

    roles = {"recruiter": 35, "hiring_manager": 20, "interviewer": 30, "referrer": 12, "other": 3}
    contacts = []
    for number in range(count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        contact = Contact(
            user=user,
            name=name,
            role=weighted_pick(rng, roles),
            company=rng.choice(companies) if rng.random() < 0.9 else None,
            email=f"contact{number}@example.com" if rng.random() < 0.6 else "",
        )
        contacts.append(stamped(contact, now - days(0, HISTORY_DAYS, rng)))
    return contacts


# Applications and their history ------------------------------------------------------------------


def choose_reached(days_ago: int, rng: random.Random) -> str:
    """How far an application got through the pipeline; recent ones have not got far yet."""
    if days_ago < 10:
        return "wishlist" if rng.random() < 0.2 else "applied"
    if days_ago < 30:
        return weighted_pick(rng, {"applied": 65, "screening": 20, "interviewing": 15})
    return weighted_pick(rng, {"applied": 48, "screening": 22, "interviewing": 24, "offer": 6})


def chance_ended(days_ago: int) -> float:
    if days_ago > 60:
        return 0.92
    if days_ago > 30:
        return 0.7
    if days_ago > 10:
        return 0.35
    return 0.05


def first_interview_count(reached: str, rng: random.Random) -> int:
    if reached == "screening":
        return 1 if rng.random() < 0.7 else 2
    if reached == "interviewing":
        return rng.randint(2, 6)
    if reached == "offer":
        return rng.randint(4, 7)
    return 0


def match_interview_total(plans: list[ApplicationPlan], target: int, rng: random.Random) -> None:
    """Nudge the interview counts of interviewing applications until they add up to the target."""
    adjustable = [plan for plan in plans if plan.reached in ("interviewing", "offer")]
    total = sum(plan.interview_count for plan in plans)
    for _ in range(target * 20):
        if total == target or not adjustable:
            return
        plan = rng.choice(adjustable)
        if total < target and plan.interview_count < 10:
            plan.interview_count += 1
            total += 1
        elif total > target and plan.interview_count > 2:
            plan.interview_count -= 1
            total -= 1


def interview_stages(plan: ApplicationPlan, rng: random.Random) -> list[str]:
    count = plan.interview_count
    if plan.reached == "screening":
        return STAGE_SCREENS[:count] if count > 1 else [rng.choice(STAGE_SCREENS)]
    later_count = count - 1
    picked = sorted(rng.sample(range(len(STAGE_LATER)), min(later_count, len(STAGE_LATER))))
    later = ["technical"] * (later_count - len(picked)) + [STAGE_LATER[i] for i in picked]
    if plan.reached == "offer" and later and later[-1] != "final":
        later[-1] = "final"
    return [rng.choice(STAGE_SCREENS), *later]


def final_status(plan: ApplicationPlan, rng: random.Random) -> str:
    if not plan.ended:
        return plan.reached
    if plan.reached == "offer":
        return weighted_pick(rng, {"accepted": 60, "withdrawn": 40})
    if plan.reached == "applied":
        return weighted_pick(rng, {"rejected": 50, "no_response": 45, "withdrawn": 5})
    return weighted_pick(rng, {"rejected": 80, "withdrawn": 12, "no_response": 8})


def plan_applications(
    user: Any,
    companies: list[Any],
    contacts: list[Any],
    counts: dict[str, int],
    rng: random.Random,
    now: datetime.datetime,
) -> list[ApplicationPlan]:
    from applications.models import Application

    today = now.date()
    # A few companies get many applications, most get one or two.
    company_weights = [1 / (rank + 1) ** 0.6 for rank in range(len(companies))]
    referrers = [contact for contact in contacts if contact.role == "referrer"] or contacts
    sources = {
        "job_board": 40,
        "company_site": 20,
        "referral": 10,
        "recruiter": 15,
        "network": 9,
        "other": 3,
        "": 3,
    }
    plans = []
    for _ in range(counts["applications"]):
        days_ago = rng.randrange(HISTORY_DAYS)
        reached = choose_reached(days_ago, rng)
        source = weighted_pick(rng, sources)
        salary_min = rng.randrange(40, 110, 5) * 1000 if rng.random() < 0.5 else None
        application = Application(
            user=user,
            company=rng.choices(companies, weights=company_weights)[0],
            role_title=rng.choice(ROLE_LEVELS) + rng.choice(ROLE_NAMES),
            posting_url="https://jobs.example.com/posting/" + str(rng.randrange(10**6))
            if rng.random() < 0.8
            else "",
            job_description=" ".join(rng.sample(DESCRIPTION_SENTENCES, rng.randint(3, 8))),
            requirements="\n".join(rng.sample(REQUIREMENTS, rng.randint(3, 7))),
            location=rng.choice(LOCATIONS),
            work_mode=rng.choice(["on_site", "hybrid", "remote", ""]),
            salary_min=salary_min,
            salary_max=salary_min + rng.randrange(5, 30, 5) * 1000 if salary_min else None,
            salary_currency="EUR" if salary_min else "",
            source=source,
            referrer=rng.choice(referrers) if source == "referral" and referrers else None,
            date_applied=None if reached == "wishlist" else today - datetime.timedelta(days_ago),
            interest=rng.choice([None, 1, 2, 3, 3, 4, 4, 5]),
            notes="Follow up with the recruiter." if rng.random() < 0.1 else "",
        )
        ended = reached != "wishlist" and rng.random() < chance_ended(days_ago)
        interview_count = first_interview_count(reached, rng)
        plans.append(ApplicationPlan(application, days_ago, reached, ended, interview_count))
    match_interview_total(plans, counts["interviews"], rng)
    return plans


def build_history(plan: ApplicationPlan, rng: random.Random, now: datetime.datetime) -> None:
    """The application's status steps, interviews and outcome, in order and never past now
    (except an upcoming interview or two of an open application)."""
    from applications.models import Outcome, StatusChange

    application = plan.application
    status = final_status(plan, rng)
    start = at_time_of_day(now.date() - datetime.timedelta(plan.days_ago), rng)
    # Offsets from the start of each event: (kind, value).
    events: list[tuple[datetime.timedelta, str, str]] = []
    if plan.reached == "wishlist":
        events.append((datetime.timedelta(0), "status", "wishlist"))
    else:
        if rng.random() < 0.08:
            events.append((-days(1, 10, rng), "status", "wishlist"))
        events.append((datetime.timedelta(0), "status", "applied"))
    offset = datetime.timedelta(0)
    stages = interview_stages(plan, rng) if plan.interview_count else []
    if stages:
        offset += days(2, 14, rng)
        events.append((offset, "status", "screening"))
        for position, stage in enumerate(stages):
            offset += days(1, 6, rng) if position == 0 else days(3, 10, rng)
            events.append((offset, "interview", stage))
            if position == 0 and plan.reached in ("interviewing", "offer"):
                events.append((offset + days(0.5, 2, rng), "status", "interviewing"))
    if plan.reached == "offer":
        offset += days(2, 10, rng)
        events.append((offset, "status", "offer"))
    if plan.ended and status != "offer":
        offset += days(25, 45, rng) if status == "no_response" else days(2, 21, rng)
        events.append((offset, "status", status))
    events.sort(key=lambda event: event[0])

    # Squeeze the history into the time since the start; an open application may keep its
    # last interview in the coming two weeks.
    upcoming = None
    if (
        not plan.ended
        and events[-1][1] == "interview"
        and plan.reached in ("screening", "interviewing")
        and rng.random() < 0.35
    ):
        upcoming = events.pop()
    available = max(now - start, datetime.timedelta(hours=1))
    span = events[-1][0]
    if span > available * 0.97:
        factor = (available * 0.95) / span
        events = [(event_offset * factor, kind, value) for event_offset, kind, value in events]
    timeline = [(start + event_offset, kind, value) for event_offset, kind, value in events]
    if upcoming is not None:
        timeline.append((now + days(0.5, 14, rng), upcoming[1], upcoming[2]))

    previous = ""
    last_past = start
    for moment, kind, value in timeline:
        if kind == "status":
            plan.steps.append(
                StatusChange(
                    application=application,
                    from_status=previous,
                    to_status=value,
                    changed_at=moment,
                )
            )
            previous = value
        else:
            plan.interviews.append(plan_interview(application, value, moment, plan, rng, now))
        if moment <= now:
            last_past = moment
    application.status = previous
    created = timeline[0][0]
    stamped(application, created, last_past)
    application.archived = plan.ended and plan.days_ago > 120 and rng.random() < 0.3

    if status in ("rejected", "withdrawn", "no_response", "accepted", "offer") and (
        plan.ended or status == "offer"
    ):
        decided = last_past
        last_stage = next(
            (
                interview.stage
                for interview in reversed(plan.interviews)
                if interview.scheduled_at <= now
            ),
            "application",
        )
        result = "offer" if status in ("accepted", "offer") else status
        if status == "accepted":
            decided = next(step.changed_at for step in plan.steps if step.to_status == "offer")
        reason = ""
        if result == "rejected" and rng.random() < 0.6:
            reason = rng.choice(REJECTION_REASONS)
        elif result == "withdrawn":
            reason = rng.choice(WITHDRAWN_REASONS)
        plan.outcome = stamped(
            Outcome(
                application=application,
                result=result,
                decided_on=decided.date(),
                stage_reached=last_stage,
                reason=reason,
            ),
            decided,
        )


def plan_interview(
    application: Any,
    stage: str,
    moment: datetime.datetime,
    plan: ApplicationPlan,
    rng: random.Random,
    now: datetime.datetime,
) -> Any:
    from applications.models import Interview

    interview = Interview(
        application=application,
        stage=stage,
        scheduled_at=moment,
        duration_minutes=rng.choice([30, 45, 45, 60, 60, 90, None]),
        format=weighted_pick(rng, {"video": 60, "phone": 20, "in_person": 20}),
        preparation_notes=rng.choice(PREPARATION_NOTES),
    )
    created = clamp(moment - days(2, 10, rng), now)
    updated = created
    if moment <= now and rng.random() < 0.85:
        centre = 4.0 if plan.reached == "offer" else 3.2
        interview.rating = min(5, max(1, round(rng.gauss(centre, 1.0))))
        interview.debrief_notes = rng.choice(DEBRIEF_NOTES)
        updated = clamp(moment + days(0.05, 2, rng), now)
        if rng.random() < 0.5:
            interview.thank_you_sent_on = clamp(moment + days(0, 1.5, rng), now).date()
    return stamped(interview, created, updated)


# The question bank ------------------------------------------------------------------------------


def question_texts(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Distinct interview questions, each with its category."""
    behavioural = [
        opening.format(end) for opening in BEHAVIOURAL_OPENINGS for end in BEHAVIOURAL_ENDINGS
    ]
    technical = [
        opening.format(subject) for opening in TECHNICAL_OPENINGS for subject in DESIGN_SUBJECTS
    ]
    technical += [f"Explain {concept}." for concept in CONCEPTS]
    technical += [f"How would you explain {concept} to a junior colleague?" for concept in CONCEPTS]
    technical += [f"When does {concept} matter in practice?" for concept in CONCEPTS]
    texts = [(text, "behavioural") for text in behavioural]
    texts += [(text, "technical") for text in technical]
    texts += [(text, "motivational") for text in MOTIVATIONAL]
    texts += [(text, "company") for text in COMPANY_QUESTIONS]
    rng.shuffle(texts)
    for number in range(len(texts), count):  # more than the pool: numbered variants
        text, category = texts[number % 300]
        texts.append((f"{text.rstrip('?.')} (variant {number})?", category))
    return texts[:count]


@dataclass
class QuestionBank:
    texts: list[str]
    categories: list[str]
    weights: list[float]
    first_asked: dict[int, datetime.datetime] = field(default_factory=dict)
    asked_in_interviews: list[tuple[int, Any]] = field(default_factory=list)
    asked_in_reflections: list[tuple[int, Any]] = field(default_factory=list)

    def pick(self, rng: random.Random, low: int, high: int) -> list[int]:
        indexes = list(range(len(self.texts)))
        return distinct_sample(rng, indexes, self.weights, rng.randint(low, high))

    def note_asked(self, index: int, moment: datetime.datetime) -> None:
        if index not in self.first_asked or moment < self.first_asked[index]:
            self.first_asked[index] = moment


def add_debrief_questions(
    plans: list[ApplicationPlan], bank: QuestionBank, rng: random.Random
) -> None:
    for plan in plans:
        for interview in plan.interviews:
            if interview.rating is None or rng.random() < 0.3:
                continue
            indexes = bank.pick(rng, 1, 4)
            interview.questions = "\n".join(bank.texts[index] for index in indexes)
            for index in indexes:
                bank.note_asked(index, interview.scheduled_at)
                bank.asked_in_interviews.append((index, interview))


def plan_questions(
    user: Any, bank: QuestionBank, rng: random.Random, now: datetime.datetime
) -> list[Any]:
    from reflections.models import Question

    questions = []
    for index, (text, category) in enumerate(zip(bank.texts, bank.categories, strict=True)):
        created = bank.first_asked.get(index) or now - days(0, HISTORY_DAYS, rng)
        question = Question(user=user, text=text, category=category)
        if rng.random() < 0.55:
            question.confidence = rng.randint(1, 5)
            question.last_practised_at = clamp(created + days(0, 60, rng), now)
        if rng.random() < 0.3:
            question.answer_draft = "Situation, task, action, result: the payment migration."
        questions.append(stamped(question, created, question.last_practised_at or created))
    return questions


# Feedback ----------------------------------------------------------------------------------------


def plan_feedback(
    plans: list[ApplicationPlan], count: int, rng: random.Random, now: datetime.datetime
) -> list[tuple[Any, list[str]]]:
    from applications.models import Feedback

    today = now.date()
    candidates, weights = [], []
    for plan in plans:
        has_past_interview = any(interview.scheduled_at <= now for interview in plan.interviews)
        if plan.application.status == "rejected":
            candidates.append(plan)
            weights.append(4 if has_past_interview else 1)
        elif has_past_interview:
            candidates.append(plan)
            weights.append(1)
    if not candidates:
        return []
    themes = list(THEME_WEIGHTS)
    theme_weights = list(THEME_WEIGHTS.values())
    planned = []
    for plan in rng.choices(candidates, weights=weights, k=count):
        past = [interview for interview in plan.interviews if interview.scheduled_at <= now]
        anchor = plan.outcome.decided_on if plan.outcome else past[-1].scheduled_at.date()
        requested = None
        if rng.random() < 0.2:
            received = anchor + datetime.timedelta(rng.randint(0, 5))
        else:
            requested = min(anchor + datetime.timedelta(rng.randint(0, 3)), today)
            received = requested + datetime.timedelta(rng.randint(1, 14))
            if rng.random() < 0.2:
                received = None
        if received is not None:
            received = min(received, today)
        chosen = distinct_sample(rng, themes, theme_weights, rng.randint(1, 3))
        content = " ".join(rng.choice(THEME_PHRASES[theme]) for theme in chosen)
        feedback = Feedback(
            application=plan.application,
            interview=past[-1] if past and rng.random() < 0.7 else None,
            requested_on=requested,
            received_on=received,
            channel=weighted_pick(rng, {"email": 55, "phone": 25, "recruiter": 15, "other": 5}),
            from_whom=rng.choice(["Recruiter", "Hiring manager", "Talent partner", ""]),
            content=content if received else "",
            tags=rng.choice(["", "", "useful", "actionable, interview", "vague"]),
        )
        created = clamp(at_time_of_day(received or requested, rng), now)
        planned.append((stamped(feedback, created), chosen if received else []))
    return planned


# Reflections -------------------------------------------------------------------------------------


def answer_weights(rng: random.Random) -> dict[str, dict[str, float]]:
    """Per checklist item, how often each answer comes up: some items are this user's weak spots."""
    from reflections import checklist

    not_applicable = {"prep_video_ready": 0.3, "prep_dress_code": 0.25, "perf_skills_test": 0.4}
    played_a_part = {
        "outside_internal_candidate": 0.15,
        "outside_budget": 0.1,
        "outside_panel": 0.2,
        "outside_more_experienced": 0.4,
        "outside_first_impression": 0.1,
    }
    weights = {}
    for item in checklist.items_by_key().values():
        if item.kind == checklist.ItemKind.ASSESSMENT:
            n_a = not_applicable.get(item.key, 0.05)
            needs_work = rng.uniform(0.1, 0.55)
            weights[item.key] = {
                "went_well": max(0.05, 1 - n_a - needs_work),
                "needs_work": needs_work,
                "not_applicable": n_a,
            }
        elif item.kind == checklist.ItemKind.FACTOR:
            part = played_a_part.get(item.key, 0.25)
            weights[item.key] = {"played_a_part": part, "not_sure": 0.2, "did_not": 0.8 - part}
        elif item.kind == checklist.ItemKind.STEP:
            weights[item.key] = {"done": 0.5, "to_do": 0.3, "not_applicable": 0.2}
    return weights


def plan_answer(
    reflection: Any,
    section_key: str,
    item: Any,
    weights: dict[str, dict[str, float]],
    bank: QuestionBank,
    saved_at: datetime.datetime,
    rng: random.Random,
) -> Any:
    from reflections.checklist import ItemKind
    from reflections.models import ReflectionAnswer

    answer = ReflectionAnswer(
        reflection=reflection, section_key=section_key, item_key=item.key, updated_at=saved_at
    )
    if item.kind == ItemKind.RATING:
        answer.rating = rng.choices([1, 2, 3, 4, 5], weights=[10, 20, 30, 25, 15])[0]
    elif item.kind == ItemKind.TEXT:
        if rng.random() < 0.7:
            answer.text = rng.choice(TEXT_ANSWERS.get(item.key, GENERIC_TEXTS))
    elif item.kind == ItemKind.LIST:
        if rng.random() < 0.8:
            if item.key == "perf_struggled_questions":
                indexes = bank.pick(rng, 1, 3)
                lines = [bank.texts[index] for index in indexes]
                for index in indexes:
                    bank.note_asked(index, saved_at)
                    bank.asked_in_reflections.append((index, reflection))
            else:
                pool = {"skills_to_acquire": SKILLS_TO_ACQUIRE, "went_well": WENT_WELL_LINES}
                lines = rng.sample(pool.get(item.key, TO_IMPROVE_LINES), rng.randint(1, 3))
            answer.text = "\n".join(lines)
    elif item.key in weights:
        answer.choice = weighted_pick(rng, weights[item.key])
    elif item.choices:  # a kind (or an item of another checklist version) with no weights here
        answer.choice = rng.choice(item.choices)[0]
    return answer


@dataclass
class ReflectionRows:
    reflections: list[Any] = field(default_factory=list)
    answers: list[Any] = field(default_factory=list)
    section_saves: list[Any] = field(default_factory=list)
    requirement_checks: list[Any] = field(default_factory=list)


def plan_reflections(
    user: Any,
    plans: list[ApplicationPlan],
    count: int,
    bank: QuestionBank,
    rng: random.Random,
    now: datetime.datetime,
) -> ReflectionRows:
    from reflections import checklist
    from reflections.checklist import ItemKind
    from reflections.models import Reflection, RequirementCheck, SectionSave

    rejected = [plan for plan in plans if plan.application.status == "rejected" and plan.outcome]
    # Weighted sampling without replacement: rejections after interviews are reflected on more.
    keyed = sorted(
        rejected,
        key=lambda plan: rng.random() ** (1 / (3 if plan.interviews else 1)),
        reverse=True,
    )
    weights = answer_weights(rng)
    sections = checklist.sections()
    rows = ReflectionRows()
    for plan in keyed[:count]:
        decided = plan.outcome.created_at
        created = clamp(decided + days(0.05, 5, rng), now)
        finished = rng.random() < 0.75
        reflection = Reflection(
            user=user,
            application=plan.application,
            trigger="rejection",
            checklist_version=checklist.CURRENT_VERSION,
        )
        section_count = rng.randint(6, len(sections)) if finished else rng.randint(1, 5)
        chosen = sorted(rng.sample(range(len(sections)), section_count))
        saved_at = created
        saved_keys = set()
        for position in chosen:
            section = sections[position]
            saved_at = clamp(saved_at + datetime.timedelta(minutes=rng.randint(1, 20)), now)
            saved_keys.add(section.key)
            rows.section_saves.append(
                SectionSave(reflection=reflection, section_key=section.key, saved_at=saved_at)
            )
            for item in section.items:
                if item.kind != ItemKind.REQUIREMENTS:
                    rows.answers.append(
                        plan_answer(reflection, section.key, item, weights, bank, saved_at, rng)
                    )
        for position, line in enumerate(plan.application.requirement_lines()):
            verdict = ""
            if "qualifications" in saved_keys:
                verdict = weighted_pick(rng, {"met": 50, "partly": 25, "missing": 25})
            rows.requirement_checks.append(
                RequirementCheck(
                    reflection=reflection,
                    requirement=line[:500],
                    verdict=verdict,
                    position=position,
                )
            )
        if finished:
            reflection.finished_at = clamp(saved_at + days(0, 2, rng), now)
        rows.reflections.append(stamped(reflection, created, reflection.finished_at or saved_at))
    return rows


def plan_action_items(
    user: Any, reflections: list[Any], count: int, rng: random.Random, now: datetime.datetime
) -> list[Any]:
    from reflections.models import ActionItem

    items = []
    for number in range(count):
        reflection = rng.choice(reflections) if reflections and rng.random() < 0.7 else None
        created = (
            clamp(reflection.created_at + days(0, 1, rng), now)
            if reflection
            else now - days(0, HISTORY_DAYS, rng)
        )
        item = ActionItem(
            user=user,
            reflection=reflection,
            title=ACTION_TITLES[number % len(ACTION_TITLES)],
            due_on=(created + days(3, 30, rng)).date() if rng.random() < 0.8 else None,
        )
        if rng.random() < 0.5:
            item.done_at = clamp(created + days(1, 40, rng), now)
        items.append(stamped(item, created, item.done_at or created))
    return items


# Writing ----------------------------------------------------------------------------------------


def seed_user(
    user: Any, counts: dict[str, int], rng: random.Random, now: datetime.datetime
) -> dict[str, int]:
    """Write one user's whole job search; returns the number of rows of each kind."""
    from applications.models import (
        Application,
        Company,
        Contact,
        Feedback,
        FeedbackThemeMark,
        Interview,
        Outcome,
        StatusChange,
    )
    from reflections.models import (
        ActionItem,
        Question,
        QuestionAsked,
        Reflection,
        ReflectionAnswer,
        RequirementCheck,
        SectionSave,
    )

    companies = bulk_insert(Company, plan_companies(user, counts["companies"], rng, now))
    contacts = bulk_insert(Contact, plan_contacts(user, companies, counts["contacts"], rng, now))
    contacts_by_company: dict[int, list[Any]] = {}
    for contact in contacts:
        if contact.company is not None and contact.role in ("interviewer", "hiring_manager"):
            contacts_by_company.setdefault(contact.company.pk, []).append(contact)

    plans = plan_applications(user, companies, contacts, counts, rng, now)
    for plan in plans:
        build_history(plan, rng, now)
    bulk_insert(Application, [plan.application for plan in plans])
    steps = bulk_insert(StatusChange, [step for plan in plans for step in plan.steps])

    texts = question_texts(counts["questions"], rng)
    bank = QuestionBank(
        texts=[text for text, _ in texts],
        categories=[category for _, category in texts],
        weights=[1 / (rank + 1) ** 0.8 for rank in range(counts["questions"])],
    )
    add_debrief_questions(plans, bank, rng)
    interviews = bulk_insert(Interview, [i for plan in plans for i in plan.interviews])
    panel_members = []
    for plan in plans:
        choices = contacts_by_company.get(plan.application.company.pk, [])
        for interview in plan.interviews:
            if choices and rng.random() < 0.6:
                for contact in rng.sample(choices, min(len(choices), rng.randint(1, 2))):
                    panel_members.append(
                        Interview.interviewers.through(interview=interview, contact=contact)
                    )
    bulk_insert(Interview.interviewers.through, panel_members)
    outcomes = bulk_insert(Outcome, [plan.outcome for plan in plans if plan.outcome])

    planned_feedback = plan_feedback(plans, counts["feedback"], rng, now)
    feedback = bulk_insert(Feedback, [item for item, _ in planned_feedback])
    marks = bulk_insert(
        FeedbackThemeMark,
        [
            FeedbackThemeMark(feedback=item, theme=theme)
            for item, themes in planned_feedback
            for theme in themes
        ],
    )

    rows = plan_reflections(user, plans, counts["reflections"], bank, rng, now)
    bulk_insert(Reflection, rows.reflections)
    bulk_insert(ReflectionAnswer, rows.answers)
    bulk_insert(SectionSave, rows.section_saves)
    bulk_insert(RequirementCheck, rows.requirement_checks)

    questions = bulk_insert(Question, plan_questions(user, bank, rng, now))
    asked = [
        QuestionAsked(question=questions[index], interview=interview)
        for index, interview in bank.asked_in_interviews
    ] + [
        QuestionAsked(question=questions[index], reflection=reflection)
        for index, reflection in bank.asked_in_reflections
    ]
    bulk_insert(QuestionAsked, asked)
    action_items = bulk_insert(
        ActionItem, plan_action_items(user, rows.reflections, counts["action_items"], rng, now)
    )
    return {
        "companies": len(companies),
        "contacts": len(contacts),
        "applications": len(plans),
        "status_changes": len(steps),
        "interviews": len(interviews),
        "interviewers": len(panel_members),
        "outcomes": len(outcomes),
        "feedback": len(feedback),
        "theme_marks": len(marks),
        "reflections": len(rows.reflections),
        "answers": len(rows.answers),
        "section_saves": len(rows.section_saves),
        "requirement_checks": len(rows.requirement_checks),
        "questions": len(questions),
        "questions_asked": len(asked),
        "action_items": len(action_items),
    }


def seed(scale: float = 1.0) -> SeedSummary:
    """Replace both benchmark users and their data; Django must be set up."""
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User

    started = time.perf_counter()
    rng = random.Random(SEED)
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic(), historical_timestamps():
        User.objects.filter(username__in=[BENCH_USERNAME, OTHER_USERNAME]).delete()
        bench = create_user(BENCH_USERNAME, usable_password=True)
        counts = seed_user(bench, scaled_counts(scale), rng, now)
        other = create_user(OTHER_USERNAME, usable_password=False)
        other_counts = seed_user(other, OTHER_COUNTS, rng, now)
    return SeedSummary(counts, other_counts, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every count (default 1)")
    args = parser.parse_args()
    if not (os.environ.get("REBOUND_DATA_DIR") or os.environ.get("DATABASE_URL")):
        sys.exit(
            "Set REBOUND_DATA_DIR (SQLite) or DATABASE_URL to the database to seed: "
            "the benchmark never writes to the default ./data."
        )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-seed-only-" + "x" * 40)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    print(seed(args.scale).line())


if __name__ == "__main__":
    main()
