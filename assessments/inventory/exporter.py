"""The inventory export: every active function with its current result."""

from django.utils import timezone
from django.utils.text import slugify

from assessments.inventory.columns import EXPORT_COLUMNS, INPUT_COLUMNS, TEMPLATE_ROWS
from assessments.models import FACTOR_FIELDS
from outsourcing.imports.writer import write_csv, write_xlsx
from outsourcing.models import Job, Workspace
from outsourcing.selectors import function_queryset
from outsourcing.services.jobs import JobOutput, ProgressFn


def inventory_rows(*, workspace: Workspace) -> list[list]:
    """The workspace's active functions as rows of EXPORT_COLUMNS, sorted by name."""
    rows = []
    for function in (
        function_queryset(workspace=workspace).filter(is_archived=False).order_by("name")
    ):
        assessment = function.latest_assessment
        row = [
            function.name,
            function.department.name if function.department else "",
            function.description,
            function.annual_cost,
            function.fte,
            function.monthly_volume,
            function.service_line.code if function.service_line else "",
            function.current_sourcing,
        ]
        if assessment is None:
            row += [None] * (len(EXPORT_COLUMNS) - len(row))
        else:
            row += [getattr(assessment, f) for f in FACTOR_FIELDS]
            row += [
                assessment.recommendation,
                assessment.score_bpo,
                assessment.score_kpo,
                assessment.score_ito,
                assessment.score_in_house,
                assessment.margin,
                assessment.close_call,
                "; ".join(flip.text for flip in assessment.flip_list),
                assessment.model_version,
                timezone.localtime(assessment.assessed_at).replace(microsecond=0),
            ]
        rows.append(row)
    return rows


def inventory_file(*, workspace: Workspace, file_format: str) -> tuple[str, bytes, int]:
    """(filename, content, row count) of the workspace's inventory in CSV or XLSX."""
    rows = inventory_rows(workspace=workspace)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{slugify(workspace.slug)}-functions-{stamp}.{file_format}"
    if file_format == "xlsx":
        content = write_xlsx({"Functions": (EXPORT_COLUMNS, rows)})
    else:
        content = write_csv(EXPORT_COLUMNS, rows)
    return filename, content, len(rows)


def inventory_export_work(job: Job, report_progress: ProgressFn) -> JobOutput:
    """The export job (params: format csv|xlsx)."""
    report_progress(10, "Reading functions…")
    filename, content, count = inventory_file(
        workspace=job.workspace, file_format=job.params.get("format", "csv")
    )
    return JobOutput(message=f"{count:,} functions exported.", filename=filename, content=content)


def inventory_template(*, file_format: str) -> bytes:
    """An empty inventory with the input columns and two example rows."""
    if file_format == "xlsx":
        return write_xlsx({"Functions": (INPUT_COLUMNS, TEMPLATE_ROWS)})
    return write_csv(INPUT_COLUMNS, TEMPLATE_ROWS)
