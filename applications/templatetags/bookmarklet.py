"""The "Save to Rebound" bookmarklet: a bookmark whose address is a little JavaScript that sends
the job posting open in the browser to quick add, pre-filled, for the person to check and save."""

import json

from django import template
from django.template.context import RequestContext
from django.urls import reverse

register = template.Library()

# The most characters quick add reads from its `url` and `title` (QuickAddPrefillForm).
QUICK_ADD_TEXT_MAX = 1000


def bookmarklet_href(quick_add_url: str) -> str:
    """The bookmark's `javascript:` address: it opens quick add at `quick_add_url` (absolute)
    with the page's address and title in a new tab, or in the same tab if pop-ups are blocked.

    Quick add only fills its form in from these; nothing is saved until the person submits it.
    It leaves out what it cannot read (over QUICK_ADD_TEXT_MAX characters), so an address that
    long loses its query string (a posting's tracking parameters, mostly) or, still too long,
    is not sent. The title is cut by code points, as quick add counts, so an emoji is never
    split in half; a title encodeURIComponent still refuses (a lone surrogate) is not sent
    rather than stopping the bookmark silently.
    """
    limit = QUICK_ADD_TEXT_MAX
    code = (
        "(function(){"
        f"var q={json.dumps(quick_add_url)},h=location.href,u;"
        f"if(h.length>{limit}){{h=location.origin+location.pathname;}}"
        f"if(h.length>{limit}){{h='';}}"
        "u=q+'?url='+encodeURIComponent(h);"
        "try{"
        f"u+='&title='+encodeURIComponent(Array.from(document.title).slice(0,{limit}).join(''));"
        "}catch(e){}"
        "if(!window.open(u,'_blank')){location.href=u;}"
        "})();"
    )
    # A javascript: address is percent-decoded before it runs.
    return "javascript:" + code.replace("%", "%25")


@register.simple_tag(takes_context=True)
def save_to_rebound_href(context: RequestContext) -> str:
    """The bookmarklet for this site, as the request reached it (scheme and host)."""
    return bookmarklet_href(context.request.build_absolute_uri(reverse("application_quick_add")))
