"""What you keep struggling with: checklist items most often marked "needs work", and their trend.

An item counts the applications in scope (wishlist entries left out) with a reflection marking
it "needs work" (the rule of the application list's `weakness` drill-down). Its trend compares
the earlier and the later half of the period: of the item's went well / needs work answers in
each half, the share that were "needs work". Lower later is "getting better", higher "getting
worse", equal "no change"; fewer than two answers in either half is "not enough data".

Did the work pay off: for an item with a done action item suggested by it, the applications
whose reflection assessed it (went well or needs work) are split at the moment the first such
item was done: how many of those written before said "needs work", and how many since. Each of
the four numbers links to exactly its applications (the `practice` drill-down). The dashboard's
"what changed" line picks the item whose share dropped most, with enough answers on each side.
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, F, Max, Min, OuterRef, Q

from accounts.models import User
from applications.selectors.conditions import where_sent
from reflections import checklist
from reflections.drill_down import Practice, practised_from
from reflections.models import Reflection, ReflectionAnswer
from reflections.panels.chart import BarChart
from reflections.panels.filters import DashboardFilters

TOP = 8
MIN_ANSWERS_PER_HALF = 2
# The "what changed" line needs at least this many assessed applications on each side.
MIN_APPLICATIONS_PER_SIDE = 2


def _trend(early_share: float | None, late_share: float | None) -> str:
    if early_share is None or late_share is None:
        return "not enough data"
    if late_share < early_share:
        return "getting better"
    if late_share > early_share:
        return "getting worse"
    return "no change"


def _share(needs_work: int, answers: int) -> float | None:
    return needs_work / answers if answers >= MIN_ANSWERS_PER_HALF else None


def _practice(row: Mapping[str, Any], filters: DashboardFilters) -> dict[str, Any] | None:
    """Before and since the item's first done action item, each number with its link."""
    if row["practised_on"] is None:
        return None
    key = row["item_key"]
    sides = {}
    for side in Practice:
        sides[side.value] = {
            "needs_work": row[f"{side.value}_needs_work"],
            "assessed": row[f"{side.value}_assessed"],
            "needs_work_url": filters.drill_down(weakness=key, practice=side.value),
            "assessed_url": filters.drill_down(assessed=key, practice=side.value),
        }
    return {"started": row["practised_on"], **sides}


def what_changed(chart: BarChart | None) -> str:
    """One line on the item whose "needs work" share dropped most since the user worked on it,
    when there are enough applications on each side; never a score."""
    best: tuple[float, str] | None = None
    for bar in chart.bars if chart else []:
        practice = bar["practice"]
        if practice is None:
            continue
        before, since = practice["before"], practice["since"]
        if min(before["assessed"], since["assessed"]) < MIN_APPLICATIONS_PER_SIDE:
            continue
        drop = before["needs_work"] / before["assessed"] - since["needs_work"] / since["assessed"]
        line = (
            f"{bar['label']}: needs work in {before['needs_work']} of {before['assessed']} "
            f"applications before you worked on it, {since['needs_work']} of "
            f"{since['assessed']} since."
        )
        # The line tells of progress; a weakness that got worse is on the panel, not here.
        if drop > 0 and (best is None or drop > best[0]):
            best = (drop, line)
    return best[1] if best else ""


def compute(user: User, filters: DashboardFilters) -> dict[str, Any]:
    applications = filters.applications(user).filter(where_sent())
    span = Reflection.objects.filter(application__in=applications).aggregate(
        first=Min("created_at"), last=Max("created_at")
    )
    if span["first"] is None:
        return {"chart": None, "middle": None}
    # The halves split the reflections' own time span: reflections are written after the
    # applications, so the applied-date filter would push them all into the later half.
    middle = span["first"] + (span["last"] - span["first"]) / 2
    early = Q(reflection__created_at__lt=middle)
    late = Q(reflection__created_at__gte=middle)
    needs_work = Q(choice=checklist.Assessment.NEEDS_WORK)
    before = Q(reflection__created_at__lt=F("practised_from"))
    since = Q(reflection__created_at__gte=F("practised_from"))
    application = "reflection__application"
    rows = list(
        ReflectionAnswer.objects.filter(
            reflection__application__in=applications,
            choice__in=[checklist.Assessment.WENT_WELL, checklist.Assessment.NEEDS_WORK],
        )
        .annotate(practised_from=practised_from(OuterRef("item_key")))
        .values("item_key")
        .annotate(
            before_assessed=Count(application, filter=before, distinct=True),
            before_needs_work=Count(application, filter=before & needs_work, distinct=True),
            since_assessed=Count(application, filter=since, distinct=True),
            since_needs_work=Count(application, filter=since & needs_work, distinct=True),
            practised_on=Min("practised_from"),
            applications=Count("reflection__application", filter=needs_work, distinct=True),
            needs_work=Count("pk", filter=needs_work),
            early_answers=Count("pk", filter=early),
            early_needs_work=Count("pk", filter=early & needs_work),
            late_answers=Count("pk", filter=late),
            late_needs_work=Count("pk", filter=late & needs_work),
        )
        .filter(needs_work__gt=0)
        .order_by("-applications", "-needs_work", "item_key")[:TOP]
    )
    if not rows:
        return {"chart": None, "middle": middle}
    items = checklist.items_by_key()
    bars = []
    for row in rows:
        early_share = _share(row["early_needs_work"], row["early_answers"])
        late_share = _share(row["late_needs_work"], row["late_answers"])
        item = items.get(row["item_key"])
        bars.append(
            {
                "key": row["item_key"],
                "label": item.label if item else row["item_key"],
                "value": row["applications"],
                "url": filters.drill_down(weakness=row["item_key"]),
                "note": f"· {_trend(early_share, late_share)}",
                "trend": _trend(early_share, late_share),
                "early_share": early_share,
                "late_share": late_share,
                "practice": _practice(row, filters),
            }
        )
    chart = BarChart.scaled(
        "Checklist items most often marked “needs work”, with their trend",
        "Applications",
        bars,
        label_heading="Item",
    )
    practised = [bar for bar in bars if bar["practice"] is not None]
    return {"chart": chart, "middle": middle, "practised": practised}
