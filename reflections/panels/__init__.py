"""The dashboard's panels: each a function of (user, filters) returning plain data, computed in SQL.

Every panel has its own URL and template (`templates/reflections/panels/<name>.html`) and loads
on its own, so one slow panel never holds the page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from accounts.models import User
from reflections.panels import (
    activity,
    feedback,
    funnel,
    practice,
    qualifications,
    reasons,
    sources,
    weaknesses,
    went_well,
)
from reflections.panels.filters import DashboardFilters


@dataclass(frozen=True)
class Panel:
    name: str
    title: str
    compute: Callable[[User, DashboardFilters], dict[str, Any]]

    @property
    def template_name(self) -> str:
        return f"reflections/panels/{self.name}.html"


PANELS = {
    panel.name: panel
    for panel in [
        Panel("funnel", "Where you drop out", funnel.compute),
        Panel("reasons", "Why you get rejected", reasons.compute),
        Panel("weaknesses", "What you keep struggling with", weaknesses.compute),
        Panel("qualifications", "Qualifications you are missing", qualifications.compute),
        Panel("went_well", "It went well, and still no", went_well.compute),
        Panel("feedback", "Feedback", feedback.compute),
        Panel("sources", "Where your applications come from", sources.compute),
        Panel("practice", "Practice", practice.compute),
        Panel("activity", "Activity", activity.compute),
    ]
}
