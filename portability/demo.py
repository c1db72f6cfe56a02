"""The demo account: five months of one made-up job search, written through the real services,
so the home page, the timelines and every dashboard panel have something true to show.

Only `python manage.py seed_demo` (or `make demo`) creates it; running it again replaces the
demo account and everything in it, in one transaction. The data is deterministic relative to
today.
"""

import datetime
import random
import time
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import transaction
from django.utils import timezone

from accounts.models import DEMO_EMAIL, DEMO_PASSWORD, DEMO_USERNAME, User
from applications import services as tracking
from applications.models import (
    Application,
    Contact,
    Feedback,
    FeedbackTheme,
    Interview,
    Outcome,
    Stage,
    Status,
)
from reflections import checklist
from reflections import services as reflecting
from reflections.checklist import Assessment, Factor, ItemKind, StepState
from reflections.models import (
    ActionItem,
    Question,
    Reflection,
    ReflectionAnswer,
    RequirementCheck,
    SectionSave,
)
from reflections.selectors import reflection_for_rejection
from reflections.services import AnswerValue
from workflows import services as workflows

SEED = 2024


class DemoUsernameTaken(Exception):
    """A user named `demo` exists and is not the demo account: seeding would delete them."""


class Story(StrEnum):
    """What happens to an application, from sending it to now."""

    WISHLIST = "wishlist"
    WAITING = "waiting"  # sent recently, nothing back yet
    QUIET = "quiet"  # sent weeks ago, no news: the home page's reminder
    SILENT = "silent"  # never answered, marked as no response
    CV_REJECTED = "cv_rejected"
    SCREEN_REJECTED = "screen_rejected"
    TECHNICAL_REJECTED = "technical_rejected"
    FINAL_REJECTED = "final_rejected"
    WITHDRAWN = "withdrawn"
    OFFER = "offer"
    UPCOMING_ON_SITE = "upcoming_on_site"  # two rounds done, the on-site in a few days
    UPCOMING_SCREEN = "upcoming_screen"  # first call tomorrow
    DEBRIEF_MISSING = "debrief_missing"  # a screen two days ago, not written up yet


STAGES: dict[Story, list[Stage]] = {
    Story.SCREEN_REJECTED: [Stage.RECRUITER_SCREEN],
    Story.TECHNICAL_REJECTED: [Stage.RECRUITER_SCREEN, Stage.TECHNICAL],
    Story.FINAL_REJECTED: [Stage.PHONE_SCREEN, Stage.TECHNICAL, Stage.ON_SITE, Stage.FINAL],
    Story.WITHDRAWN: [Stage.RECRUITER_SCREEN],
    Story.OFFER: [Stage.RECRUITER_SCREEN, Stage.SKILLS_TEST, Stage.PANEL, Stage.FINAL],
    Story.UPCOMING_ON_SITE: [Stage.RECRUITER_SCREEN, Stage.TECHNICAL, Stage.ON_SITE],
    Story.UPCOMING_SCREEN: [Stage.PHONE_SCREEN],
    Story.DEBRIEF_MISSING: [Stage.RECRUITER_SCREEN],
}
REJECTED = {
    Story.CV_REJECTED,
    Story.SCREEN_REJECTED,
    Story.TECHNICAL_REJECTED,
    Story.FINAL_REJECTED,
}
DAYS_BETWEEN_ROUNDS = 7
DAYS_TO_FIRST_ROUND = 6


@dataclass(frozen=True)
class Plan:
    company: str
    role: str
    source: str
    days_ago: int
    story: Story
    reason: str = ""
    location: str = "Berlin"
    work_mode: str = Application.WorkMode.HYBRID


