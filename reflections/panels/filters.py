"""The dashboard's filters, shared by every panel and by the drill-down links."""

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import User
from applications.models import Application


@dataclass(frozen=True)
class DashboardFilters:
    """The dashboard's filters, cleaned. Empty values mean 'any'."""

    applied_from: datetime.date | None = None
    applied_to: datetime.date | None = None
    status: str = ""
    source: str = ""
    role: str = ""

    @classmethod
    def from_cleaned(cls, cleaned: dict[str, Any]) -> "DashboardFilters":
        return cls(
            applied_from=cleaned.get("applied_from"),
            applied_to=cleaned.get("applied_to"),
            status=cleaned.get("status") or "",
            source=cleaned.get("source") or "",
            role=(cleaned.get("role") or "").strip(),
        )

    def as_params(self) -> dict[str, str]:
        params = {
            "applied_from": self.applied_from.isoformat() if self.applied_from else "",
            "applied_to": self.applied_to.isoformat() if self.applied_to else "",
            "status": self.status,
            "source": self.source,
            "role": self.role,
        }
        return {key: value for key, value in params.items() if value}

    def query_string(self) -> str:
        return urlencode(self.as_params())

    def applications(self, user: User) -> QuerySet[Application]:
        """The user's applications these filters select (archived ones included: they are history)."""
        applications = Application.objects.filter(user=user)
        if self.applied_from:
            applications = applications.filter(date_applied__gte=self.applied_from)
        if self.applied_to:
            applications = applications.filter(date_applied__lte=self.applied_to)
        if self.status:
            applications = applications.filter(status=self.status)
        if self.source:
            applications = applications.filter(source=self.source)
        if self.role:
            applications = applications.filter(role_title__icontains=self.role)
        return applications

    def drill_down(self, **extra: str | int) -> str:
        """The application list showing the applications behind a number, these filters kept."""
        # Dashboard counts leave the wishlist out (never sent), and so does every link.
        params = {
            "show": "all",
            "sent": "1",
            **self.as_params(),
            **{key: str(value) for key, value in extra.items()},
        }
        return f"{reverse('application_list')}?{urlencode(params)}"


def percent_of(part: int, whole: int) -> int | None:
    """`part` as a whole percentage of `whole`, rounded half up; None when there is no whole."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)
