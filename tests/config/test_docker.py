"""What the production image is built from (.ci/docker-smoke builds and runs it in CI)."""

import importlib.util
import re
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
DOCKERFILE = (PROJECT_DIR / "Dockerfile").read_text()


def gunicorn_config(monkeypatch, **environment):
    for name in ("GUNICORN_BIND", "PORT", "GUNICORN_CONTROL_SOCKET"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", PROJECT_DIR / "config/gunicorn.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("environment", "url"),
    [
        ({}, "http://127.0.0.1:8000/healthz"),
        ({"PORT": "9000"}, "http://127.0.0.1:9000/healthz"),
        ({"GUNICORN_BIND": "127.0.0.1:8055"}, "http://127.0.0.1:8055/healthz"),
        ({"GUNICORN_BIND": "127.0.0.1:8055", "PORT": "8000"}, "http://127.0.0.1:8055/healthz"),
        ({"GUNICORN_BIND": "[::]:8081"}, "http://[::1]:8081/healthz"),
        ({"GUNICORN_BIND": "0.0.0.0:8082,[::]:8082"}, "http://127.0.0.1:8082/healthz"),
    ],
)
def test_the_health_check_asks_the_port_gunicorn_binds_to(monkeypatch, environment, url):
    config = gunicorn_config(monkeypatch, **environment)
    assert config.health_url(config.bind) == url


def test_the_image_health_check_uses_the_bind_address():
    assert 'CMD ["python", "config/gunicorn.py", "--healthcheck"]' in DOCKERFILE


def test_the_control_socket_is_off_unless_asked_for(monkeypatch):
    assert gunicorn_config(monkeypatch).control_socket_disable is True
    config = gunicorn_config(monkeypatch, GUNICORN_CONTROL_SOCKET="/data/gunicorn.ctl")
    assert config.control_socket_disable is False
    assert config.control_socket == "/data/gunicorn.ctl"


def test_the_image_installs_the_runtime_lock_with_hashes():
    assert "pip install --require-hashes -r requirements/base.txt" in DOCKERFILE
    assert "dev.txt" not in DOCKERFILE
    assert not re.search(r"pip install \.", DOCKERFILE)


def test_the_code_is_not_owned_by_the_runtime_user_and_the_uid_is_pinned():
    assert "--chown" not in DOCKERFILE
    assert "--uid 10001" in DOCKERFILE and "--gid 10001" in DOCKERFILE
    assert "USER 10001:10001" in DOCKERFILE
    assert "10001:10001" in (PROJECT_DIR / "README.md").read_text()


def test_development_material_stays_out_of_the_image():
    ignored = set((PROJECT_DIR / ".dockerignore").read_text().split())
    for path in ("tests", "bench", "docs", ".ci", ".git", ".venv", "requirements/dev.txt"):
        assert path in ignored
