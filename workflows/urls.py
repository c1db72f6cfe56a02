from django.urls import path

from workflows import views

urlpatterns = [
    path("", views.home, name="home"),
    path("undo/", views.change_undo, name="undo"),
    path(
        "applications/<int:pk>/no-response/",
        views.mark_no_response,
        name="application_mark_no_response",
    ),
    path("applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("applications/<int:pk>/delete/", views.application_delete, name="application_delete"),
    path("companies/<int:pk>/delete/", views.company_delete, name="company_delete"),
    path("applications/<int:pk>/status/", views.application_status, name="application_status"),
    path("applications/<int:pk>/outcome/", views.outcome_edit, name="outcome_edit"),
    path("interviews/<int:pk>/debrief/", views.interview_debrief, name="interview_debrief"),
]
