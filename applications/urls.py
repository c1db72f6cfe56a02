from django.urls import path

from applications.views import applications, directory, history, theme_decisions

urlpatterns = [
    # Applications: list, board, quick add, archive (edit, status, delete: workflows).
    path("applications/", applications.application_list, name="application_list"),
    path("applications/board/", applications.application_board, name="application_board"),
    path("applications/new/", applications.application_quick_add, name="application_quick_add"),
    path(
        "applications/<int:pk>/archive/",
        applications.application_archive,
        name="application_archive",
    ),
    # One application's page and its history, edited in place.
    path("applications/<int:pk>/", history.application_detail, name="application_detail"),
    path(
        "applications/<int:pk>/interviews/new/", history.interview_create, name="interview_create"
    ),
    path("interviews/<int:pk>/edit/", history.interview_edit, name="interview_edit"),
    path("interviews/<int:pk>/delete/", history.interview_delete, name="interview_delete"),
    path("applications/<int:pk>/feedback/new/", history.feedback_create, name="feedback_create"),
    path("feedback/<int:pk>/edit/", history.feedback_edit, name="feedback_edit"),
    path("feedback/<int:pk>/delete/", history.feedback_delete, name="feedback_delete"),
    path("applications/<int:pk>/outcome/delete/", history.outcome_delete, name="outcome_delete"),
    path(
        "applications/<int:pk>/outcome/themes/",
        theme_decisions.outcome_theme_decide,
        name="outcome_theme_decide",
    ),
    # Companies and contacts.
    path("companies/", directory.company_list, name="company_list"),
    path("companies/new/", directory.company_create, name="company_create"),
    path("companies/<int:pk>/", directory.company_detail, name="company_detail"),
    path("companies/<int:pk>/edit/", directory.company_edit, name="company_edit"),
    path("contacts/", directory.contact_list, name="contact_list"),
    path("contacts/new/", directory.contact_create, name="contact_create"),
    # Names offered while typing a company or a referrer (quick add, the edit page).
    path(
        "companies/suggestions/",
        applications.company_name_suggestions,
        name="company_name_suggestions",
    ),
    path(
        "contacts/suggestions/",
        applications.contact_name_suggestions,
        name="contact_name_suggestions",
    ),
    path("contacts/<int:pk>/edit/", directory.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", directory.contact_delete, name="contact_delete"),
]
