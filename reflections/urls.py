from django.urls import path

from reflections import views

urlpatterns = [
    path("reflections/", views.reflection_list, name="reflection_list"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
