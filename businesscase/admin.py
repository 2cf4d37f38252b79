from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from businesscase.models import BusinessCaseDefaults, FunctionAssumptions, ProjectedSaving


@admin.register(BusinessCaseDefaults)
class BusinessCaseDefaultsAdmin(SimpleHistoryAdmin):
    list_display = ["workspace", "loaded_cost_per_fte", "governance_pct", "discount_rate_pct"]
    list_select_related = ["workspace"]
    raw_id_fields = ["workspace", "updated_by"]


@admin.register(FunctionAssumptions)
class FunctionAssumptionsAdmin(SimpleHistoryAdmin):
    list_display = ["function", "transition_cost", "exit_cost", "updated_at", "updated_by"]
    list_select_related = ["function", "updated_by"]
    raw_id_fields = ["function", "updated_by"]


@admin.register(ProjectedSaving)
class ProjectedSavingAdmin(admin.ModelAdmin):
    list_display = ["function", "shore", "annual_saving", "npv", "computed_at"]
    list_select_related = ["function"]
    raw_id_fields = ["function"]
