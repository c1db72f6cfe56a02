"""The spreadsheet import: upload a CSV or XLSX, map its columns, preview, import."""

from django.urls import path

from portability.spreadsheet import views

urlpatterns = [
    path("", views.spreadsheet_upload, name="spreadsheet_upload"),
    path("<int:pk>/", views.spreadsheet_map, name="spreadsheet_map"),
    path("<int:pk>/preview/", views.spreadsheet_preview, name="spreadsheet_preview"),
    path("<int:pk>/import/", views.spreadsheet_import, name="spreadsheet_import"),
]
