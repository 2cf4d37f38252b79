from django.contrib import admin

from portfolio.models import PortfolioReport


@admin.register(PortfolioReport)
class PortfolioReportAdmin(admin.ModelAdmin):
    """Reports are kept as they were sent: the admin shows them and never edits them."""

    list_display = ["workspace", "requested_at", "requested_by", "generated_at", "model_version"]
    list_filter = ["workspace"]
    list_select_related = ["workspace", "requested_by"]
    date_hierarchy = "requested_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