S = Application.Source
# Oldest first. Reasons are what the employer said; their words feed the "why" panel.
PLANS = [
    Plan("Granite Bank", "Python Developer", S.JOB_BOARD, 150, Story.CV_REJECTED),
    Plan("Helix Bio", "Backend Engineer", S.COMPANY_SITE, 146, Story.TECHNICAL_REJECTED,
         "Your technical skills were not yet at the level the team needs."),
    Plan("Kestrel Pay", "Senior Backend Engineer", S.RECRUITER, 143, Story.SCREEN_REJECTED,
         "We are looking for more experience with payments at scale."),
    Plan("Lumen Health", "Python Developer", S.JOB_BOARD, 140, Story.SILENT),
    Plan("Northwind Logistics", "Backend Developer", S.REFERRAL, 136, Story.FINAL_REJECTED,
         "The role went to an internal candidate."),
    Plan("Orbit Mobility", "Platform Engineer", S.JOB_BOARD, 133, Story.CV_REJECTED,
         "Other candidates had more Kubernetes experience.", "Munich"),
    Plan("Cedar Analytics", "Data Engineer", S.NETWORK, 130, Story.WITHDRAWN,
         "The salary was well below my range."),
    Plan("Tidal Energy", "Software Engineer", S.JOB_BOARD, 126, Story.TECHNICAL_REJECTED),
    Plan("Juniper Games", "Backend Engineer", S.COMPANY_SITE, 122, Story.SILENT,
         location="Remote (EU)", work_mode=Application.WorkMode.REMOTE),
    Plan("Meridian Travel", "Python Developer", S.RECRUITER, 118, Story.TECHNICAL_REJECTED,
         "Communication in the pairing session could have been clearer."),
    Plan("Quartz Security", "Backend Engineer", S.JOB_BOARD, 115, Story.CV_REJECTED),
    Plan("Willow Retail", "Full-Stack Developer", S.JOB_BOARD, 111, Story.SCREEN_REJECTED,
         "We need someone with more React experience."),
    Plan("Nimbus Cloud", "Site Reliability Engineer", S.JOB_BOARD, 108, Story.CV_REJECTED,
         location="Remote (EU)", work_mode=Application.WorkMode.REMOTE),
    Plan("Falcon Robotics", "Software Engineer (Python)", S.REFERRAL, 104, Story.FINAL_REJECTED,
         "A hiring freeze: the budget for the role was cut."),
    Plan("Sable Media", "Backend Developer", S.OTHER, 100, Story.SILENT),
    Plan("Aurora Education", "Python Developer", S.NETWORK, 96, Story.TECHNICAL_REJECTED),
    Plan("Copper Insurance", "Senior Python Developer", S.RECRUITER, 92, Story.FINAL_REJECTED,
         "Another candidate had more experience leading a team."),
    Plan("Summit Telecom", "Backend Engineer", S.JOB_BOARD, 88, Story.SILENT),
    Plan("Vertex Data", "Data Platform Engineer", S.JOB_BOARD, 84, Story.TECHNICAL_REJECTED,
         "The take-home lacked tests and preparation showed."),
    Plan("Indigo Foods", "Backend Engineer", S.COMPANY_SITE, 80, Story.SCREEN_REJECTED),
    Plan("Harbor Logistics", "Senior Backend Engineer", S.REFERRAL, 74, Story.OFFER),
    Plan("Ember Health", "Python Engineer", S.JOB_BOARD, 70, Story.TECHNICAL_REJECTED),
    Plan("Spruce Software", "Backend Engineer", S.NETWORK, 64, Story.FINAL_REJECTED,
         "It was close; the other candidate was a better culture fit for the team."),
    Plan("Pioneer Pay", "Backend Engineer", S.RECRUITER, 58, Story.WITHDRAWN,
         "I took myself out to focus on the Harbor Logistics process."),
    Plan("Zephyr Cloud", "Python Developer", S.JOB_BOARD, 52, Story.CV_REJECTED),
    Plan("Delta Mobility", "Backend Engineer", S.COMPANY_SITE, 46, Story.TECHNICAL_REJECTED),
    Plan("Maple Labs", "Software Engineer", S.JOB_BOARD, 33, Story.QUIET),
    Plan("Iron Data", "Backend Engineer", S.REFERRAL, 30, Story.UPCOMING_ON_SITE),
    Plan("Crystal Media", "Python Developer", "", 26, Story.QUIET),
    Plan("Acme Analytics", "Backend Engineer", S.COMPANY_SITE, 18, Story.UPCOMING_SCREEN),
    Plan("Forge Health", "Senior Python Engineer", S.NETWORK, 12, Story.DEBRIEF_MISSING),
    Plan("Ridge Bank", "Backend Engineer", S.JOB_BOARD, 6, Story.WAITING),
    Plan("Umber Games", "Backend Engineer", S.JOB_BOARD, 3, Story.WAITING,
         location="Remote (EU)", work_mode=Application.WorkMode.REMOTE),
    Plan("Lumen Health", "Senior Backend Engineer", S.COMPANY_SITE, 2, Story.WAITING),
    Plan("Oak Travel", "Platform Engineer", "", 5, Story.WISHLIST),
]  # fmt: skip

