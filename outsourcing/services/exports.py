"""Exports of a workspace's business functions (CSV for other tools, XLSX for analysts)."""

from django.utils import timezone
from django.utils.text import slugify

from outsourcing.models import Job
from outsourcing.selectors import function_export_rows
from outsourcing.services.jobs import JobOutput, ProgressFn
from outsourcing.tabular import write_csv, write_xlsx


def functions_export_work(job: Job, report_progress: ProgressFn) -> JobOutput:
    """Build the export file for `job` (params: format csv|xlsx)."""
    file_format = job.params.get("format", "csv")
    report_progress(10, "Reading functions…")
    headers, rows = function_export_rows(workspace=job.workspace)
    report_progress(60, f"Writing {len(rows):,} functions…")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    filename = f"{slugify(job.workspace.slug)}-functions-{stamp}.{file_format}"
    if file_format == "xlsx":
        content = write_xlsx({"Functions": (headers, rows)})
    else:
        content = write_csv(headers, rows)
    return JobOutput(
        message=f"{len(rows):,} functions exported.", filename=filename, content=content
    )
