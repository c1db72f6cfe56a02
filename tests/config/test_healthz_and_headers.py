import re
from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_any_host_header(client):
    response = client.get("/healthz", HTTP_HOST="container-probe.internal")
    assert response.status_code == 200


def test_healthz_reports_a_broken_database_as_503(client):
    with mock.patch("config.healthz.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}  # no details leak


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'nonce-")
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert directives["frame-ancestors"] == "'none'"


def test_every_script_tag_loads_a_local_file_with_the_nonce(alice_client):
    response = alice_client.get(reverse("home"))
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts, "the base layout loads scripts"
    for attributes, body in scripts:
        assert body.strip() == "", "no inline script bodies"
        assert re.search(r'src="/static/', attributes), attributes
        assert f'nonce="{nonce}"' in attributes
    assert "htmx" in html and "bootstrap.bundle.min.js" in html


def test_no_page_references_another_origin(alice_client):
    html = alice_client.get(reverse("home")).content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []


def test_htmx_requests_carry_the_csrf_token(alice_client):
    html = alice_client.get(reverse("home")).content.decode()
    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"[^\"]+\"\}'>", html)
