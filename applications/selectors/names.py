"""The user's companies and contacts found by name: the one a typed name means, and the
suggestions offered while a name is being typed."""

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import Lower

from accounts.models import User
from applications.models import Company, Contact

SUGGESTION_LIMIT = 8


def company_named(user: User, name: str) -> Company | None:
    """The user's company of that name, compared as the unique constraint compares them."""
    return (
        Company.objects.filter(user=user)
        .alias(name_lower=Lower("name"))
        .filter(name_lower=Lower(Value(name)))
        .first()
    )


def contacts_named(user: User, name: str) -> QuerySet[Contact]:
    """The user's contacts of that name, whatever its case, oldest first."""
    return (
        Contact.objects.filter(user=user)
        .alias(name_lower=Lower("name"))
        .filter(name_lower=Lower(Value(name)))
        .order_by("created_at", "pk")
    )


def _suggested[M: (Company, Contact)](queryset: QuerySet[M], typed: str) -> QuerySet[M]:
    """Names containing `typed`, those starting with it first; with nothing typed, the newest."""
    if not typed:
        return queryset.order_by("-created_at", "-pk")[:SUGGESTION_LIMIT]
    return (
        queryset.filter(name__icontains=typed)
        .alias(
            starts=Case(
                When(name__istartswith=typed, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts", Lower("name"), "pk")[:SUGGESTION_LIMIT]
    )


def company_suggestions(user: User, typed: str) -> list[str]:
    """At most SUGGESTION_LIMIT of the user's company names for what has been typed."""
    companies = _suggested(Company.objects.filter(user=user), " ".join(typed.split()))
    return list(companies.values_list("name", flat=True))


def contact_suggestions(user: User, typed: str) -> list[Contact]:
    """At most SUGGESTION_LIMIT of the user's contacts for what has been typed, with their
    company (shown beside the name, to tell two people of the same name apart)."""
    contacts = _suggested(
        Contact.objects.filter(user=user).select_related("company"), " ".join(typed.split())
    )
    return list(contacts)
