"""The tracking domain: companies, contacts, applications and what happens to them."""

from dataclasses import dataclass
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Company(TimeStamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="companies"
    )
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    industry = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True, max_length=10_000)

    class Meta:
        ordering = [Lower("name")]
        verbose_name_plural = "companies"
        constraints = [
            models.UniqueConstraint(Lower("name"), "user", name="company_name_unique_per_user"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("company_detail", args=[self.pk])


class Contact(TimeStamped):
    class Role(models.TextChoices):
        RECRUITER = "recruiter", "Recruiter"
        HIRING_MANAGER = "hiring_manager", "Hiring manager"
        INTERVIEWER = "interviewer", "Interviewer"
        REFERRER = "referrer", "Referrer"
        OTHER = "other", "Other"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=Role, default=Role.RECRUITER)
    company = models.ForeignKey(
        Company, on_delete=models.SET_NULL, null=True, blank=True, related_name="contacts"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    profile_url = models.URLField("profile URL", blank=True)
    notes = models.TextField(blank=True, max_length=10_000)

    class Meta:
        ordering = [Lower("name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.company})" if self.company_id else self.name


class Status(models.TextChoices):
    WISHLIST = "wishlist", "Wishlist"
    APPLIED = "applied", "Applied"
    SCREENING = "screening", "Screening"
    INTERVIEWING = "interviewing", "Interviewing"
    OFFER = "offer", "Offer"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NO_RESPONSE = "no_response", "No response"


ENDED_STATUSES = frozenset({Status.REJECTED, Status.WITHDRAWN, Status.NO_RESPONSE})


class Milestone(models.TextChoices):
    """How far an application got: the steps of the dashboard's funnel and of its drill-down.

    Each label says exactly what the step counts (applications.selectors.progress defines it):
    heard back is a status of screening or further, or any interview; an interview is any
    interview logged, a phone or recruiter screen included, or a status of interviewing or
    further; a final round is a final interview or an offer; an offer is an offer.
    """

    SCREENING = "screening", "heard back (screening or further)"
    INTERVIEW = "interview", "had an interview (a phone screen counts)"
    FINAL = "final", "reached a final round"
    OFFER = "offer", "got an offer"


class Application(TimeStamped):
    class WorkMode(models.TextChoices):
        ON_SITE = "on_site", "On-site"
        HYBRID = "hybrid", "Hybrid"
        REMOTE = "remote", "Remote"

    class Source(models.TextChoices):
        JOB_BOARD = "job_board", "Job board"
        COMPANY_SITE = "company_site", "Company site"
        REFERRAL = "referral", "Referral"
        RECRUITER = "recruiter", "Recruiter or agency"
        NETWORK = "network", "Network"
        OTHER = "other", "Other"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="applications")
    role_title = models.CharField(max_length=200)
    posting_url = models.URLField("job posting URL", max_length=1000, blank=True)
    job_description = models.TextField(blank=True, max_length=50_000)
    requirements = models.TextField(
        blank=True, max_length=10_000, help_text="One requirement per line."
    )
    location = models.CharField(max_length=200, blank=True)
    work_mode = models.CharField(max_length=10, choices=WorkMode, blank=True)
    salary_min = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100_000_000)]
    )
    salary_max = models.PositiveIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(100_000_000)]
    )
    salary_currency = models.CharField(
        max_length=3, blank=True, help_text="For example EUR, GBP, USD."
    )
    source = models.CharField(max_length=20, choices=Source, blank=True)
    referrer = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_applications",
    )
    date_applied = models.DateField(null=True, blank=True, default=timezone.localdate)
    interest = models.PositiveSmallIntegerField(
        "how much you want it",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (not much) to 5 (dream job).",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.APPLIED)
    notes = models.TextField(blank=True, max_length=10_000)
    archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["-date_applied", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=F("salary_max")),
                name="application_salary_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(interest__isnull=True) | Q(interest__gte=1, interest__lte=5),
                name="application_interest_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "archived", "status"]),
            models.Index(fields=["user", "date_applied"]),
            models.Index(fields=["user", "source"]),
        ]

    def __str__(self) -> str:
        return f"{self.role_title} at {self.company}"

    def get_absolute_url(self) -> str:
        return reverse("application_detail", args=[self.pk])

    @property
    def is_ended(self) -> bool:
        return self.status in ENDED_STATUSES

    def requirement_lines(self) -> list[str]:
        return [line.strip() for line in self.requirements.splitlines() if line.strip()]


