from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from outsourcing.admin_readonly import ReadOnlyAdminMixin
from outsourcing.models import BusinessFunction, Department, Job, Membership, User, Workspace


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["first_name", "last_name"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Workspace)
class WorkspaceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "country", "currency", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(BusinessFunction)
class BusinessFunctionAdmin(admin.ModelAdmin):
    list_display = ["name", "workspace", "department", "annual_cost", "fte", "is_archived"]
    list_filter = ["workspace", "is_archived", "current_sourcing"]
    search_fields = ["name", "description"]
    list_select_related = ["workspace", "department"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "workspace"]
    list_filter = ["workspace"]


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a job's state belongs to its worker and the sweep (a hand-set "running"
    would hold no lease). A failed job is retried from its page."""

    list_display = [
        "kind",
        "workspace",
        "status",
        "progress",
        "attempts",
        "created_at",
        "heartbeat_at",
        "finished_at",
    ]
    list_filter = ["kind", "status"]
