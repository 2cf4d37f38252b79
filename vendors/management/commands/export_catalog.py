from pathlib import Path

from django.core.management.base import BaseCommand

from outsourcing.imports.writer import write_csv, write_xlsx
from vendors.selectors.export import catalog_export_tables


class Command(BaseCommand):
    help = (
        "Export the vendor catalog in the import format: to an .xlsx workbook (a sheet per "
        "kind) when PATH ends in .xlsx, else to a directory of CSVs (created if needed)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="OUT.xlsx or a directory")

    def handle(self, *args, path: str, **options):
        target = Path(path)
        tables = catalog_export_tables()
        if target.suffix.lower() == ".xlsx":
            target.write_bytes(write_xlsx(tables))
            written = [target]
        else:
            target.mkdir(parents=True, exist_ok=True)
            written = []
            for name, (headers, rows) in tables.items():
                file = target / f"{name}.csv"
                file.write_bytes(write_csv(headers, rows))
                written.append(file)
        counts = ", ".join(f"{len(rows):,} {name}" for name, (_, rows) in tables.items())
        self.stdout.write(
            self.style.SUCCESS(f"Exported {counts} to {', '.join(map(str, written))}.")
        )
