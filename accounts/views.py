from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from accounts.forms import (
    AccountCreateForm,
    AccountSettingsForm,
    DeleteAccountForm,
    SignUpForm,
)
from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from accounts.services import (
    account_create,
    account_delete,
    signup_email_from_token,
    signup_request,
    signup_token,
    user_with_email,
)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["signup_enabled"] = settings.SIGNUP_ENABLED
        return context


def lockout(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict[str, Any]
) -> HttpResponse:
    """The page django-axes answers a locked-out login with (AXES_LOCKOUT_CALLABLE)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/lockout.html", context, status=429)


def _signup_closed(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_closed.html", status=403)


@login_not_required
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if not settings.SIGNUP_ENABLED:
        return _signup_closed(request)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        sent = signup_request(
            email=email,
            finish_url=request.build_absolute_uri(
                reverse("signup_finish", args=[signup_token(email)])
            ),
            login_url=request.build_absolute_uri(reverse("login")),
            reset_url=request.build_absolute_uri(reverse("password_reset")),
        )
        if sent:
            return redirect("signup_sent")
        form.add_error(None, "The email could not be sent just now. Try again in a few minutes.")
    return render(request, "accounts/signup.html", {"form": form})


@login_not_required
@require_safe
def signup_sent(request: HttpRequest) -> HttpResponse:
    if not settings.SIGNUP_ENABLED:
        return _signup_closed(request)
    return render(request, "accounts/signup_sent.html")


@login_not_required
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "HEAD", "POST"])
def signup_finish(request: HttpRequest, token: str) -> HttpResponse:
    if not settings.SIGNUP_ENABLED:
        return _signup_closed(request)
    email = signup_email_from_token(token)
    if email is None:
        return render(request, "accounts/signup_link_invalid.html", status=400)
    if user_with_email(email) is not None:
        messages.info(request, "This link was used already: your account is ready. Log in.")
        return redirect("login")
    form = AccountCreateForm(request.POST or None, instance=User(email=email))
    if request.method == "POST" and form.is_valid():
        user = account_create(user=form.save(commit=False))
        if user is None:
            # A double submit: the first one made the account (and signed this browser in).
            messages.info(request, "Your account is ready. Log in.")
            return redirect("login")
        login(request, user, backend=MODEL_BACKEND)
        messages.success(request, f"Welcome to Rebound, {user.get_username()}.")
        return redirect("home")
    return render(request, "accounts/signup_finish.html", {"form": form, "email": email})


@require_http_methods(["GET", "HEAD", "POST"])
def account_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    # Bound on the method, not on request.POST: an empty POST is a submit with errors to show.
    form = AccountSettingsForm(
        request.POST if request.method == "POST" else None, instance=request.user
    )
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        # Only the fields on the form: a full save would write back the rest of the row as this
        # request loaded it, undoing what send_reminders marked in the meantime.
        user.save(update_fields=list(AccountSettingsForm.Meta.fields))
        messages.success(request, "Your settings are saved.")
        return redirect("account_settings")
    return render(request, "accounts/settings.html", {"form": form})


@sensitive_post_parameters("password")
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, "Your account and everything in it have been deleted.")
        return redirect("login")
    return render(request, "accounts/delete_account.html", {"form": form})
