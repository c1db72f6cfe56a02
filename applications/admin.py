"""Admin for the tracking domain: for support and debugging, kept fast with joins and lookups."""

from django.contrib import admin

from applications.models import (
    Application,
    Company,
    Contact,
    Feedback,
    FeedbackThemeMark,
    Interview,
    Outcome,
    StatusChange,
)


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin[Company]):
    list_display = ["name", "industry", "website", "user", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["name", "industry", "user__username"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin[Contact]):
    list_display = ["name", "role", "company", "email", "user"]
    list_filter = ["role"]
    search_fields = ["name", "email", "company__name", "user__username"]
    list_select_related = ["company", "user"]
    autocomplete_fields = ["user", "company"]


class StatusChangeInline(admin.TabularInline[StatusChange, Application]):
    model = StatusChange
    extra = 0
    fields = ["from_status", "to_status", "changed_at"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    list_display = ["company", "role_title", "status", "date_applied", "source", "archived", "user"]
    list_filter = ["status", "source", "archived", "work_mode"]
    search_fields = ["company__name", "role_title"]
    list_select_related = ["company", "user"]
    autocomplete_fields = ["user", "company", "referrer"]
    date_hierarchy = "date_applied"
    inlines = [StatusChangeInline]


@admin.register(Interview)
class InterviewAdmin(admin.ModelAdmin[Interview]):
    list_display = ["application", "stage", "scheduled_at", "rating", "format"]
    list_filter = ["stage", "format"]
    search_fields = ["application__company__name", "application__role_title"]
    list_select_related = ["application__company"]
    autocomplete_fields = ["application", "interviewers"]
    date_hierarchy = "scheduled_at"


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin[Outcome]):
    list_display = ["application", "result", "stage_reached", "decided_on"]
    list_filter = ["result", "stage_reached"]
    search_fields = ["application__company__name", "application__role_title", "reason"]
    list_select_related = ["application__company"]
    autocomplete_fields = ["application"]


class FeedbackThemeMarkInline(admin.TabularInline[FeedbackThemeMark, Feedback]):
    model = FeedbackThemeMark
    extra = 0


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin[Feedback]):
    list_display = ["application", "channel", "requested_on", "received_on", "from_whom"]
    list_filter = ["channel"]
    search_fields = [
        "application__company__name",
        "application__role_title",
        "from_whom",
        "content",
        "tags",
    ]
    list_select_related = ["application__company"]
    autocomplete_fields = ["application", "interview"]
    inlines = [FeedbackThemeMarkInline]
