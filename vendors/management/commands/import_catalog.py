from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vendors.services.catalog_import import catalog_import


class Command(BaseCommand):
    help = (
        "Import a vendor catalog: an .xlsx workbook (a sheet per kind), a .zip of CSVs, or a "
        "directory of CSVs named vendors.csv, offerings.csv, centres.csv, "
        "certifications.csv, rates.csv. All or nothing; --dry-run only reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="DIR_OR_XLSX: a directory of CSVs, an .xlsx or a .zip")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would change; write nothing."
        )

    def handle(self, *args, path: str, dry_run: bool, **options):
        source = Path(path)
        if source.is_dir():
            files = [
                (item.name, item.read_bytes())
                for item in sorted(source.iterdir())
                if item.suffix.lower() in (".csv", ".xlsx")
            ]
            if not files:
                raise CommandError(f"{source} holds no .csv or .xlsx file.")
        elif source.is_file():
            files = [(source.name, source.read_bytes())]
        else:
            raise CommandError(f"{source} does not exist.")

        plan = catalog_import(files=files, dry_run=dry_run)
        for notice in plan.notices:
            self.stdout.write(notice)
        for name, kind_plan in plan.kinds.items():
            counts = kind_plan.counts
            self.stdout.write(
                f"{name:<15} {counts['create']:>6} to create {counts['update']:>6} to update "
                f"{counts['unchanged']:>6} unchanged {counts['reject']:>6} rejected"
            )
        if not plan.is_valid:
            for error in plan.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing imported: {len(plan.errors)} problem(s) listed above.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS("Catalog imported."))
