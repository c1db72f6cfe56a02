"""Where you drop out: how far applications get, the conversion between steps, and where
rejections happen, beside the article's figure for the first interview.

Every count is taken over the applications the filters select, wishlist entries left out (they
were never sent). Each count uses the very condition the application list's drill-down uses
(`reached`, `first_interview`), so a number always equals the rows behind its link. A step's
label says what it counts (`Milestone`); a phone screen is an interview for the steps and for
the first-interview pass rate alike, so the pass rate never decides more applications than had
an interview. Two queries whatever the data.
"""

from typing import Any

from django.db.models import Count

from accounts.models import User
from applications.models import Milestone, Outcome, Status
from applications.selectors.conditions import FirstInterview, where_sent
from applications.selectors.progress import (
    first_interview_decided_by_progress,
    first_interview_passed_by_progress,
    reached_by_progress,
    with_progress,
)
from reflections.checklist import FIRST_INTERVIEW_DROP_OUT, FIRST_INTERVIEW_DROP_OUT_PERCENT
from reflections.panels.chart import BarChart
from reflections.panels.filters import DashboardFilters, percent_of


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    # with_progress() computes what where_reached() and the first-interview conditions test, for every
    # application in one grouped pass: the counts equal the drill-down lists (tests check it).
    counts = with_progress(filters.applications(user).filter(where_sent())).aggregate(
        total=Count("pk"),
        **{step.value: Count("pk", filter=reached_by_progress(step)) for step in Milestone},
        first_decided=Count("pk", filter=first_interview_decided_by_progress()),
        first_passed=Count("pk", filter=first_interview_passed_by_progress()),
    )
    rejections = dict(
        filters.applications(user)
        .filter(status=Status.REJECTED, outcome__result=Outcome.Result.REJECTED)
        .values("outcome__stage_reached")
        .annotate(count=Count("pk"))
        .order_by()
        .values_list("outcome__stage_reached", "count")
    )

    total = counts["total"]
    steps: list[dict[str, Any]] = [
        {"label": "Applied", "value": total, "url": filters.drill_down() if total else ""}
    ]
    previous = total
    for step in Milestone:
        value = counts[step.value]
        conversion = percent_of(value, previous)
        steps.append(
            {
                "label": step.label.capitalize(),
                "value": value,
                "url": filters.drill_down(reached=step) if value else "",
                "note": "" if conversion is None else f"({conversion}% of the step before)",
                "conversion": conversion,
            }
        )
        previous = value

    rejection_bars: list[dict[str, Any]] = [
        {
            "label": label,
            "value": rejections[stage],
            "url": filters.drill_down(status=Status.REJECTED, rejected_at=stage),
        }
        for stage, label in Outcome.StageReached.choices
        if rejections.get(stage)
    ]

    first_passed, first_decided = counts["first_passed"], counts["first_decided"]
    return {
        "total": total,
        "total_url": steps[0]["url"],
        "steps": steps,
        # Each step's bar is its share of all the applications, not of the largest step.
        "funnel_chart": BarChart.scaled(
            "How far your applications got",
            "Applications",
            steps,
            label_heading="Step",
            whole=total,
        ),
        "rejections_chart": BarChart.scaled(
            "The stage each rejection came at",
            "Rejections",
            rejection_bars,
            label_heading="Stage reached",
        ),
        "first_interview": {
            "decided": first_decided,
            "passed": first_passed,
            "percent": percent_of(first_passed, first_decided),
            "decided_url": filters.drill_down(first_interview=FirstInterview.DECIDED)
            if first_decided
            else "",
            "passed_url": filters.drill_down(first_interview=FirstInterview.PASSED)
            if first_passed
            else "",
        },
        "article": {
            "source": FIRST_INTERVIEW_DROP_OUT,
            "drop_out_percent": FIRST_INTERVIEW_DROP_OUT_PERCENT,
            "pass_percent": 100 - FIRST_INTERVIEW_DROP_OUT_PERCENT,
        },
    }