class StatusChange(models.Model):
    """One step of an application through the pipeline, for time-in-stage and drop-out."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=Status, blank=True)
    to_status = models.CharField(max_length=20, choices=Status)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        indexes = [
            models.Index(fields=["application", "changed_at"]),
            # Covers "did it reach this status" lookups, the dashboard's most frequent.
            models.Index(fields=["application", "to_status"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or 'new'} → {self.get_to_status_display()}"


class Stage(models.TextChoices):
    RECRUITER_SCREEN = "recruiter_screen", "Recruiter screen"
    PHONE_SCREEN = "phone_screen", "Phone screen"
    TECHNICAL = "technical", "Technical"
    SKILLS_TEST = "skills_test", "Skills test or take-home"
    PANEL = "panel", "Panel"
    ON_SITE = "on_site", "On-site"
    FINAL = "final", "Final"
    OTHER = "other", "Other"


class Interview(TimeStamped):
    class Format(models.TextChoices):
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"
        IN_PERSON = "in_person", "In person"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interviews"
    )
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.PHONE_SCREEN)
    scheduled_at = models.DateTimeField("date and time")
    duration_minutes = models.PositiveSmallIntegerField(
        "duration (minutes)", null=True, blank=True, validators=[MaxValueValidator(24 * 60)]
    )
    format = models.CharField(max_length=10, choices=Format, default=Format.VIDEO)
    interviewers = models.ManyToManyField(Contact, blank=True, related_name="interviews")
    preparation_notes = models.TextField(blank=True, max_length=10_000)
    # The debrief, filled in right after the interview.
    rating = models.PositiveSmallIntegerField(
        "how it went",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 (badly) to 5 (very well).",
    )
    questions = models.TextField(
        "questions you were asked", blank=True, max_length=10_000, help_text="One per line."
    )
    debrief_notes = models.TextField(blank=True, max_length=10_000)
    thank_you_sent_on = models.DateField("thank-you note sent on", null=True, blank=True)

    class Meta:
        ordering = ["scheduled_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="interview_rating_1_to_5",
            ),
        ]
        indexes = [
            models.Index(fields=["application", "scheduled_at"]),
            models.Index(fields=["application", "stage"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} for {self.application}"

    @property
    def has_debrief(self) -> bool:
        return self.rating is not None

    def question_lines(self) -> list[str]:
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


class Outcome(TimeStamped):
    class Result(models.TextChoices):
        OFFER = "offer", "Offer"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        NO_RESPONSE = "no_response", "No response"

    class StageReached(models.TextChoices):
        APPLICATION = "application", "Application (no interview)"
        RECRUITER_SCREEN = Stage.RECRUITER_SCREEN.value, Stage.RECRUITER_SCREEN.label
        PHONE_SCREEN = Stage.PHONE_SCREEN.value, Stage.PHONE_SCREEN.label
        TECHNICAL = Stage.TECHNICAL.value, Stage.TECHNICAL.label
        SKILLS_TEST = Stage.SKILLS_TEST.value, Stage.SKILLS_TEST.label
        PANEL = Stage.PANEL.value, Stage.PANEL.label
        ON_SITE = Stage.ON_SITE.value, Stage.ON_SITE.label
        FINAL = Stage.FINAL.value, Stage.FINAL.label
        OTHER = Stage.OTHER.value, Stage.OTHER.label

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="outcome"
    )
    result = models.CharField(max_length=20, choices=Result)
    decided_on = models.DateField(default=timezone.localdate)
    stage_reached = models.CharField(
        max_length=20, choices=StageReached, default=StageReached.APPLICATION
    )
    reason = models.TextField("reason given by the employer", blank=True, max_length=10_000)

    class Meta:
        indexes = [models.Index(fields=["result", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.get_result_display()}: {self.application}"

    def themes_mentioned(self) -> list[str]:
        """The themes whose keywords the reason mentions, case-insensitively, as
        `conditions.where_reason_mentions` matches them in SQL."""
        reason = self.reason.lower()
        return [
            theme
            for theme, keywords in THEME_KEYWORDS.items()
            if any(keyword in reason for keyword in keywords)
        ]

    def reason_themes(self) -> list["ReasonTheme"]:
        """The themes counted from this outcome: inferred from the reason, confirmed or picked
        by the user, or dismissed by the user ("not this"), in the order of FeedbackTheme.

        The decisions are about the employer's words: without a reason there are none to show
        or count (they come back if the reason is written again), and no query is made.
        """
        if not self.reason:
            return []
        mentioned = set(self.themes_mentioned())
        decisions = {decision.theme: decision.decision for decision in self.theme_decisions.all()}
        found = []
        for theme in FeedbackTheme:
            decision = decisions.get(theme.value)
            if decision is None and theme.value not in mentioned:
                continue
            found.append(
                ReasonTheme(
                    theme=theme.value,
                    label=theme.label,
                    state=decision or ReasonTheme.INFERRED,
                    alternatives=[(t.value, t.label) for t in FeedbackTheme if t != theme],
                )
            )
        return found


class FeedbackTheme(models.TextChoices):
    EXPERIENCE = "experience", "Experience"
    SKILLS = "skills", "Skills"
    QUALIFICATIONS = "qualifications", "Qualifications"
    CULTURE_FIT = "culture_fit", "Culture fit"
    COMMUNICATION = "communication", "Communication"
    PREPARATION = "preparation", "Preparation"
    CONFIDENCE = "confidence", "Confidence"
    SALARY = "salary", "Salary"
    INTERNAL_CANDIDATE = "internal_candidate", "Internal candidate"
    BUDGET = "budget", "Budget or headcount"
    OTHER = "other", "Other"


# Words that tie an employer's stated reason (free text) to a feedback theme, so outcome
# reasons count beside feedback themes on the dashboard. Matched case-insensitively. Keyed by
# str so a theme's value (a mark's `theme`, a drill-down parameter) looks it up as well.
THEME_KEYWORDS: dict[str, tuple[str, ...]] = {
    FeedbackTheme.EXPERIENCE: ("experience",),
    FeedbackTheme.SKILLS: ("skill", "technical"),
    FeedbackTheme.QUALIFICATIONS: ("qualif", "degree", "certif"),
    FeedbackTheme.CULTURE_FIT: ("culture", "fit"),
    FeedbackTheme.COMMUNICATION: ("communicat",),
    FeedbackTheme.PREPARATION: ("prepar", "research"),
    FeedbackTheme.CONFIDENCE: ("confiden",),
    FeedbackTheme.SALARY: ("salary", "compensation", "expectation"),
    FeedbackTheme.INTERNAL_CANDIDATE: ("internal",),
    FeedbackTheme.BUDGET: ("budget", "headcount", "freeze", "funding"),
}
# Themes the candidate cannot change; the rest are within their control. Culture fit is
# "not necessarily a reflection of your abilities but rather an alignment issue" (the
# reflection checklist's source), so it is outside, as the checklist classifies it.
THEMES_OUTSIDE_CONTROL = frozenset(
    {FeedbackTheme.INTERNAL_CANDIDATE, FeedbackTheme.BUDGET, FeedbackTheme.CULTURE_FIT}
)


class Feedback(TimeStamped):
    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        RECRUITER = "recruiter", "Recruiter or agency"
        OTHER = "other", "Other"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="feedback")
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    requested_on = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=20, choices=Channel, default=Channel.EMAIL)
    received_on = models.DateField(null=True, blank=True)
    from_whom = models.CharField("from whom", max_length=200, blank=True)
    content = models.TextField("what was said", blank=True, max_length=20_000)
    tags = models.CharField(
        max_length=300, blank=True, help_text="Your own tags, separated by commas."
    )

    class Meta:
        ordering = ["-received_on", "-requested_on", "-created_at"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(requested_on__isnull=True)
                | Q(received_on__isnull=True)
                | Q(requested_on__lte=F("received_on")),
                name="feedback_received_after_requested",
            ),
            models.CheckConstraint(
                condition=Q(requested_on__isnull=False) | Q(received_on__isnull=False),
                name="feedback_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.application}"

    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]


class ThemeDecision(models.TextChoices):
    """What the user said about a theme of an outcome."""

    CONFIRMED = "confirmed", "confirmed"
    DISMISSED = "dismissed", "not this"


class OutcomeThemeDecision(TimeStamped):
    """The user's word on one theme of an outcome. Confirmed: it was a reason (inferred from the
    employer's words, or picked instead of one). Dismissed: the words mention it, but it was
    not a reason, so it no longer counts."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="theme_decisions")
    theme = models.CharField(max_length=30, choices=FeedbackTheme)
    decision = models.CharField(max_length=10, choices=ThemeDecision)

    class Meta:
        ordering = ["theme"]
        constraints = [
            models.UniqueConstraint(fields=["outcome", "theme"], name="outcome_theme_decided_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_theme_display()}: {self.get_decision_display()}"


@dataclass(frozen=True)
class ReasonTheme:
    """One theme an outcome counts under, and how it came to: what its page lists."""

    INFERRED: ClassVar[str] = "inferred"

    theme: str
    label: str
    state: str  # INFERRED, or a ThemeDecision
    alternatives: list[tuple[str, str]]  # the other themes, to pick one instead

    @property
    def is_inferred(self) -> bool:
        return self.state == self.INFERRED

    @property
    def is_confirmed(self) -> bool:
        return self.state == ThemeDecision.CONFIRMED


class FeedbackThemeMark(models.Model):
    """One theme of one piece of feedback: a row each, so themes can be counted in SQL."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="theme_marks")
    theme = models.CharField(max_length=30, choices=FeedbackTheme)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["feedback", "theme"], name="feedback_theme_once"),
        ]

    def __str__(self) -> str:
        return self.get_theme_display()
