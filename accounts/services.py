"""Account workflows that touch more than one model or the outside world."""

import logging
import smtplib

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string

from accounts.models import User

SIGNUP_SALT = "accounts.signup"
logger = logging.getLogger("rebound.accounts")


def user_with_email(email: str) -> User | None:
    """The account using this address, whatever its case (the database keeps them unique)."""
    return User.objects.alias(email_lower=Lower("email")).filter(email_lower=email.lower()).first()


def signup_token(email: str) -> str:
    """A signed, dated token naming the address; the link made from it finishes sign-up."""
    return signing.dumps({"email": email}, salt=SIGNUP_SALT)


def signup_email_from_token(token: str) -> str | None:
    """The address a token was made for, or None if it is forged or older than the limit."""
    try:
        payload = signing.loads(token, salt=SIGNUP_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
    except signing.BadSignature:
        return None
    email = payload.get("email") if isinstance(payload, dict) else None
    return email if isinstance(email, str) else None


def signup_request(*, email: str, finish_url: str, login_url: str, reset_url: str) -> bool:
    """Mail the address: a link to finish signing up, or, when an account already uses it, a
    notice saying so. The caller answers the same either way, so a sign-up reveals nothing
    about which addresses have accounts. False when the mail could not be sent (both kinds go
    through the same server, so that says nothing about the address either)."""
    existing = user_with_email(email)
    if existing is None:
        subject = "Finish signing up to Rebound"
        template = "accounts/signup_email.txt"
        context: dict[str, object] = {"finish_url": finish_url}
        recipient = email
    else:
        subject = "Someone tried to sign up to Rebound with your address"
        template = "accounts/signup_existing_email.txt"
        context = {"user": existing, "login_url": login_url, "reset_url": reset_url}
        recipient = existing.email
    try:
        send_mail(subject, render_to_string(template, context), None, [recipient])
    except (smtplib.SMTPException, OSError):
        logger.exception("The sign-up email could not be sent")
        return False
    return True


def account_create(*, user: User) -> User | None:
    """Save a new account; None if its username or address was taken meanwhile (a double
    submit, or a second tab), which the unique constraints catch."""
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return None
    return user


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the user and, through cascading foreign keys, every row they own."""
    user.delete()
