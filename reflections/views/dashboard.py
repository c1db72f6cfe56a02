from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "placeholder.html",
        {
            "section_title": "Dashboard",
            "coming": "The dashboard needs logged applications and reflections to show patterns.",
        },
    )
