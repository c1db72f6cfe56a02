"""gunicorn settings for production: `gunicorn -c config/gunicorn.py config.wsgi`.

`python config/gunicorn.py --healthcheck` asks `/healthz` at the address gunicorn binds to
(computed below, so `GUNICORN_BIND` or `PORT` naming another port moves the check with it):
the container's health check. Exit status 0 when it answers 200.
"""

import os
import sys

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak never takes the site down.
max_requests = 1000
max_requests_jitter = 100
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn >= 25.1 opens a control socket (for `gunicornc`) under $XDG_RUNTIME_DIR or
# $HOME/.gunicorn; in the container the home is not writable and nothing uses it. Off unless
# GUNICORN_CONTROL_SOCKET names a path in a writable folder.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]


def health_url(address: str) -> str:
    """The /healthz URL on loopback for a gunicorn bind address ("host:port", "[v6]:port")."""
    first = address.split(",")[0].strip()
    if first.startswith(("unix:", "fd://")):
        raise ValueError(f"cannot probe a non-TCP bind address: {first}")
    host, _, port = first.rpartition(":")
    if host in ("", "*", "0.0.0.0"):  # noqa: S104  (every interface: ask loopback)
        host = "127.0.0.1"
    elif host in ("[::]", "::"):
        host = "[::1]"
    return f"http://{host}:{int(port or 8000)}/healthz"


def healthcheck() -> int:
    import urllib.request

    try:
        with urllib.request.urlopen(health_url(bind), timeout=4) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except Exception as error:  # any failure is "unhealthy", with the reason in the log
        print(f"healthcheck failed: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__" and sys.argv[1:] == ["--healthcheck"]:
    sys.exit(healthcheck())
