"""Account workflows that touch more than one model."""

from django.db import transaction

from accounts.models import User


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the user and, through cascading foreign keys, every row they own."""
    user.delete()
