from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from assessments.inventory.importer import InventoryInvalid, inventory_plan
from assessments.inventory.services import inventory_import
from outsourcing.imports.limits import Limits, TableError
from outsourcing.imports.reader import read_table
from outsourcing.models import Workspace

COMMAND_MAX_BYTES = 200 * 1024 * 1024


class Command(BaseCommand):
    help = "Import a CSV or XLSX inventory of business functions into a workspace (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--workspace", required=True, help="The workspace's slug")
        parser.add_argument("--dry-run", action="store_true", help="Check and summarise only")
        parser.add_argument(
            "--max-rows",
            type=int,
            default=settings.IMPORT_MAX_ROWS,
            help=f"Refuse larger files (default IMPORT_MAX_ROWS, {settings.IMPORT_MAX_ROWS:,})",
        )

    def handle(self, *args, file: Path, workspace: str, dry_run: bool, max_rows: int, **options):
        target = Workspace.objects.filter(slug=workspace).first()
        if target is None:
            raise CommandError(f"No workspace “{workspace}”.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        if file.stat().st_size > COMMAND_MAX_BYTES:
            raise CommandError(f"{file} is larger than {COMMAND_MAX_BYTES // 1024 // 1024} MB.")
        try:
            # A file on the server may be larger than an upload, but is read within the
            # same bounds otherwise: a hostile file is refused here as on the site.
            limits = Limits.from_settings(max_bytes=COMMAND_MAX_BYTES, max_rows=max_rows)
            table = read_table(file.read_bytes(), filename=file.name, limits=limits)
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
