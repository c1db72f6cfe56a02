"""The question bank: questions from debriefs and reflections, and practising them by confidence."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.forms import modelform_factory
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from accounts.models import User
from core.http import wants_fragment
from reflections import services
from reflections.forms import ConfidenceForm, QuestionFilterForm, QuestionForm
from reflections.models import ActionItem, Question
from reflections.selectors import (
    interviews_asked_in,
    next_question_to_practise,
    question_bank,
    question_for_user,
)

PAGE_SIZE = 25
# Ids practised or skipped in this round travel in the URL and the form; the cap bounds its size.
SEEN_CAP = 200
CONFIDENCE_SCALE = range(1, 6)
DUPLICATE_TEXT = "This question is already in your bank."

AnswerDraftForm = modelform_factory(Question, fields=["answer_draft"])


# Loading ---------------------------------------------------------------------------------


def _seen_ids(values: list[str]) -> list[int]:
    """The round's practised or skipped ids from the request; anything not an id is dropped."""
    # More than 18 digits could not be an id, and would overflow the database's integer.
    ids = [int(value) for value in values if value.isdecimal() and len(value) <= 18]
    return list(dict.fromkeys(ids))[-SEEN_CAP:]


def _save_question(form: QuestionForm, user: User) -> Question | None:
    """Save the form's question; None if a simultaneous request took the same text first."""
    question = form.save(commit=False)
    question.user = user
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError:
        form.add_error("text", DUPLICATE_TEXT)
        return None
    return question


# Rendering -------------------------------------------------------------------------------


