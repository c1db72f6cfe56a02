from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("", include("applications.urls")),
    path("", include("reflections.urls")),
    path("", include("workflows.urls")),
    path("", include("portability.urls")),
]
