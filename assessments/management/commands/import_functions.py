from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.inventory.importer import InventoryInvalid, inventory_plan
from assessments.inventory.services import inventory_import
from outsourcing.models import Workspace
from outsourcing.tabular import TableError, read_table


class Command(BaseCommand):
    help = "Import a CSV or XLSX inventory of business functions into a workspace (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--workspace", required=True, help="The workspace's slug")
        parser.add_argument("--dry-run", action="store_true", help="Check and summarise only")
        parser.add_argument(
            "--max-rows",
            type=int,
            default=1_000_000,
            help="Refuse larger files (default 1,000,000)",
        )

    def handle(self, *args, file: Path, workspace: str, dry_run: bool, max_rows: int, **options):
        target = Workspace.objects.filter(slug=workspace).first()
        if target is None:
            raise CommandError(f"No workspace “{workspace}”.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        try:
            table = read_table(
                file.read_bytes(), filename=file.name, max_bytes=1 << 31, max_rows=max_rows
            )
            plan = inventory_plan(workspace=target, table=table)
        except TableError as exc:
            raise CommandError(str(exc)) from None
        except InventoryInvalid as exc:
            raise CommandError("Nothing was imported:\n  " + "\n  ".join(exc.messages)) from None
        summary = (
            f"{len(plan.creates):,} to add, {len(plan.updates):,} to update, "
            f"{len(plan.assessed):,} rows with ratings"
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing changed: {summary}.")
            return
        result = inventory_import(workspace=target, plan=plan, imported_by=None)
        self.stdout.write(self.style.SUCCESS(result.message))
