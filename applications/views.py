from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "applications/home.html")


def application_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "placeholder.html",
        {
            "section_title": "Applications",
            "coming": "Logging applications, interviews, outcomes and feedback comes next.",
        },
    )
