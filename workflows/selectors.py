"""Reads that span both domains: what deleting applications (or a company) takes with it."""

from django.db.models import Count, Q, QuerySet
from django.template.defaultfilters import pluralize

from applications.models import Application, Company, Feedback, Interview, Outcome
from reflections.models import ActionItem, FollowUp, QuestionAsked, Reflection


def _count(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def deletion_consequences(applications: QuerySet[Application]) -> tuple[list[str], list[str]]:
    """What deleting these applications deletes with them, and what it keeps but unlinks:
    lines for the confirmation page, so nothing goes without the user being told."""
    gone: list[str] = []
    reflections = (
        Reflection.objects.filter(application__in=applications)
        .select_related("application__company")
        .annotate(answer_count=Count("answers"))
        .order_by("application__pk", "created_at")
    )
    many = applications.count() > 1
    for reflection in reflections:
        state = "finished" if reflection.is_finished else "draft"
        on = f" on {reflection.application}" if many else ""
        gone.append(
            f"A {state} reflection{on} ({reflection.get_trigger_display().lower()}), with "
            f"{_count(reflection.answer_count, 'answer')}"
        )
    counts = [
        (FollowUp.objects.filter(application__in=applications).count(), "follow-up message"),
        (Interview.objects.filter(application__in=applications).count(), "interview"),
        (
            Feedback.objects.filter(application__in=applications).count(),
            "piece of feedback",
        ),
        (Outcome.objects.filter(application__in=applications).count(), "recorded outcome"),
        (
            QuestionAsked.objects.filter(
                Q(interview__application__in=applications)
                | Q(reflection__application__in=applications)
            ).count(),
            "record of a question asked",
        ),
    ]
    plurals = {
        "piece of feedback": "pieces of feedback",
        "record of a question asked": "records of questions asked (the questions stay in "
        "your question bank)",
    }
    for count, noun in counts:
        if count:
            gone.append(_count(count, noun, plurals.get(noun, "")))
    kept: list[str] = []
    action_items = ActionItem.objects.filter(reflection__application__in=applications).count()
    if action_items:
        kept.append(
            f"{_count(action_items, 'action item')} from these reflections: they stay in your "
            "action items, no longer linked to a reflection."
        )
    return gone, kept


def company_deletion_consequences(
    company: Company, applications: QuerySet[Application]
) -> tuple[list[str], list[str]]:
    """deletion_consequences() for a company: its applications first, then what goes with
    them, and its contacts, which stay."""
    consequences: list[str] = []
    kept: list[str] = []
    count = applications.count()
    if count:
        roles = ", ".join(str(a.role_title) for a in applications.order_by("-date_applied")[:10])
        more = f" and {count - 10} more" if count > 10 else ""
        consequences.append(f"{count} application{pluralize(count)} at this company: {roles}{more}")
        gone, kept = deletion_consequences(applications)
        consequences += gone
    contacts = company.contacts.count()
    if contacts:
        kept.append(
            f"{_count(contacts, 'contact')} {'stays' if contacts == 1 else 'stay'} in your "
            "contacts, without a company."
        )
    return consequences, kept
