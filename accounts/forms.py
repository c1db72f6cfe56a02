from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm

from accounts.models import DEMO_EMAIL, DEMO_USERNAME, User


class SignUpForm(forms.Form):
    """The first step of signing up: an address to send the link to.

    It never says whether the address is taken: that would tell anyone who types a colleague's
    address that they are job-hunting. The view mails the address either way.
    """

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="We send a link to finish signing up. It is used only for that, to reset "
        "your password, and for reminders if you turn them on.",
    )

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        return User.objects.normalize_email(email)


class AccountCreateForm(UserCreationForm[User]):
    """The second step, from the emailed link: a username and a password for that address."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username",)


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone, so it asks for the password and a tick."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that all my applications, interviews, reflections and notes "
        "will be deleted for good."
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        # The signed-in user's own password, checked directly: this is not a login, so it
        # neither goes through login throttling nor counts as a failed login.
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password


class AccountSettingsForm(forms.ModelForm[User]):
    """The name that signs drafted messages, and whether to get reminder emails."""

    NO_EMAIL = (
        "Reminders go to your account's email address, and this account has none. Ask whoever "
        "runs this Rebound to add one, or keep reminders off."
    )

    class Meta:
        model = User
        fields = ("full_name", "reminder_frequency")
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "reminder_frequency": forms.RadioSelect,
        }

    DEMO = (
        "The demo account cannot get reminders: anyone can log in to it, and its address "
        "receives no mail. Sign up for your own account to get them."
    )
    UNDELIVERABLE = (
        "Reminders go to your account's email address, and {email} cannot receive mail. Ask "
        "whoever runs this Rebound to change it, or keep reminders off."
    )

    def clean_reminder_frequency(self) -> str:
        frequency: str = self.cleaned_data["reminder_frequency"]
        if frequency == User.ReminderFrequency.NEVER:
            return frequency
        email = self.instance.email
        if not email:
            raise forms.ValidationError(self.NO_EMAIL)
        if self.instance.get_username() == DEMO_USERNAME and email == DEMO_EMAIL:
            raise forms.ValidationError(self.DEMO)
        # .invalid is reserved never to exist (RFC 2606): made-up accounts use it.
        if email.lower().endswith(".invalid"):
            raise forms.ValidationError(self.UNDELIVERABLE.format(email=email))
        return frequency
