"""The user account. Everything a user logs hangs off it and goes when it is deleted."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower


class User(AbstractUser):
    class ReminderFrequency(models.TextChoices):
        NEVER = "never", "Never"
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Every week (Mondays)"

    email = models.EmailField(
        "email address",
        help_text="Used to reset your password and, if you ask for them, to send reminders.",
    )
    full_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="Signs the messages Rebound drafts for you. Left empty, they sign with your "
        "username.",
    )
    reminder_frequency = models.CharField(
        "email reminders",
        max_length=10,
        choices=ReminderFrequency,
        default=ReminderFrequency.NEVER,
        help_text="A summary of what needs your attention, sent to your email address.",
    )
    # The day the last summary went out: a second run of send_reminders that day sends nothing.
    reminders_sent_on = models.DateField(null=True, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            # Unique whatever the case, so one person cannot end up with two accounts (and two
            # password resets) under Alice@ and alice@. Accounts made without an address
            # (createsuperuser allows it) are not counted.
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_case_insensitive",
                violation_error_message="An account with this email address already exists.",
            ),
        ]

    def signature_name(self) -> str:
        """The name that signs drafted messages: the full name, else the username."""
        return self.full_name.strip() or self.get_username()


# The demo account that `manage.py seed_demo` makes, marked by its address so that a real user
# who picked the name "demo" is never taken for it. The password is not a secret: the account
# holds made-up data, and the README and the home page show it.
DEMO_USERNAME = "demo"
DEMO_EMAIL = "demo@rebound.invalid"
DEMO_PASSWORD = "rebound-demo"


def demo_account_exists() -> bool:
    return User.objects.filter(username=DEMO_USERNAME, email=DEMO_EMAIL).exists()
