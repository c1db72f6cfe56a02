"""Every URL that accepts a POST refuses one without a CSRF token: signed in or not, the login
and sign-up forms included. Generated from the URLconf, so a new view is checked from its
first day; a URL that takes no POST (405 with a token) is counted as skipped, by name.
"""

import pytest
from django.test import Client

from tests.generated import tally
from tests.generated.urlconf_walk import ID_URLS, OTHER_ARGS, has_arguments, project_urls, url_for

pytestmark = pytest.mark.django_db


def test_every_url_can_be_built():
    """Each URL with arguments is an id URL (ID_URLS) or has its arguments in OTHER_ARGS."""
    with_arguments = {name for name, pattern in project_urls().items() if has_arguments(pattern)}
    assert with_arguments - set(ID_URLS) - set(OTHER_ARGS) == set()


def _refused_for_csrf(response) -> bool:
    return response.status_code == 403 and "403_csrf.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("name", sorted(project_urls()))
def test_a_post_without_a_token_is_refused(name, alice, client):
    url, _ = url_for(name, alice)

    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(alice)
    anonymous = Client(enforce_csrf_checks=True)
    refusals = {who: c.post(url, {}) for who, c in (("owner", signed_in), ("anonymous", anonymous))}

    # The same POST with a token tells whether the URL takes POST at all (and that the 403s
    # above came from the missing token, not from the view).
    client.force_login(alice)
    accepted = client.post(url, {})
    if accepted.status_code == 405:
        tally.csrf.setdefault(name, "no POST")
        return
    assert not _refused_for_csrf(accepted)
    for who, response in refusals.items():
        assert _refused_for_csrf(response), f"{who}: {response.status_code}"
    tally.csrf[name] = "checked"
