"""The user account. Everything a user logs hangs off it and goes when it is deleted."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    email = models.EmailField("email address", help_text="Used only to reset your password.")

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
