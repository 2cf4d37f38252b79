from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outsourcing.models import Workspace
from vendors.contracts.transfer import CONTRACTS, MEASUREMENTS, transfer_export


class Command(BaseCommand):
    help = (
        "Export a workspace's contracts and measurements: XLSX with both sheets, or one CSV "
        "(--what contracts|measurements). import_contracts reads the file back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workspace", required=True, help="The workspace's slug")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--what", choices=["contracts", "measurements"], default="contracts")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args, workspace: str, format: str, what: str, output: Path, **options):
        target = Workspace.objects.filter(slug=workspace).first()
        if target is None:
            raise CommandError(f"No workspace “{workspace}”.")
        data = transfer_export(
            workspace=target,
            file_format=format,
            what=MEASUREMENTS if what == "measurements" else CONTRACTS,
        )
        output.write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data):,} bytes)."))
