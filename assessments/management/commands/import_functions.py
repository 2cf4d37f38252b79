from assessments.inventory.importer import inventory_plan
from assessments.inventory.services import inventory_import
from outsourcing.hooks import functions_imported
from outsourcing.imports.command import WorkspaceImportCommand
from outsourcing.imports.reader import read_table


class Command(WorkspaceImportCommand):
    help = "Import a CSV or XLSX inventory of business functions into a workspace (all or nothing)."

    def plan(self, *, workspace, data, filename, limits):
        table = read_table(data, filename=filename, limits=limits)
        return inventory_plan(workspace=workspace, table=table)

    def summary(self, plan) -> str:
        return (
            f"{len(plan.creates):,} to add, {len(plan.updates):,} to update, "
            f"{len(plan.assessed):,} rows with ratings."
        )

    def apply(self, *, workspace, plan):
        result = inventory_import(workspace=workspace, plan=plan, imported_by=None)
        functions_imported(workspace)  # e.g. projected savings (outsourcing.hooks)
        return result
