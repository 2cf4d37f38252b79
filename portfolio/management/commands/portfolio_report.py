from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from outsourcing.models import Job, Workspace
from portfolio.models import ReportLanguage
from portfolio.selectors.figures import SECTION_TITLES
from portfolio.services import portfolio_report_make_now

FORMATS = {"pdf": "pdf", "xlsx": "xlsx", "csv": "zip"}


def _formats(value: str) -> list[str]:
    chosen = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [part for part in chosen if part not in FORMATS]
    if unknown or not chosen:
        raise CommandError(f"--format takes pdf, xlsx and csv separated by commas, not “{value}”.")
    return chosen


class Command(BaseCommand):
    help = (
        "Make a portfolio report of a workspace now (kept in its report history, like one "
        "made on the site) and write its files to a directory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workspace", required=True, help="The workspace's slug")
        parser.add_argument("--format", default="pdf,xlsx,csv", help="pdf, xlsx, csv (commas)")
        parser.add_argument("--output", type=Path, default=Path("."), help="Directory to write to")
        parser.add_argument(
            "--language", choices=ReportLanguage.values, default=ReportLanguage.ENGLISH
        )

    def handle(self, *args, workspace: str, format: str, output: Path, language: str, **options):
        formats = _formats(format)
        target = Workspace.objects.filter(slug=workspace).first()
        if target is None:
            raise CommandError(f"No workspace “{workspace}”.")
        if output.exists() and not output.is_dir():
            raise CommandError(f"{output} is a file, not a directory.")
        output.mkdir(parents=True, exist_ok=True)
        report = portfolio_report_make_now(
            workspace=target, sections=list(SECTION_TITLES), department_ids=[], language=language
        )
        if report.job.status != Job.Status.SUCCEEDED:
            raise CommandError(f"The report failed: {report.job.message}")
        for file_format in formats:
            path = output / f"{target.slug}-portfolio-report-{report.pk}.{FORMATS[file_format]}"
            with report.file_for(file_format).open("rb") as stored:
                path.write_bytes(stored.read())
            self.stdout.write(f"Wrote {path}")
        self.stdout.write(self.style.SUCCESS(f"Report {report.pk} of {target.name} is ready."))
