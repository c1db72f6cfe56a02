"""A log line for every failed login (who was tried, and from where; never the password), and
the start of a session's idle clock at login."""

import logging
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.client_ip import client_ip
from accounts.middleware import LAST_SEEN_KEY

logger = logging.getLogger("rebound.accounts")


@receiver(user_login_failed)
def log_failed_login(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username_field = get_user_model().USERNAME_FIELD
    username = str(credentials.get(username_field) or credentials.get("username") or "")
    address = client_ip(request) if request is not None else "unknown"
    # %r keeps a username with a newline or control characters on one log line.
    logger.warning("Failed login for username %r from %s", username, address)


@receiver(user_logged_in)
def start_idle_clock(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    # Stamped here, saved with the login: the first pages after it need no extra session write.
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN_KEY] = int(time.time())
