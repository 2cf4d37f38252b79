from pathlib import Path

from django.conf import settings
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
        files = self._files(source)
        plan = catalog_import(files=files, dry_run=dry_run)
        self._report(plan)
        if not plan.is_valid:
            for error in plan.errors:
                self.stderr.write(error)
            raise CommandError(f"Nothing imported: {len(plan.errors)} problem(s) listed above.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS("Catalog imported."))

    def _files(self, source: Path) -> list[tuple[str, bytes]]:
        """The files to import; any larger than an upload may be is refused unread."""
        limit = settings.IMPORT_MAX_BYTES
        if source.is_dir():
            paths = [p for p in sorted(source.iterdir()) if p.suffix.lower() in (".csv", ".xlsx")]
            if not paths:
                raise CommandError(f"{source} holds no .csv or .xlsx file.")
        elif source.is_file():
            paths = [source]
        else:
            raise CommandError(f"{source} does not exist.")
        for item in paths:
            if item.stat().st_size > limit:
                raise CommandError(
                    f"{item} is {item.stat().st_size / 1024 / 1024:.1f} MB; the limit is "
                    f"{limit / 1024 / 1024:.1f} MB (IMPORT_MAX_BYTES)."
                )
        return [(item.name, item.read_bytes()) for item in paths]

    def _report(self, plan) -> None:
        for notice in plan.notices:
            self.stdout.write(notice)
        for name, kind_plan in plan.kinds.items():
            counts = kind_plan.counts
            self.stdout.write(
                f"{name:<15} {counts['create']:>6} to create {counts['update']:>6} to update "
                f"{counts['unchanged']:>6} unchanged {counts['reject']:>6} rejected"
            )
