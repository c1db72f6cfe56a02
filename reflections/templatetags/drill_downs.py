"""Template filters for the drill-down list: what each row of a dashboard number counted."""

from django import template

from applications.models import Application
from reflections.drill_down import counted_because as counted_because_text
from reflections.forms import DrillDownForm

register = template.Library()


@register.filter
def counted_because(application: Application, form: DrillDownForm) -> str:
    """`counted_because` for a row of the drill-down list the form selected."""
    if not isinstance(form, DrillDownForm) or not hasattr(form, "cleaned_data"):
        return ""
    return counted_because_text(
        application, form.drill_down(), status=form.cleaned_data.get("status") or ""
    )
