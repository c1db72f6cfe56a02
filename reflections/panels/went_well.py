"""It went well, and still no: how the debrief rating of an interview compares with what followed.

Counted over the rated interviews of the applications the filters select, wishlist entries left
out. An interview "went on" when its application has a later interview, or reached an offer. It
"ended in rejection" when it did not go on and the application's status is rejected (the list's
`rating_outcome` rules). Others are undecided (still waiting, withdrawn, no response). The pass
rate of a rating is went on / (went on + ended in rejection), so undecided interviews do not count
as failures. The numbers count interviews; their links open the applications having such
interviews.

The verdict compares the pass rates of ratings 4-5 and 1-2, each with at least three decided
interviews: 25 points or more apart is "well", less is "weakly", otherwise not enough data yet.
"""

from typing import Any, TypedDict, Unpack

from django.db.models import Count

from accounts.models import User
from applications.models import Interview
from applications.selectors.conditions import (
    InterviewFate,
    where_interview_rejected,
    where_interview_went_on,
    where_sent,
)
from reflections.panels.chart import BarChart
from reflections.panels.filters import DashboardFilters

RATINGS = range(1, 6)
HIGH = (4, 5)
LOW = (1, 2)
MIN_DECIDED = 3
WELL_GAP = 0.25


class Counts(TypedDict):
    interviews: int
    went_on: int
    rejected: int


class Links(TypedDict):
    url: str
    went_on_url: str
    rejected_url: str


class Rated(TypedDict, total=False):
    """Which interviews a link is about: the ones rated `rating`, or at least `rating_min`."""

    rating: int
    rating_min: int


class RatingRow(Counts, Links):
    rating: int
    pass_rate: float | None


def _pass_rate(went_on: int, rejected: int) -> float | None:
    decided = went_on + rejected
    return went_on / decided if decided else None


def _totals(rows: dict[int, RatingRow], ratings: tuple[int, ...]) -> Counts:
    return {
        "interviews": sum(rows[rating]["interviews"] for rating in ratings),
        "went_on": sum(rows[rating]["went_on"] for rating in ratings),
        "rejected": sum(rows[rating]["rejected"] for rating in ratings),
    }


def _links(filters: DashboardFilters, counts: Counts, **rated: Unpack[Rated]) -> Links:
    """The lists behind a row's numbers: the applications with such interviews; none for a zero."""
    return {
        "url": filters.drill_down(**rated) if counts["interviews"] else "",
        "went_on_url": (
            filters.drill_down(**rated, rating_outcome=InterviewFate.WENT_ON)
            if counts["went_on"]
            else ""
        ),
        "rejected_url": (
            filters.drill_down(**rated, rating_outcome=InterviewFate.REJECTED)
            if counts["rejected"]
            else ""
        ),
    }


def _verdict(high: Counts, low: Counts) -> str:
    high_rate = _pass_rate(high["went_on"], high["rejected"])
    low_rate = _pass_rate(low["went_on"], low["rejected"])
    if (
        high_rate is None
        or low_rate is None
        or high["went_on"] + high["rejected"] < MIN_DECIDED
        or low["went_on"] + low["rejected"] < MIN_DECIDED
    ):
        return "not enough data"
    return "well" if high_rate - low_rate >= WELL_GAP else "weakly"


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    applications = filters.applications(user).filter(where_sent())
    counted = {
        row["rating"]: row
        for row in Interview.objects.filter(application__in=applications, rating__isnull=False)
        .values("rating")
        .annotate(
            interviews=Count("pk"),
            went_on=Count("pk", filter=where_interview_went_on()),
            rejected=Count("pk", filter=where_interview_rejected()),
        )
        .order_by("rating")
    }
    if not counted:
        return {"rows": [], "chart": None}
    rows: dict[int, RatingRow] = {}
    for rating in RATINGS:
        found = counted.get(rating)
        counts: Counts = {
            "interviews": found["interviews"] if found else 0,
            "went_on": found["went_on"] if found else 0,
            "rejected": found["rejected"] if found else 0,
        }
        rows[rating] = {
            **counts,
            "rating": rating,
            "pass_rate": _pass_rate(counts["went_on"], counts["rejected"]),
            **_links(filters, counts, rating=rating),
        }
    bars = [
        {
            "label": f"Rated {row['rating']}",
            "value": "—" if row["pass_rate"] is None else f"{round(100 * row['pass_rate'])}%",
            "percent": 0 if row["pass_rate"] is None else 100 * row["pass_rate"],
            "url": row["url"],
            "note": f"· {row['went_on']} of {row['went_on'] + row['rejected']} went on"
            if row["pass_rate"] is not None
            else "· none decided yet",
        }
        for row in rows.values()
    ]
    # A bar is the pass rate itself, not a share of the largest bar.
    chart = BarChart(
        "Pass rate by how you rated the interview",
        "Pass rate",
        bars,
        label_heading="Your rating",
    )
    high = _totals(rows, HIGH)
    low = _totals(rows, LOW)
    return {
        "rows": list(rows.values()),
        "chart": chart,
        "high": {**high, **_links(filters, high, rating_min=min(HIGH))},
        "verdict": _verdict(high, low),
    }
