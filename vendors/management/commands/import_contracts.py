from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outsourcing.imports.limits import TableError
from outsourcing.models import Workspace
from vendors.contracts.transfer import TransferInvalid, transfer_apply, transfer_plan


class Command(BaseCommand):
    help = (
        "Import contracts and/or SLA measurements (CSV, or XLSX with Contracts and "
        "Measurements sheets) into a workspace, all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--workspace", required=True, help="The workspace's slug")
        parser.add_argument("--dry-run", action="store_true", help="Check and summarise only")
        parser.add_argument("--max-rows", type=int, default=1_000_000)

    def handle(self, *args, file: Path, workspace: str, dry_run: bool, max_rows: int, **options):
        target = Workspace.objects.filter(slug=workspace).first()
        if target is None:
            raise CommandError(f"No workspace “{workspace}”.")
        if not file.is_file():
            raise CommandError(f"No file at {file}.")
        try:
            plan = transfer_plan(
                workspace=target,
                data=file.read_bytes(),
                filename=file.name,
                max_bytes=1 << 31,
                max_rows=max_rows,
            )
            if dry_run:
                self.stdout.write(f"Dry run, nothing changed: {plan.summary}")
                return
            message = transfer_apply(workspace=target, plan=plan, by=None)
        except TableError as exc:
            raise CommandError(str(exc)) from None
        except TransferInvalid as exc:
            raise CommandError("Nothing was imported:\n  " + "\n  ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(message))
