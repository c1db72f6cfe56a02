"""Archive: the lossless JSON export and import, and the CSV zip export."""

from django.urls import path

from portability.archive import views

urlpatterns = [
    path("export.json", views.export_json, name="export_json"),
    path("export.zip", views.export_zip, name="export_zip"),
    path("import/", views.import_archive, name="archive_import"),
]