def _card(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One question's card in the list, annotated as the list shows it, after a change in place."""
    question = question_bank(request.user).get(pk=pk)
    context = {"question": question, "confidence_scale": CONFIDENCE_SCALE, "swapped": True}
    return render(request, "reflections/question_list.html#card", context)


def _practice(
    request: AuthenticatedHttpRequest,
    template: str,
    seen: list[int],
    *,
    just_rated: Question | None = None,
    ticked: list[ActionItem] | None = None,
    draft_kept: Question | None = None,
) -> HttpResponse:
    question = next_question_to_practise(request.user, exclude=seen)
    has_questions = question is not None or (
        bool(seen) and Question.objects.filter(user=request.user).exists()
    )
    context = {
        "question": question,
        "has_questions": has_questions,
        "seen": seen,
        "confidence_scale": CONFIDENCE_SCALE,
        "just_rated": just_rated,
        "ticked": ticked or [],
        "draft_kept": draft_kept,
        "swapped": wants_fragment(request),
    }
    return render(request, template, context)


def _practice_url(seen: list[int]) -> str:
    return f"{reverse('question_practice')}?{urlencode({'seen': seen}, doseq=True)}"


def _ticked_message(ticked: list[ActionItem]) -> str:
    titles = "; ".join(f"“{item.title}”" for item in ticked)
    return f" Marked done: {titles}." if ticked else ""


DRAFT_TOO_LONG = "Your answer draft is too long: keep it under 10,000 characters."


def _refused(request: AuthenticatedHttpRequest, problem: str, to: str) -> HttpResponse:
    """Bad input from a practice or list form: a 400 with the reason for htmx, else a message."""
    if request.htmx:
        return HttpResponseBadRequest(
            format_html('<p class="alert alert-danger" role="alert">{}</p>', problem)
        )
    messages.error(request, problem)
    return redirect(to)


# The bank --------------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def question_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = QuestionFilterForm(request.GET)
    # An invalid filter is left out of the search, never a 500.
    form.is_valid()
    questions = question_bank(request.user, form.cleaned_data)
    page_obj = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page_obj,
        "has_questions": page_obj.paginator.count > 0
        or Question.objects.filter(user=request.user).exists(),
        "confidence_scale": CONFIDENCE_SCALE,
    }
    template = "reflections/question_list.html"
    if wants_fragment(request):
        template += "#results"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def question_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = QuestionForm(request.POST, user=request.user)
        if form.is_valid() and (question := _save_question(form, request.user)):
            messages.success(request, f"Added “{question}” to your question bank.")
            return redirect("question_list")
    else:
        form = QuestionForm(user=request.user)
    return render(request, "reflections/question_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def question_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = question_for_user(request.user, pk)
    in_place = wants_fragment(request)
    if in_place and "cancel" in request.GET:
        return _card(request, question.pk)
    # Named before binding: an invalid form still copies its valid fields onto the instance.
    title = question.text
    # In place, several cards can be open at once: each form's ids must differ.
    auto_id: dict[str, str] = {"auto_id": f"id_question{question.pk}_%s"} if in_place else {}
    if request.method == "POST":
        form = QuestionForm(request.POST, instance=question, user=request.user, **auto_id)
        if form.is_valid() and _save_question(form, request.user):
            if in_place:
                return _card(request, question.pk)
            messages.success(request, f"Saved “{question}”.")
            return redirect("question_list")
    else:
        form = QuestionForm(instance=question, user=request.user, **auto_id)
    if in_place:
        form.fields["text"].widget.attrs["autofocus"] = True
    template = "reflections/question_form.html"
    if in_place:
        template += "#form"
    context = {"form": form, "question": question, "title": title, "in_place": in_place}
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def question_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = question_for_user(request.user, pk)
    if request.method == "POST":
        text = question.text
        question.delete()
        messages.success(request, f"Deleted “{text}” from your question bank.")
        return redirect("question_list")
    asked = interviews_asked_in(question)
    consequences = []
    if asked:
        consequences.append(
            f"its count of {asked} time{pluralize(asked)} asked (your interview debriefs and "
            "reflections keep their text)"
        )
    if question.answer_draft:
        consequences.append("your answer draft")
    if question.confidence:
        consequences.append(f"your confidence rating ({question.confidence}/5)")
    context = {
        "object": question,
        "object_kind": "question",
        "consequences": consequences,
        "cancel_url": reverse("question_list"),
    }
    return render(request, "confirm_delete.html", context)


# Practice --------------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def question_practice(request: AuthenticatedHttpRequest) -> HttpResponse:
    template = "reflections/question_practice.html"
    if wants_fragment(request):
        template += "#card"
    return _practice(request, template, _seen_ids(request.GET.getlist("seen")))


@require_POST
@vary_on_headers("HX-Request")
def question_confidence(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    question = question_for_user(request.user, pk)
    from_practice = request.POST.get("next") == "practice"
    form = ConfidenceForm(request.POST)
    # The practice card sends the answer draft along, so a rating never loses what was typed.
    draft_form = (
        AnswerDraftForm(request.POST, instance=question) if "answer_draft" in request.POST else None
    )
    forms_valid = form.is_valid() and (draft_form is None or draft_form.is_valid())
    if not forms_valid:
        problem = "Pick a confidence from 1 to 5."
        if draft_form is not None and draft_form.errors:
            problem = DRAFT_TOO_LONG
        return _refused(request, problem, "question_practice" if from_practice else "question_list")
    with transaction.atomic():
        if draft_form is not None and draft_form.has_changed():
            draft_form.save()
        ticked = services.question_set_confidence(
            question=question, confidence=form.cleaned_data["confidence"]
        )
    seen = _seen_ids([*request.POST.getlist("seen"), str(question.pk)])
    if request.htmx and from_practice:
        return _practice(
            request,
            "reflections/question_practice.html#card",
            seen,
            just_rated=question,
            ticked=ticked,
        )
    if request.htmx:
        if ticked:
            messages.success(request, _ticked_message(ticked).strip())
        return _card(request, question.pk)
    messages.success(
        request,
        f"Confidence in “{question}” set to {question.confidence}/5.{_ticked_message(ticked)}",
    )
    if from_practice:
        return redirect(_practice_url(seen))
    return redirect("question_list")


@require_POST
@vary_on_headers("HX-Request")
def question_skip(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Skip a question in practice, keeping the answer typed so far as its draft: it is there
    when the question comes round again, on any device."""
    question = question_for_user(request.user, pk)
    draft_form = AnswerDraftForm(request.POST, instance=question)
    if not draft_form.is_valid():
        return _refused(request, DRAFT_TOO_LONG, "question_practice")
    draft_kept = None
    if "answer_draft" in request.POST and draft_form.has_changed():
        draft_form.save()
        draft_kept = question
    seen = _seen_ids([*request.POST.getlist("seen"), str(question.pk)])
    if request.htmx:
        return _practice(
            request, "reflections/question_practice.html#card", seen, draft_kept=draft_kept
        )
    if draft_kept is not None:
        messages.success(request, f"Skipped “{question}”: your answer draft is kept for later.")
    return redirect(_practice_url(seen))
