from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.debug import sensitive_post_parameters

from accounts.forms import DeleteAccountForm, SignUpForm
from accounts.http import AuthenticatedHttpRequest
from accounts.services import account_delete


@login_not_required
@sensitive_post_parameters("password1", "password2")
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to Rebound, {user.get_username()}.")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


def account_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "accounts/settings.html")


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
