"""The themes read in the employer's stated reason, confirmed or corrected by the user.

An outcome's reason that mentions a theme's keywords counts under that theme on the dashboard,
marked "inferred". On the application's page the user confirms it, says "not this", or picks
the theme it really was, and can take any of these answers back. htmx swaps the outcome's
theme block; a plain POST redirects back.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from applications import services
from applications.models import FeedbackTheme, Outcome
from applications.selectors.history import application_with_history
from applications.selectors.ownership import application_for_user
from applications.views.history import DETAIL, detail_context


class ThemeAction(models.TextChoices):
    CONFIRM = "confirm", "Confirm"
    DISMISS = "dismiss", "Not this"
    CORRECT = "correct", "Use this instead"
    UNDO = "undo", "Undo my answer"


class OutcomeThemeDecisionForm(forms.Form):
    """One answer about a theme of an outcome: confirm it, dismiss it, pick another, or take
    the earlier answer back."""

    theme = forms.ChoiceField(choices=FeedbackTheme.choices)
    decision = forms.ChoiceField(choices=ThemeAction.choices)
    instead = forms.ChoiceField(
        label="The reason it was instead",
        choices=[("", "---------"), *FeedbackTheme.choices],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == ThemeAction.CORRECT:
            instead = cleaned.get("instead")
            if not instead:
                self.add_error("instead", "Pick the reason it was instead.")
            elif instead == cleaned.get("theme"):
                self.add_error("instead", "Pick a reason other than the one it was read as.")
        return cleaned


def _decide(outcome: Outcome, cleaned: dict[str, Any]) -> str:
    """Store the decision; the message that says what changed."""
    theme = FeedbackTheme(cleaned["theme"])
    if cleaned["decision"] == ThemeAction.CONFIRM:
        services.outcome_theme_confirm(outcome=outcome, theme=theme)
        return f"{theme.label} confirmed as a reason."
    if cleaned["decision"] == ThemeAction.DISMISS:
        services.outcome_theme_dismiss(outcome=outcome, theme=theme)
        return f"{theme.label} is no longer counted from the employer's words."
    if cleaned["decision"] == ThemeAction.UNDO:
        services.outcome_theme_undecide(outcome=outcome, theme=theme)
        if theme in outcome.themes_mentioned():
            return f"{theme.label} counts as inferred from the employer's words again."
        return f"{theme.label} is no longer counted."
    instead = FeedbackTheme(cleaned["instead"])
    services.outcome_theme_correct(outcome=outcome, theme=theme, instead=instead)
    return f"Counted as {instead.label} instead of {theme.label}."


@require_POST
@vary_on_headers("HX-Request")
def outcome_theme_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    outcome = get_object_or_404(Outcome, application=application)
    form = OutcomeThemeDecisionForm(request.POST)
    valid = form.is_valid()
    if valid:
        messages.success(request, _decide(outcome, form.cleaned_data))
    if request.htmx:
        context = {
            "application": application,
            "outcome": outcome,
            "theme_form": form,
            "theme_decided": True,
        }
        return render(request, f"{DETAIL}#outcome_themes", context)
    if valid:
        return redirect("application_detail", pk=application.pk)
    # Without JavaScript a refused choice shows the page again, the reason beside the themes.
    context = detail_context(application_with_history(request.user, application.pk))
    return render(request, DETAIL, {**context, "theme_form": form})
