"""Where your applications come from: how often each source brings a response and an offer.

Counted over the applications the filters select, wishlist entries left out (they were never
sent). A response is any reply from the employer: the application reached screening, or it ended
in a rejection or an offer (the list's `responded` rule). An offer is the list's `reached=offer`
rule. Applications without a source are the "Not set" row (the list's `no_source`). One grouped
query whatever the data.
"""

from typing import Any

from django.db.models import Count

from accounts.models import User
from applications.models import Application, Milestone
from applications.selectors.conditions import where_responded, where_sent
from applications.selectors.progress import where_reached
from reflections.panels.chart import BarChart
from reflections.panels.filters import DashboardFilters, percent_of

NOT_SET = "Not set"


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    rows = {
        row["source"]: row
        for row in filters.applications(user)
        .filter(where_sent())
        .values("source")
        .annotate(
            applications=Count("pk"),
            responses=Count("pk", filter=where_responded()),
            offers=Count("pk", filter=where_reached(Milestone.OFFER)),
        )
        .order_by()
    }

    sources = []
    for value, label in [*Application.Source.choices, ("", NOT_SET)]:
        row = rows.get(value)
        if not row:
            continue
        # The list selects a source by its value, and a blank one by `no_source`.
        where: dict[str, Any] = {"source": value} if value else {"no_source": True}
        sources.append(
            {
                "label": label,
                "value": row["applications"],
                "url": filters.drill_down(**where),
                "responses": row["responses"],
                "response_percent": percent_of(row["responses"], row["applications"]),
                "response_url": (
                    filters.drill_down(**where, responded=True) if row["responses"] else ""
                ),
                "offers": row["offers"],
                "offer_percent": percent_of(row["offers"], row["applications"]),
                "offer_url": filters.drill_down(**where, reached=Milestone.OFFER)
                if row["offers"]
                else "",
            }
        )
    return {
        "sources": sources,
        "chart": BarChart.scaled(
            "Applications by source", "Applications", sources, label_heading="Source"
        ),
    }
