"""The dashboard's filters, shared by every panel and by the drill-down links."""

import datetime
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import User
from applications.models import Application
from applications.selectors.search import ApplicationFilters, Show, applications_matching
from reflections.drill_down import DrillDown, param_value


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
        return applications_matching(
            user,
            ApplicationFilters(
                status=self.status,
                source=self.source,
                role=self.role,
                applied_from=self.applied_from,
                applied_to=self.applied_to,
                show=Show.ALL,
            ),
        )

    def drill_down(self, *, status: str = "", source: str = "", **conditions: Any) -> str:
        """The drill-down list of the applications behind a number: these filters (a status or
        source given here narrows them) and the number's conditions, the fields of a
        `DrillDown` (an unknown name is a TypeError)."""
        DrillDown(**conditions)  # the contract: only its fields, else a TypeError
        # Dashboard counts leave the wishlist out (never sent), and so does every link.
        params = {
            "show": Show.ALL.value,
            "sent": "1",
            **self.as_params(),
            **({"status": status} if status else {}),
            **({"source": source} if source else {}),
            # In the order the panel named them, so a link reads as its number does.
            **{name: param_value(value) for name, value in conditions.items() if value},
        }
        return f"{reverse('drill_down_list')}?{urlencode(params)}"


def percent_of(part: int, whole: int) -> int | None:
    """`part` as a whole percentage of `whole`, rounded half up; None when there is no whole."""
    if not whole:
        return None
    return (200 * part + whole) // (2 * whole)
