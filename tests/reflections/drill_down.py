"""What a dashboard link opens: the applications the list shows for its query."""

from urllib.parse import urlsplit

from django.http import QueryDict

from reflections.drill_down import drill_down_applications
from reflections.forms import DrillDownForm


def ids_behind(user, url: str) -> set[int]:
    """The ids of the applications the drill-down list would show for this link."""
    form = DrillDownForm(QueryDict(urlsplit(url).query))
    assert form.is_valid(), form.errors
    applications = drill_down_applications(user, form.filters(), form.drill_down())
    return set(applications.values_list("pk", flat=True))


def titles_behind(client, url: str) -> set[str]:
    """The role titles the list page shows for this link, every row of every page counted."""
    response = client.get(url)
    assert response.status_code == 200
    page_obj = response.context["page_obj"]
    titles = {application.role_title for application in page_obj.object_list}
    assert len(titles) == page_obj.paginator.count
    return titles
