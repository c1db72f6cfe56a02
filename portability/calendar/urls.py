"""The private calendar feed of a user's interviews (ICS), behind a secret token."""

from django.urls import path

from portability.calendar import views

urlpatterns = [
    path("", views.calendar_settings, name="calendar_settings"),
    path("new-address/", views.calendar_regenerate, name="calendar_regenerate"),
    path("feed/<slug:token>.ics", views.calendar_feed, name="calendar_feed"),
]
