"""The bar chart the panels hand to `templates/reflections/panels/_bar_chart.html`."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BarChart:
    """Each bar is a dict with `label`, `value`, `percent` (its length, 0-100), `url` and
    optionally `note`; panels add keys of their own for their other tables."""

    caption: str
    value_label: str
    bars: list[dict[str, Any]]
    label_heading: str = ""

    @classmethod
    def scaled(
        cls,
        caption: str,
        value_label: str,
        bars: list[dict[str, Any]],
        *,
        label_heading: str = "",
        whole: int | None = None,
    ) -> "BarChart":
        """The chart with each bar's `percent` set: its value as a share of `whole`, by default
        the largest bar's value. The bars are updated in place, as panels also list them
        elsewhere."""
        if whole is None:
            whole = max((bar["value"] for bar in bars), default=0)
        for bar in bars:
            bar["percent"] = 100 * bar["value"] / whole if whole else 0
        return cls(caption, value_label, bars, label_heading)
