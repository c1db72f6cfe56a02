"""One object of the user's, or 404: the only way views fetch by id, so another user's id
never reveals anything."""

from django.shortcuts import get_object_or_404

from accounts.models import User
from applications.models import Application, Company, Contact, Feedback, Interview


def application_for_user(user: User, pk: int) -> Application:
    return get_object_or_404(Application.objects.select_related("company"), pk=pk, user=user)


def interview_for_user(user: User, pk: int) -> Interview:
    return get_object_or_404(
        Interview.objects.select_related("application__company"), pk=pk, application__user=user
    )


def feedback_for_user(user: User, pk: int) -> Feedback:
    return get_object_or_404(
        Feedback.objects.select_related("application__company"), pk=pk, application__user=user
    )


def company_for_user(user: User, pk: int) -> Company:
    return get_object_or_404(Company, pk=pk, user=user)


def contact_for_user(user: User, pk: int) -> Contact:
    return get_object_or_404(Contact.objects.select_related("company"), pk=pk, user=user)
