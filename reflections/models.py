"""The reflection domain: reflections and their answers, action items, questions, follow-ups."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, Interview, TimeStamped
from reflections import checklist


class Reflection(TimeStamped):
    class Trigger(models.TextChoices):
        REJECTION = "rejection", "After a rejection"
        INTERVIEW = "interview", "After an interview"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reflections"
    )
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="reflections"
    )
    trigger = models.CharField(max_length=20, choices=Trigger, default=Trigger.REJECTION)
    checklist_version = models.PositiveSmallIntegerField(default=checklist.CURRENT_VERSION)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set on the rows of a list by reflections.selectors.with_section_progress; never stored.
    sections_saved: int
    sections_total: int

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(trigger="rejection"),
                name="one_rejection_reflection_per_application",
            ),
            models.UniqueConstraint(
                fields=["interview"],
                condition=Q(trigger="interview"),
                name="one_reflection_per_interview",
            ),
        ]
        indexes = [models.Index(fields=["user", "finished_at"])]

    def __str__(self) -> str:
        return f"Reflection on {self.application}"

    def get_absolute_url(self) -> str:
        return reverse("reflection_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None

    def sections(self) -> tuple[checklist.Section, ...]:
        return checklist.sections(self.checklist_version)


class ReflectionAnswer(models.Model):
    """One answer to one checklist item: a row each, so an item aggregates across reflections."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="answers")
    section_key = models.CharField(max_length=40)
    item_key = models.CharField(max_length=60)
    choice = models.CharField(max_length=20, blank=True)  # assessment, factor and step items
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(blank=True, max_length=10_000)  # text items; list items one per line
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reflection", "item_key"], name="one_answer_per_item"),
        ]
        indexes = [models.Index(fields=["item_key", "choice"])]

    def __str__(self) -> str:
        return f"{self.item_key}: {self.choice or self.rating or self.text[:40]}"

    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


class SectionSave(models.Model):
    """A section the user has saved at least once: the progress indicator counts these."""

    reflection = models.ForeignKey(
        Reflection, on_delete=models.CASCADE, related_name="section_saves"
    )
    section_key = models.CharField(max_length=40)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reflection", "section_key"], name="one_save_per_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section_key} saved {self.saved_at:%Y-%m-%d %H:%M}"


class RequirementCheck(models.Model):
    """One requirement of the application, held against the candidate in a reflection."""

    class Verdict(models.TextChoices):
        MET = "met", "Met"
        PARTLY = "partly", "Partly"
        MISSING = "missing", "Missing"

    reflection = models.ForeignKey(
        Reflection, on_delete=models.CASCADE, related_name="requirement_checks"
    )
    requirement = models.CharField(max_length=500)
    verdict = models.CharField(max_length=10, choices=Verdict, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["verdict"])]

    def __str__(self) -> str:
        return f"{self.requirement}: {self.get_verdict_display() or 'not marked'}"


class ActionItem(TimeStamped):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_items"
    )
    reflection = models.ForeignKey(
        Reflection, on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )
    title = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    # Where a suggested step came from, so the dashboard can tell whether the work paid off:
    # the checklist item (or "perf_struggled_questions" and the question) it was suggested for.
    source_item_key = models.CharField(max_length=60, blank=True)
    question = models.ForeignKey(
        "Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="action_items"
    )

    class Meta:
        ordering = [
            models.F("done_at").asc(nulls_first=True),
            models.F("due_on").asc(nulls_last=True),
            "pk",
        ]
        indexes = [
            models.Index(fields=["user", "done_at", "due_on"]),
            models.Index(fields=["user", "source_item_key", "done_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.due_on is not None and self.due_on < timezone.localdate()


class Question(TimeStamped):
    """An interview question, gathered from debriefs and reflections, to practise."""

    class Category(models.TextChoices):
        BEHAVIOURAL = "behavioural", "Behavioural"
        TECHNICAL = "technical", "Technical"
        MOTIVATIONAL = "motivational", "Motivational"
        COMPANY = "company", "About the company"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questions"
    )
    text = models.CharField(max_length=500)
    # Blank until the user sets it or `guess_category` is sure: a wrong label misleads more
    # than none.
    category = models.CharField(max_length=20, choices=Category, blank=True)
    answer_draft = models.TextField(blank=True, max_length=10_000)
    confidence = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    last_practised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = [Lower("text")]
        constraints = [
            models.UniqueConstraint(Lower("text"), "user", name="question_text_unique_per_user"),
        ]
        indexes = [models.Index(fields=["user", "confidence", "last_practised_at"])]

    def __str__(self) -> str:
        return self.text


class QuestionPractice(models.Model):
    """One practice of a question: the confidence it was rated with then."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="practices")
    confidence = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    practised_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["practised_at", "pk"]
        indexes = [models.Index(fields=["question", "practised_at"])]

    def __str__(self) -> str:
        return f"{self.question}: {self.confidence}/5"


class QuestionAsked(models.Model):
    """One time a question was asked (a debrief) or struggled with (a reflection)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="times_asked")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, null=True, blank=True)
    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, null=True, blank=True)
    # When it was recorded: a struggle written into a reflection after the question was
    # practised flags it again, however long ago the reflection began. Not auto_now_add, so
    # rows recorded before this field came take their reflection's or interview's time.
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "interview"],
                condition=Q(interview__isnull=False),
                name="question_once_per_interview",
            ),
            models.UniqueConstraint(
                fields=["question", "reflection"],
                condition=Q(reflection__isnull=False),
                name="question_once_per_reflection",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question} (asked)"


class FollowUp(TimeStamped):
    class Kind(models.TextChoices):
        THANK_YOU = "thank_you", "Thank-you after an interview"
        REJECTION_THANKS = "rejection_thanks", "Thank-you and feedback request after a rejection"
        COMPARISON = "comparison", "How did I compare with the other candidates?"
        INFLUENCE_LETTER = "influence_letter", "Influence letter"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_ups"
    )
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="follow_ups"
    )
    interview = models.ForeignKey(
        Interview, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    recipient = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=20_000)
    sent_on = models.DateField()

    class Meta:
        ordering = ["-sent_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.application})"
