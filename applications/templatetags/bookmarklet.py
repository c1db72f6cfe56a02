"""The "Save to Rebound" bookmarklet: a bookmark whose address is a little JavaScript that sends
the job posting open in the browser to quick add, pre-filled, for the person to check and save."""

import json

from django import template
from django.template.context import RequestContext
from django.urls import reverse

register = template.Library()


def bookmarklet_href(quick_add_url: str) -> str:
    """The bookmark's `javascript:` address: it opens quick add at `quick_add_url` (absolute)
    with the page's address and title in a new tab, or in the same tab if pop-ups are blocked.

    Quick add only fills its form in from these; nothing is saved until the person submits it.
    """
    code = (
        "(function(){"
        f"var u={json.dumps(quick_add_url)}"
        "+'?url='+encodeURIComponent(location.href)"
        "+'&title='+encodeURIComponent(document.title.slice(0,1000));"
        "if(!window.open(u,'_blank')){location.href=u;}"
        "})();"
    )
    # A javascript: address is percent-decoded before it runs.
    return "javascript:" + code.replace("%", "%25")


@register.simple_tag(takes_context=True)
def save_to_rebound_href(context: RequestContext) -> str:
    """The bookmarklet for this site, as the request reached it (scheme and host)."""
    return bookmarklet_href(context.request.build_absolute_uri(reverse("application_quick_add")))
