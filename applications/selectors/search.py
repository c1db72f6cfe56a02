"""The user's applications matching a set of filters: the one filter function behind the
application list, the dashboard's panels and the drill-down lists."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower

from accounts.models import User
from applications.models import Application, Interview


class Show(models.TextChoices):
    ACTIVE = "active", "Active"
    ARCHIVED = "archived", "Archived"
    ALL = "all", "All"


class Sort(models.TextChoices):
    NEWEST = "-date_applied", "Newest first"
    OLDEST = "date_applied", "Oldest first"
    COMPANY = "company", "Company A–Z"
    INTEREST = "-interest", "Most wanted first"
    STATUS = "status", "By status"


ORDERINGS: dict[str, list[Any]] = {
    Sort.NEWEST: ["-date_applied", "-created_at"],
    Sort.OLDEST: ["date_applied", "created_at"],
    Sort.COMPANY: [Lower("company__name"), "-date_applied"],
    Sort.INTEREST: [F("interest").desc(nulls_last=True), "-date_applied"],
    Sort.STATUS: ["status", "-date_applied"],
}


@dataclass(frozen=True)
class ApplicationFilters:
    """Which of the user's applications to look at. Empty values mean 'any'."""

    q: str = ""
    status: str = ""
    source: str = ""
    role: str = ""
    applied_from: datetime.date | None = None
    applied_to: datetime.date | None = None
    show: str = Show.ACTIVE

    @classmethod
    def from_cleaned(cls, cleaned: dict[str, Any], *, show: str = "") -> "ApplicationFilters":
        """From a form's cleaned_data; fields the form does not have stay 'any'."""
        return cls(
            q=(cleaned.get("q") or "").strip(),
            status=cleaned.get("status") or "",
            source=cleaned.get("source") or "",
            role=(cleaned.get("role") or "").strip(),
            applied_from=cleaned.get("applied_from"),
            applied_to=cleaned.get("applied_to"),
            show=show or cleaned.get("show") or Show.ACTIVE,
        )


def applications_matching(user: User, filters: ApplicationFilters) -> QuerySet[Application]:
    """The user's applications these filters select."""
    applications = Application.objects.filter(user=user)
    if filters.show == Show.ACTIVE:
        applications = applications.filter(archived=False)
    elif filters.show == Show.ARCHIVED:
        applications = applications.filter(archived=True)
    if filters.q:
        applications = applications.filter(
            Q(company__name__icontains=filters.q) | Q(role_title__icontains=filters.q)
        )
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.source:
        applications = applications.filter(source=filters.source)
    if filters.role:
        applications = applications.filter(role_title__icontains=filters.role)
    if filters.applied_from:
        applications = applications.filter(date_applied__gte=filters.applied_from)
    if filters.applied_to:
        applications = applications.filter(date_applied__lte=filters.applied_to)
    return applications


def application_search(
    user: User, filters: ApplicationFilters, *, sort: str = Sort.NEWEST, where: Q | None = None
) -> QuerySet[Application]:
    """The rows of the application list: the matching applications, narrowed by `where` (a
    drill-down's condition), sorted, each with its company and its number of interviews."""
    applications = applications_matching(user, filters).select_related("company")
    if where is not None:
        applications = applications.filter(where)
    # A correlated count, evaluated only for the rows of the page shown; a join and GROUP BY
    # would group every application before the page could be cut.
    interviews = (
        Interview.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(count=Count("pk"))
        .values("count")
    )
    ordering = ORDERINGS.get(sort, ORDERINGS[Sort.NEWEST])
    return applications.annotate(interview_count=Coalesce(Subquery(interviews), 0)).order_by(
        *ordering
    )
