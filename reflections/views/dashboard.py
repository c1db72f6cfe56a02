"""The dashboard: a page of panels that each load on their own, filtered through htmx, and
the drill-down list of the applications behind each of its numbers."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_safe
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from applications.views.applications import application_list_response
from core.http import push_url_once, wants_fragment
from reflections.dashboard_summary import dashboard_summary
from reflections.drill_down import drill_down_applications
from reflections.forms import DashboardFilterForm, DrillDownForm
from reflections.panels import PANELS, weaknesses

# Panels in the first screen load at once; the others as they scroll into view, so nine
# panels never swap in together (dashboard.js loads them all when it restores a scroll).
PANELS_LOADED_AT_ONCE = 2


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DashboardFilterForm(request.GET)
    filters = form.filters()
    context = {
        "form": form,
        "filters": filters,
        "panels": PANELS.values(),
        "panels_loaded_at_once": PANELS_LOADED_AT_ONCE,
        "summary": dashboard_summary(request.user, filters),
        "what_changed": weaknesses.what_changed(weaknesses.compute(request.user, filters)["chart"]),
    }
    if wants_fragment(request):
        context["summary_out_of_band"] = True
        response = render(request, "reflections/dashboard.html#panels", context)
        # The address bar shows the filters in effect, without the empty fields.
        query = filters.query_string()
        return push_url_once(
            request, response, reverse("dashboard") + (f"?{query}" if query else "")
        )
    return render(request, "reflections/dashboard.html", context)


@require_safe
@vary_on_headers("HX-Request")
def dashboard_panel(request: AuthenticatedHttpRequest, name: str) -> HttpResponse:
    panel = PANELS.get(name)
    if panel is None:
        raise Http404("No such panel")
    filters = DashboardFilterForm(request.GET).filters()
    context = {"panel": panel, "filters": filters, **panel.compute(request.user, filters)}
    if request.htmx:
        return render(request, panel.template_name, context)
    return render(request, "reflections/dashboard_panel_page.html", context)


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def drill_down_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The application list narrowed to the applications behind a dashboard number."""
    form = DrillDownForm(request.GET)
    # An invalid value is shown as an error and left out of the search, never a 500.
    form.is_valid()
    applications = drill_down_applications(
        request.user, form.filters(), form.drill_down(), sort=form.sort_order()
    )
    response = application_list_response(request, form, applications, drill_down=True)
    if wants_fragment(request):
        return push_url_once(request, response, request.get_full_path())
    return response
