from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def reflection_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "placeholder.html",
        {
            "section_title": "Reflections",
            "coming": "Structured reflections after a rejection arrive after application tracking.",
        },
    )


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "placeholder.html",
        {
            "section_title": "Dashboard",
            "coming": "The dashboard needs logged applications and reflections to show patterns.",
        },
    )
