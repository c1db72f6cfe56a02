"""Follow-up messages: a draft of each kind, filled from the application, to copy, send and record."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.http import AuthenticatedHttpRequest
from applications.models import Application, Interview
from applications.selectors.ownership import application_for_user
from reflections import follow_up_templates, services
from reflections.forms import FOLLOW_UP_KINDS, FollowUpForm
from reflections.selectors import follow_up_known_contact


def _chosen_interview(request: HttpRequest, application: Application) -> Interview | None:
    """The interview in ?interview=, which must be the application's, else the latest past one."""
    interviews = application.interviews.prefetch_related("interviewers")
    raw = request.GET.get("interview", "")
    if not raw:
        return interviews.filter(scheduled_at__lte=timezone.now()).order_by("-scheduled_at").first()
    try:
        interview_pk = int(raw)
    except ValueError:
        raise Http404("No such interview.") from None
    return get_object_or_404(interviews, pk=interview_pk)


@require_http_methods(["GET", "HEAD", "POST"])
def follow_up_compose(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    application = application_for_user(request.user, pk)
    follow_up_kind = FOLLOW_UP_KINDS.get(kind)
    if follow_up_kind is None:
        raise Http404("No such kind of follow-up.")
    interview = _chosen_interview(request, application)
    draft = follow_up_templates.draft_follow_up(
        follow_up_kind,
        application,
        interview,
        request.user.signature_name(),
        follow_up_known_contact(application),
    )
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            services.follow_up_mark_sent(
                user=request.user,
                application=application,
                kind=follow_up_kind,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                recipient=form.cleaned_data["recipient"],
                interview=interview,
                sent_on=form.cleaned_data["sent_on"],
            )
            messages.success(request, f"{follow_up_kind.label}: recorded as sent.")
            return redirect(reverse("application_detail", args=[application.pk]))
        messages.error(request, "Nothing was recorded: correct the fields marked below.")
        # The email link carries the message as posted, as the page shows it.
        draft = follow_up_templates.Draft(
            subject=form.data.get("subject", ""),
            body=form.data.get("body", ""),
            recipient=form.data.get("recipient", ""),
        )
    else:
        form = FollowUpForm(
            initial={"recipient": draft.recipient, "subject": draft.subject, "body": draft.body}
        )

    # Switching kind keeps the interview the user picked.
    query = f"?interview={interview.pk}" if request.GET.get("interview") and interview else ""
    kinds = [
        {
            "name": follow_up_templates.GUIDES[other].name,
            "url": reverse("follow_up_compose", args=[application.pk, slug]) + query,
            "current": other == follow_up_kind,
        }
        for slug, other in FOLLOW_UP_KINDS.items()
    ]
    context = {
        "application": application,
        "kind": follow_up_kind,
        "guide": follow_up_templates.GUIDES[follow_up_kind],
        "kinds": kinds,
        "interview": interview,
        "interviews": application.interviews.all(),
        "form": form,
        "mailto_url": follow_up_templates.mailto_url(draft),
        "sent": application.follow_ups.filter(kind=follow_up_kind),
    }
    return render(request, "reflections/follow_up_compose.html", context)
