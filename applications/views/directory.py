"""Views of the user's companies and contacts: lists with search, create, edit and delete."""

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, Q, QuerySet
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from accounts.http import AuthenticatedHttpRequest
from applications import services
from applications.forms import CompanyForm, ContactForm, SearchForm
from applications.models import Company, Contact
from applications.selectors.ownership import company_for_user, contact_for_user
from core.http import wants_fragment

PAGE_SIZE = 25
NAME_TAKEN = "You already have a company with this name."


def _page[M: Model](request: AuthenticatedHttpRequest, items: QuerySet[M]) -> Page[M]:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def company_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = SearchForm(request.GET).query()
    # Meta.ordering does not apply to a grouped query, so the order is spelled out.
    companies = (
        Company.objects.filter(user=request.user)
        .annotate(application_count=Count("applications"))
        .order_by(Lower("name"), "pk")
    )
    if query:
        companies = companies.filter(name__icontains=query)
    template = "applications/company_list.html"
    if wants_fragment(request):
        template += "#results"
    context = {
        "page_obj": _page(request, companies),
        "q": query,
    }
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def company_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = CompanyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        company = form.save(commit=False)
        company.user = request.user
        if services.company_save(company=company):
            messages.success(request, f"Added {company}.")
            return redirect(company)
        form.add_error("name", NAME_TAKEN)
    return render(request, "applications/company_form.html", {"form": form})


def company_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    company = company_for_user(request.user, pk)
    context = {
        "company": company,
        "applications": company.applications.filter(user=request.user),
        "contacts": company.contacts.filter(user=request.user),
    }
    return render(request, "applications/company_detail.html", context)


@require_http_methods(["GET", "POST"])
def company_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    company = company_for_user(request.user, pk)
    form = CompanyForm(request.POST or None, instance=company, user=request.user)
    if request.method == "POST" and form.is_valid():
        if services.company_save(company=form.save(commit=False)):
            messages.success(request, f"Saved {company}.")
            return redirect(company)
        form.add_error("name", NAME_TAKEN)
    return render(request, "applications/company_form.html", {"form": form, "company": company})


@require_safe
@vary_on_headers("HX-Request", "HX-History-Restore-Request")
def contact_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = SearchForm(request.GET).query()
    contacts = (
        Contact.objects.filter(user=request.user)
        .select_related("company")
        .order_by(Lower("name"), "pk")
    )
    if query:
        contacts = contacts.filter(
            Q(name__icontains=query) | Q(company__name__icontains=query) | Q(email__icontains=query)
        )
    template = "applications/contact_list.html"
    if wants_fragment(request):
        template += "#results"
    context = {
        "page_obj": _page(request, contacts),
        "q": query,
    }
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def contact_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    # "Add a contact" on a company's page preselects it; other users' ids match no choice.
    form = ContactForm(
        request.POST or None, user=request.user, initial={"company": request.GET.get("company")}
    )
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.user = request.user
        contact.save()
        messages.success(request, f"Added {contact}.")
        return redirect("contact_list")
    return render(request, "applications/contact_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = contact_for_user(request.user, pk)
    form = ContactForm(request.POST or None, instance=contact, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved {contact}.")
        return redirect("contact_list")
    return render(request, "applications/contact_form.html", {"form": form, "contact": contact})


@require_http_methods(["GET", "POST"])
def contact_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = contact_for_user(request.user, pk)
    if request.method == "POST":
        contact.delete()
        messages.success(request, f"Deleted {contact}.")
        return redirect("contact_list")
    context = {
        "object": contact,
        "object_kind": "contact",
        "consequences": [],
        "cancel_url": reverse("contact_edit", args=[contact.pk]),
    }
    return render(request, "confirm_delete.html", context)
