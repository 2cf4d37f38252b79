from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.inventory.exporter import inventory_file
from outsourcing.models import Workspace


class Command(BaseCommand):
    help = "Export a workspace's functions with their current recommendation (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--workspace", required=True, help="The workspace's slug")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", type=Path, required=True, help="Where to write the file")

    def handle(self, *args, workspace: str, format: str, output: Path, **options):
        target = Workspace.objects.filter(slug=workspace).first()
        if target is None:
            raise CommandError(f"No workspace “{workspace}”.")
        _, content, count = inventory_file(workspace=target, file_format=format)
        output.write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"{count:,} functions written to {output}."))
