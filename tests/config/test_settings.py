"""Settings read the environment and refuse unsafe production configurations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "prod-" + "k3y-" * 15,
    "DJANGO_ALLOWED_HOSTS": "rebound.example.com",
}


def run_manage(
    args: list[str], env_overrides: dict[str, str], tmp_path
) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REBOUND_"))
    }
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings", "REBOUND_DATA_DIR": str(tmp_path)})
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key(tmp_path):
    result = run_manage(["check"], {"DJANGO_ALLOWED_HOSTS": "rebound.example.com"}, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_debug_mode_starts_without_secret_key(tmp_path):
    result = run_manage(["check"], {"DJANGO_DEBUG": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr


def test_invalid_boolean_gives_a_clear_error(tmp_path):
    result = run_manage(["check"], {"DJANGO_DEBUG": "maybe"}, tmp_path)
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be one of" in result.stderr


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_is_off_unless_set(tmp_path):
    result = run_manage(
        ["shell", "--no-imports", "-c", "from django.conf import settings; print(settings.DEBUG)"],
        PRODUCTION_ENV,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_database_url_switches_to_postgresql(tmp_path):
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'], "
        "d['OPTIONS']['options'].replace(' ', '_'))"
    )
    result = run_manage(
        ["shell", "--no-imports", "-c", code],
        {**PRODUCTION_ENV, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/rebound"},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "rebound",
        "600",
        "True",
        "-c_jit=off",
    ]


@pytest.mark.parametrize(
    "flag", ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"]
)
def test_https_settings_are_on_in_production(tmp_path, flag):
    code = f"from django.conf import settings; print(settings.{flag})"
    result = run_manage(["shell", "--no-imports", "-c", code], PRODUCTION_ENV, tmp_path)
    assert result.stdout.strip() == "True"
