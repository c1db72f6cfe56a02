"""Email addresses become unique whatever their case.

Existing duplicates must go first or the constraint cannot be added. No account is deleted:
in each group of accounts sharing an address, the one that logged in most recently keeps it
(the one in use; the oldest if none ever logged in), and the others lose the address (set to
empty, which the constraint does not count). They still log in with their username and
password; only a password reset by email needs the address back, which an administrator can
set. The migration prints the usernames it changed.
"""

from django.db import migrations, models
from django.db.models import F, Q
from django.db.models.functions import Lower


def clear_duplicate_emails(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    duplicated = (
        User.objects.exclude(email="")
        .annotate(email_lower=Lower("email"))
        .values("email_lower")
        .annotate(count=models.Count("pk"))
        .filter(count__gt=1)
        .values_list("email_lower", flat=True)
    )
    for email_lower in list(duplicated):
        group = list(
            User.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower=email_lower)
            .order_by(F("last_login").desc(nulls_last=True), "pk")
        )
        for user in group[1:]:
            print(f"\n  accounts: cleared the duplicate address of user {user.username!r}", end="")
            user.email = ""
            user.save(update_fields=["email"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(clear_duplicate_emails, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="user_email_unique_case_insensitive",
                violation_error_message="An account with this email address already exists.",
            ),
        ),
    ]