# The candidate: a Python backend developer. Each requirement, and how they measure up to it.
REQUIREMENTS: dict[str, dict[str, int]] = {
    "5+ years of professional Python experience": {"met": 9, "partly": 1},
    "Experience with Django or FastAPI": {"met": 10},
    "Strong SQL and PostgreSQL knowledge": {"met": 6, "partly": 4},
    "Kubernetes in production": {"missing": 7, "partly": 3},
    "AWS or GCP experience": {"partly": 6, "met": 2, "missing": 2},
    "Terraform or other infrastructure as code": {"missing": 6, "partly": 4},
    "Go or Rust": {"missing": 8, "partly": 2},
    "Experience leading a team": {"partly": 6, "missing": 4},
    "Kafka or other event streaming": {"missing": 5, "partly": 5},
    "Fluent German": {"partly": 7, "met": 3},
    "REST and GraphQL API design": {"met": 8, "partly": 2},
    "CI/CD pipelines (GitHub Actions, GitLab CI)": {"met": 9, "partly": 1},
}
DESCRIPTIONS = [
    "You will join a cross-functional team building the core of our platform.",
    "Our stack is mostly Python and PostgreSQL, deployed on Kubernetes.",
    "You will own services end to end, from design to on-call.",
    "We ship small changes many times a day and care about code review.",
    "The team is distributed across three time zones.",
]
QUESTIONS = [
    "Tell me about yourself.",
    "Why do you want to work here?",
    "Tell me about a time you disagreed with a colleague.",
    "Describe a project you are proud of and your part in it.",
    "How would you design a URL shortener?",
    "How do you find a slow query in PostgreSQL?",
    "Explain the difference between a process and a thread.",
    "Tell me about a time you missed a deadline.",
    "How would you design a rate limiter for an API?",
    "What is the time complexity of your solution?",
    "Where do you see yourself in five years?",
    "How do you test code that calls an external API?",
    "Tell me about a production incident you handled.",
    "What do you know about our product?",
]
DEBRIEF_NOTES = [
    "Friendly conversation; ran out of time on my questions for them.",
    "Hard to read the interviewer; I rambled on the first answer.",
    "Good talk about the team's roadmap and how they deploy.",
    "Struggled with the live coding, recovered in the discussion.",
    "Felt well prepared; they liked the migration story.",
]
PREPARATION_NOTES = [
    "Read the engineering blog; prepare the migration story.",
    "Review their API docs and the pricing page.",
    "Prepare two STAR stories: the outage and the team conflict.",
]
WENT_WELL = [
    "Explained the database migration project clearly",
    "Good rapport with the hiring manager",
    "Asked thoughtful questions about the team",
    "Stayed calm when I did not know an answer",
]
TO_IMPROVE = [
    "Give concrete numbers for my achievements",
    "Keep answers under two minutes",
    "Prepare examples of leading without authority",
    "Practise system design out loud",
]
TEXTS = {
    "fit_culture_concerns": "A lot of on-call, and little room to shape the product.",
    "cv_over_or_under_stated": "Undersold the team-lead work I did on the migration.",
    "feedback_summary": "Solid technically, but they wanted more depth in operations.",
    "feedback_comparison": "The other candidate had run Kubernetes in production.",
    "proud_of": "I prepared properly and stayed calm in the technical round.",
    "plan_still_right": "Yes: backend roles in product companies, but fewer, better applications.",
    "next_focus": "Kubernetes basics, and two STAR stories with numbers in them.",
}
# Items the candidate struggles with early and gets better at: (share "needs work" at the start
# of the search, share at the end). Every other assessment item needs work now and then.
IMPROVING = {
    "prep_company_research": (0.75, 0.15),
    "perf_competency_examples": (0.8, 0.3),
    "pitch_achievements": (0.7, 0.25),
    "perf_confidence": (0.6, 0.35),
    "experience_level": (0.5, 0.45),
    "perf_skills_test": (0.6, 0.6),
}
USUALLY_NEEDS_WORK = 0.12
# Outside-control factors and how often they played a part.
FACTORS = {
    "outside_internal_candidate": 0.1,
    "outside_budget": 0.1,
    "outside_panel": 0.2,
    "outside_more_experienced": 0.4,
    "outside_first_impression": 0.1,
}
INTERVIEW_SECTIONS = {"preparation", "performance"}
ACTION_ITEMS = [
    # (title, due in days from today (negative: past), done, the company whose reflection
    # suggested it, if one did)
    ("Learn Kubernetes in production: a course and a side project", -6, False, "Orbit Mobility"),
    ("Rewrite the CV summary with numbers", -40, True, "Granite Bank"),
    ("Prepare two STAR stories: the outage and the team conflict", -20, True, "Helix Bio"),
    ("Practise answering: How would you design a rate limiter for an API?", 5, False,
     "Spruce Software"),
    ("Research Iron Data's product before the on-site", 2, False, ""),
    ("Learn Terraform or other infrastructure as code", 21, False, "Vertex Data"),
    ("Ask Copper Insurance's recruiter for detailed feedback", -30, True, "Copper Insurance"),
]  # fmt: skip
# The two newest rejections: reflections still to finish (one begun, one not yet).
UNFINISHED = {"Delta Mobility": 4, "Zephyr Cloud": 0}
CONFIDENCE = {
    "Tell me about yourself.": 4,
    "How would you design a URL shortener?": 2,
    "Tell me about a time you disagreed with a colleague.": 3,
    "How would you design a rate limiter for an API?": 1,
}


