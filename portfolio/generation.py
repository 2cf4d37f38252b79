"""Generating a portfolio report: the work its background job runs.

Progress goes to the job row in visible steps: figures, charts, PDF, workbook, CSV.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from outsourcing.models import Job
from outsourcing.services.jobs import JobOutput, ProgressFn
from portfolio.exports.csvzip import report_csv_zip
from portfolio.exports.images import svg_renderer
from portfolio.exports.pdf import report_charts, report_pdf
from portfolio.exports.xlsx import report_xlsx
from portfolio.models import FILE_FIELDS, PortfolioReport
from portfolio.selectors.figures import report_figures


def portfolio_report_files(report: PortfolioReport, progress: ProgressFn) -> dict:
    """Compute the snapshot and the three files, reporting each step."""
    today = timezone.localdate()
    progress(5, "Computing the figures")
    figures = report_figures(
        workspace=report.workspace,
        sections=list(report.sections),
        department_ids=list(report.department_ids),
        today=today,
    )
    requested_by = report.requested_by.display_name if report.requested_by else ""
    progress(30, "Drawing the charts")
    with svg_renderer() as render:
        charts = report_charts(figures, render)
    progress(50, "Laying out the PDF")
    pdf = report_pdf(figures, charts, requested_by=requested_by, language=report.language)
    progress(75, "Writing the workbook")
    xlsx = report_xlsx(figures)
    progress(90, "Writing the CSV files")
    csv = report_csv_zip(figures)
    return {"figures": figures, "pdf": pdf, "xlsx": xlsx, "csv": csv}


def portfolio_report_generate_work(job: Job, progress: ProgressFn) -> JobOutput:
    """The job's work: generate the report once and keep it as sent.

    Safe to redeliver: a report that already has its snapshot is left alone, and the
    snapshot is written by a conditional update, so two runs can never both write it.
    """
    report = PortfolioReport.objects.select_related("workspace", "requested_by").get(job=job)
    if report.generated_at is not None:
        return JobOutput(message="The report was already generated.")
    made = portfolio_report_files(report, progress)
    stem = f"{report.workspace.slug}-portfolio-{timezone.localdate():%Y-%m-%d}-{report.pk}"
    names = {}
    for file_format, suffix in (("pdf", "pdf"), ("xlsx", "xlsx"), ("csv", "zip")):
        field = getattr(report, FILE_FIELDS[file_format])
        field.save(f"{stem}.{suffix}", ContentFile(made[file_format]), save=False)
        names[FILE_FIELDS[file_format]] = field.name
    written = PortfolioReport.objects.filter(pk=report.pk, generated_at__isnull=True).update(
        generated_at=timezone.now(),
        figures=made["figures"],
        model_version=made["figures"]["model_version"],
        weights=made["figures"]["weights"],
        **names,
    )
    if not written:  # another run won the race: its files are the ones kept
        for field_name in names:
            getattr(report, field_name).delete(save=False)
    return JobOutput(message="The report is ready.")
