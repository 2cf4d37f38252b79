from outsourcing.imports.command import WorkspaceImportCommand
from vendors.contracts.transfer import transfer_apply, transfer_plan


class Command(WorkspaceImportCommand):
    help = (
        "Import contracts and/or SLA measurements (CSV, or XLSX with Contracts and "
        "Measurements sheets) into a workspace, all or nothing."
    )

    def plan(self, *, workspace, data, filename, limits):
        return transfer_plan(workspace=workspace, data=data, filename=filename, limits=limits)

    def summary(self, plan) -> str:
        return plan.summary

    def apply(self, *, workspace, plan) -> str:
        return transfer_apply(workspace=workspace, plan=plan, by=None)
