from django.urls import path

from reflections.views import action_items, dashboard, follow_ups, questions, reflections, sources

urlpatterns = [
    # Reflections: the checklist filled in after a rejection or an interview.
    path("reflections/", reflections.reflection_list, name="reflection_list"),
    path("reflections/<int:pk>/", reflections.reflection_detail, name="reflection_detail"),
    path(
        "reflections/<int:pk>/sections/<slug:section_key>/",
        reflections.reflection_section_save,
        name="reflection_section_save",
    ),
    path("reflections/<int:pk>/finish/", reflections.reflection_finish, name="reflection_finish"),
    path(
        "reflections/<int:pk>/closing/", reflections.reflection_closing, name="reflection_closing"
    ),
    path("reflections/<int:pk>/delete/", reflections.reflection_delete, name="reflection_delete"),
    path(
        "interviews/<int:pk>/reflect/",
        reflections.reflection_start_for_interview,
        name="reflection_start_for_interview",
    ),
    path("sources/", sources.source_list, name="source_list"),
    # Action items.
    path("actions/", action_items.action_item_list, name="action_item_list"),
    path("actions/new/", action_items.action_item_create, name="action_item_create"),
    path(
        "reflections/<int:pk>/actions/new/",
        action_items.reflection_action_item_create,
        name="reflection_action_item_create",
    ),
    path(
        "actions/<int:pk>/done/",
        action_items.action_item_toggle_done,
        name="action_item_toggle_done",
    ),
    path("actions/<int:pk>/edit/", action_items.action_item_edit, name="action_item_edit"),
    path("actions/<int:pk>/delete/", action_items.action_item_delete, name="action_item_delete"),
    # Question bank.
    path("questions/", questions.question_list, name="question_list"),
    path("questions/new/", questions.question_create, name="question_create"),
    path("questions/practice/", questions.question_practice, name="question_practice"),
    path("questions/<int:pk>/edit/", questions.question_edit, name="question_edit"),
    path(
        "questions/<int:pk>/confidence/", questions.question_confidence, name="question_confidence"
    ),
    path("questions/<int:pk>/skip/", questions.question_skip, name="question_skip"),
    path("questions/<int:pk>/delete/", questions.question_delete, name="question_delete"),
    # Follow-up messages.
    path(
        "applications/<int:pk>/follow-ups/<slug:kind>/",
        follow_ups.follow_up_compose,
        name="follow_up_compose",
    ),
    # The dashboard.
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/panels/<slug:name>/", dashboard.dashboard_panel, name="dashboard_panel"),
    path("dashboard/applications/", dashboard.drill_down_list, name="drill_down_list"),
]