@dataclass
class DemoSummary:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def line(self) -> str:
        parts = ", ".join(f"{count} {name}" for name, count in self.counts.items())
        return (
            f"Seeded the demo account {DEMO_USERNAME!r} (password {DEMO_PASSWORD!r}): "
            f"{parts}; in {self.seconds:.1f} s."
        )


def demo_user() -> User | None:
    return User.objects.filter(username=DEMO_USERNAME, email=DEMO_EMAIL).first()


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@dataclass
class Seeder:
    user: User
    now: datetime.datetime
    rng: random.Random
    today: datetime.date = field(init=False)

    def __post_init__(self) -> None:
        self.today = timezone.localdate(self.now)

    def days_ago(self, days: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days)

    def progress(self, moment: datetime.datetime) -> float:
        """How far into the search a moment is: 0 at the first application, 1 today."""
        start = _at(self.days_ago(PLANS[0].days_ago), 9)
        return max(0.0, min(1.0, (moment - start) / (self.now - start)))

    # Applications ---------------------------------------------------------------------------

    def application(self, plan: Plan) -> Application:
        applied_on = self.days_ago(plan.days_ago)
        status = Status.WISHLIST if plan.story == Story.WISHLIST else Status.APPLIED
        application = tracking.application_create(
            user=self.user,
            company_name=plan.company,
            role_title=plan.role,
            posting_url=f"https://jobs.example.com/{plan.company.lower().replace(' ', '-')}/"
            f"{self.rng.randrange(1000, 9999)}",
            date_applied=applied_on,
            status=status,
        )
        requirements = self.rng.sample(list(REQUIREMENTS), self.rng.randint(4, 6))
        salary_min = self.rng.randrange(60, 85, 5) * 1000
        referrer = None
        if plan.source == S.REFERRAL:
            referrer = Contact.objects.create(
                user=self.user,
                name=self.rng.choice(["Priya Patel", "Jonas Berg", "Clara Rossi", "Ben Okafor"]),
                role=Contact.Role.REFERRER,
                company=application.company,
            )
        created = _at(applied_on, 9)
        Application.objects.filter(pk=application.pk).update(
            source=plan.source,
            referrer=referrer,
            location=plan.location,
            work_mode=plan.work_mode,
            requirements="\n".join(requirements),
            job_description=" ".join(self.rng.sample(DESCRIPTIONS, 3)),
            salary_min=salary_min,
            salary_max=salary_min + 15000,
            salary_currency="EUR",
            interest=self.rng.choice([3, 3, 4, 4, 5]),
            date_applied=None if plan.story == Story.WISHLIST else applied_on,
            created_at=created,
            updated_at=created,
        )
        application.refresh_from_db()
        return application

    def interviews(self, application: Application, plan: Plan) -> list[Interview]:
        stages = STAGES.get(plan.story, [])
        upcoming = {Story.UPCOMING_ON_SITE: 1, Story.UPCOMING_SCREEN: 1}.get(plan.story, 0)
        interviews = []
        for position, stage in enumerate(stages):
            is_upcoming = position >= len(stages) - upcoming
            if is_upcoming:
                day = self.today + datetime.timedelta(days=3 if position else 1)
            elif plan.story == Story.DEBRIEF_MISSING:
                day = self.days_ago(2)
            else:
                day = self.days_ago(plan.days_ago) + datetime.timedelta(
                    days=DAYS_TO_FIRST_ROUND + DAYS_BETWEEN_ROUNDS * position
                )
            went_on = position < len(stages) - 1 or plan.story == Story.OFFER
            interview = tracking.interview_add(
                interview=Interview(
                    application=application,
                    stage=stage,
                    scheduled_at=_at(day, self.rng.choice([10, 11, 14, 15, 16])),
                    duration_minutes=self.rng.choice([30, 45, 60, None]),
                    format=Interview.Format.IN_PERSON
                    if stage == Stage.ON_SITE
                    else self.rng.choice([Interview.Format.VIDEO, Interview.Format.PHONE]),
                    preparation_notes=self.rng.choice(PREPARATION_NOTES),
                ),
                interviewers=[],
            )
            if not is_upcoming and plan.story != Story.DEBRIEF_MISSING:
                self.debrief(interview, went_on=went_on)
            Interview.objects.filter(pk=interview.pk).update(
                created_at=min(interview.scheduled_at - datetime.timedelta(days=4), self.now)
            )
            interviews.append(interview)
        return interviews

    def debrief(self, interview: Interview, *, went_on: bool) -> None:
        weights = [1, 2, 4, 6, 4] if went_on else [4, 5, 4, 3, 1]
        interview.rating = self.rng.choices(range(1, 6), weights=weights)[0]
        interview.questions = "\n".join(self.rng.sample(QUESTIONS, self.rng.randint(2, 4)))
        interview.debrief_notes = self.rng.choice(DEBRIEF_NOTES)
        interview.thank_you_sent_on = timezone.localdate(interview.scheduled_at)
        workflows.interview_record_debrief(interview=interview)

    def ending(self, application: Application, plan: Plan, interviews: list[Interview]) -> None:
        last = max(
            [interview.scheduled_at for interview in interviews],
            default=_at(self.days_ago(plan.days_ago), 9),
        )
        if plan.story == Story.SILENT:
            tracking.outcome_record(
                application=application,
                result=Outcome.Result.NO_RESPONSE,
                decided_on=self.days_ago(plan.days_ago - 30),
            )
        elif plan.story == Story.WITHDRAWN:
            tracking.outcome_record(
                application=application,
                result=Outcome.Result.WITHDRAWN,
                decided_on=timezone.localdate(last) + datetime.timedelta(days=3),
                reason=plan.reason,
            )
        elif plan.story == Story.OFFER:
            tracking.outcome_record(
                application=application,
                result=Outcome.Result.OFFER,
                decided_on=timezone.localdate(last) + datetime.timedelta(days=4),
            )
        elif plan.story in REJECTED:
            days_after = 8 if plan.story == Story.CV_REJECTED else 4
            workflows.rejection_record(
                application=application,
                decided_on=timezone.localdate(last) + datetime.timedelta(days=days_after),
                reason=plan.reason,
            )
        outcome = Outcome.objects.filter(application=application).first()
        if outcome is not None:
            Outcome.objects.filter(pk=outcome.pk).update(
                created_at=_at(outcome.decided_on, 12), updated_at=_at(outcome.decided_on, 12)
            )

    # Feedback and reflections ---------------------------------------------------------------

    def feedback(
        self, application: Application, plan: Plan, interviews: list[Interview], number: int
    ) -> tuple[bool, bool]:
        """Feedback on an ended application, for most of those that got to an interview; says
        whether it was asked for and whether it came."""
        outcome = Outcome.objects.filter(application=application).first()
        if plan.story not in REJECTED or outcome is None or not interviews or number % 4 == 3:
            return False, False
        asked_on = outcome.decided_on + datetime.timedelta(days=1)
        came = number % 4 != 2
        received_on = asked_on + datetime.timedelta(days=self.rng.randint(2, 12)) if came else None
        if received_on and received_on > self.today:
            received_on = None
        themes: list[str] = self.rng.sample(
            [
                FeedbackTheme.EXPERIENCE,
                FeedbackTheme.SKILLS,
                FeedbackTheme.COMMUNICATION,
                FeedbackTheme.PREPARATION,
                FeedbackTheme.CULTURE_FIT,
            ],
            2,
        )
        tracking.feedback_save(
            feedback=Feedback(
                application=application,
                interview=interviews[-1],
                requested_on=asked_on,
                received_on=received_on,
                channel=Feedback.Channel.RECRUITER
                if plan.source == S.RECRUITER
                else Feedback.Channel.EMAIL,
                from_whom="The recruiter" if plan.source == S.RECRUITER else "Hiring manager",
                content="Strong on Python and APIs; wanted more depth in running services "
                "in production, and more concrete examples in the behavioural part."
                if received_on
                else "",
            ),
            themes=themes if received_on else [],
        )
        return True, received_on is not None

    def reflection(
        self, application: Application, plan: Plan, interviews: list[Interview], *, asked: bool
    ) -> Reflection:
        reflection = reflection_for_rejection(application)
        outcome = Outcome.objects.get(application=application)
        created = _at(outcome.decided_on + datetime.timedelta(days=1), 19)
        finished = plan.company not in UNFINISHED
        sections = checklist.sections(reflection.checklist_version)
        if not finished:
            sections = sections[: UNFINISHED[plan.company]]
        progress = self.progress(created)
        for section in sections:
            verdicts = {}
            if any(item.kind == ItemKind.REQUIREMENTS for item in section.items):
                verdicts = {
                    check.pk: self.pick(REQUIREMENTS.get(check.requirement, {"met": 1}))
                    for check in reflection.requirement_checks.all()
                }
            reflecting.reflection_save_section(
                reflection=reflection,
                section_key=section.key,
                answers={
                    item.key: self.answer(item, plan, interviews, progress=progress, asked=asked)
                    for item in section.items
                    if item.kind != ItemKind.REQUIREMENTS
                },
                requirement_verdicts=verdicts,
            )
        finished_at = created + datetime.timedelta(minutes=35) if finished else None
        Reflection.objects.filter(pk=reflection.pk).update(
            created_at=created, updated_at=finished_at or created, finished_at=finished_at
        )
        SectionSave.objects.filter(reflection=reflection).update(saved_at=created)
        ReflectionAnswer.objects.filter(reflection=reflection).update(updated_at=created)
        reflection.refresh_from_db()
        return reflection

    def pick(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def answer(
        self,
        item: checklist.Item,
        plan: Plan,
        interviews: list[Interview],
        *,
        progress: float,
        asked: bool,
    ) -> AnswerValue:
        rng = self.rng
        section_needs_interview = item.key.startswith(("prep_", "perf_")) or item.key in {
            "fit_interest_came_across"
        }
        if item.kind == ItemKind.ASSESSMENT:
            if section_needs_interview and not interviews:
                return Assessment.NOT_APPLICABLE
            if item.key == "perf_skills_test" and not any(
                interview.stage in (Stage.TECHNICAL, Stage.SKILLS_TEST) for interview in interviews
            ):
                return Assessment.NOT_APPLICABLE
            start, end = IMPROVING.get(item.key, (USUALLY_NEEDS_WORK, USUALLY_NEEDS_WORK))
            needs_work = rng.random() < start + (end - start) * progress
            return Assessment.NEEDS_WORK if needs_work else Assessment.WENT_WELL
        if item.kind == ItemKind.FACTOR:
            if item.key == "support_needed":
                return Factor.DID_NOT
            reason = plan.reason.lower()
            if (item.key == "outside_internal_candidate" and "internal" in reason) or (
                item.key == "outside_budget" and "budget" in reason
            ):
                return Factor.PLAYED_A_PART
            if rng.random() < FACTORS.get(item.key, 0.1):
                return Factor.PLAYED_A_PART
            return rng.choice([Factor.DID_NOT, Factor.NOT_SURE])
        if item.kind == ItemKind.STEP:
            return self.step(item.key, plan, interviews, asked=asked)
        if item.kind == ItemKind.RATING:
            if item.key == "feeling":
                return min(5, 2 + round(2 * progress) + rng.randint(0, 1))
            return rng.randint(2, 5)
        if item.kind == ItemKind.LIST:
            if item.key == "perf_struggled_questions":
                return "\n".join(rng.sample(QUESTIONS[4:], rng.randint(1, 2))) if interviews else ""
            pool = {"went_well": WENT_WELL, "to_improve": TO_IMPROVE}.get(item.key)
            if pool is None:  # skills to acquire: what the candidate is missing most often
                pool = ["Kubernetes", "Terraform", "Go", "Leading a team"]
            return "\n".join(rng.sample(pool, 2))
        return TEXTS.get(item.key, "")

    def step(self, key: str, plan: Plan, interviews: list[Interview], *, asked: bool) -> str:
        done, to_do, not_applicable = StepState.DONE, StepState.TO_DO, StepState.NOT_APPLICABLE
        steps = {
            "feedback_asked": done if asked else to_do,
            "feedback_received": done if asked else not_applicable,
            "followup_thanks": done if interviews else not_applicable,
            "followup_feedback_request": done if asked else to_do,
            "followup_influence_letter": not_applicable,
            "followup_stay_in_touch": done if plan.source in (S.REFERRAL, S.NETWORK) else to_do,
            "followup_tell_recruiter": done if plan.source == S.RECRUITER else not_applicable,
        }
        return steps.get(key, not_applicable)

    # Practice -------------------------------------------------------------------------------

    def practice(self, reflections: list[Reflection]) -> None:
        by_company = {reflection.application.company.name: reflection for reflection in reflections}
        for title, due_in, done, company in ACTION_ITEMS:
            reflection = by_company.get(company)
            item = reflecting.action_item_create(
                user=self.user,
                title=title,
                due_on=self.today + datetime.timedelta(days=due_in),
                reflection=reflection,
            )
            created = reflection.created_at if reflection else self.now
            done_at = min(created + datetime.timedelta(days=9), self.now) if done else None
            ActionItem.objects.filter(pk=item.pk).update(
                created_at=created, updated_at=done_at or created, done_at=done_at
            )
        for text, confidence in CONFIDENCE.items():
            question = Question.objects.filter(user=self.user, text=text).first()
            if question is not None:
                reflecting.question_set_confidence(question=question, confidence=confidence)


def _counts(user: User) -> dict[str, int]:
    return {
        "applications": Application.objects.filter(user=user).count(),
        "interviews": Interview.objects.filter(application__user=user).count(),
        "outcomes": Outcome.objects.filter(application__user=user).count(),
        "feedback": Feedback.objects.filter(application__user=user).count(),
        "reflections": Reflection.objects.filter(user=user).count(),
        "requirement checks": RequirementCheck.objects.filter(reflection__user=user).count(),
        "action items": ActionItem.objects.filter(user=user).count(),
        "questions": Question.objects.filter(user=user).count(),
    }


@transaction.atomic
def demo_seed(*, now: datetime.datetime | None = None) -> DemoSummary:
    """Replace the demo account and its data with a fresh copy; returns what was written."""
    started = time.perf_counter()
    taken = User.objects.filter(username=DEMO_USERNAME).exclude(email=DEMO_EMAIL).exists()
    if taken:
        raise DemoUsernameTaken(
            f"A user named {DEMO_USERNAME!r} exists and is not the demo account "
            f"(its email is not {DEMO_EMAIL}): seeding would delete their data."
        )
    # Deleting the account deletes everything hanging off it: the demo starts over.
    User.objects.filter(username=DEMO_USERNAME).delete()
    user = User.objects.create_user(DEMO_USERNAME, DEMO_EMAIL, DEMO_PASSWORD)
    seeder = Seeder(user=user, now=now or timezone.now(), rng=random.Random(SEED))
    reflections = []
    for number, plan in enumerate(PLANS):
        application = seeder.application(plan)
        interviews = seeder.interviews(application, plan)
        seeder.ending(application, plan, interviews)
        asked, _ = seeder.feedback(application, plan, interviews, number)
        if plan.story in REJECTED:
            reflections.append(seeder.reflection(application, plan, interviews, asked=asked))
    seeder.practice(reflections)
    return DemoSummary(_counts(user), time.perf_counter() - started)
