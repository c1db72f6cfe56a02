from django.urls import include, path

urlpatterns = [
    path("data/", include("portability.archive.urls")),
    path("data/spreadsheet/", include("portability.spreadsheet.urls")),
    path("calendar/", include("portability.calendar.urls")),
]
