"""A Django admin that only shows: for records whose every write must go through a
service (duplicate detection, change history, re-scoring, job leases)."""

from django.contrib import admin


class ReadOnlyAdminMixin:
    """Lists and detail pages stay for looking things up; adding, changing and deleting
    happen in the app's own pages, through its services."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
