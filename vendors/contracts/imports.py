"""The contracts import as the pipeline's preview model: an upload that checks out is kept
as a Job in PREVIEW; the confirmed job checks the file again and applies it all or nothing.
"""

from outsourcing.imports.limits import Limits
from outsourcing.imports.plan import ImportInvalid
from outsourcing.imports.preview import import_preview_create, import_preview_source
from outsourcing.models import Job, User, Workspace
from outsourcing.services.activity import activity_record
from outsourcing.services.jobs import JobOutput, ProgressFn

from .transfer import TransferPlan, transfer_apply, transfer_plan

PREVIEW_ROWS = 50


def _preview_rows(plan: TransferPlan) -> list[dict]:
    """The first contracts, as the preview page lists them (JSON, kept on the job)."""
    return [
        {
            "number": row.number,
            "reference": row.values.get("reference") or "",
            "title": row.values.get("title") or "",
            "vendor": row.values["vendor"].name if row.values.get("vendor") else "",
            "start": row.values["start_date"].isoformat(),
            "end": row.values["end_date"].isoformat(),
            "update": row.existing is not None,
        }
        for row in plan.contracts[:PREVIEW_ROWS]
    ]


def contracts_upload(*, workspace: Workspace, uploaded_by: User, filename: str, data: bytes) -> Job:
    """Check an uploaded contracts/measurements file and keep it for the person to confirm.

    Raises TableError (unreadable file) or ImportInvalid (every problem, by sheet, row and
    column), and then keeps nothing; otherwise returns a job awaiting confirmation with a
    summary to preview. Nothing in the workspace changes until the job is confirmed.
    """
    plan = transfer_plan(
        workspace=workspace, data=data, filename=filename, limits=Limits.from_settings()
    )
    return import_preview_create(
        workspace=workspace,
        kind=Job.Kind.IMPORT_CONTRACTS,
        requested_by=uploaded_by,
        filename=filename,
        data=data,
        params={
            "summary": plan.summary,
            "rows": len(plan.contracts) + len(plan.measurements),
            "contract_count": len(plan.contracts),
            "new_count": plan.new_contracts,
            "measurement_count": len(plan.measurements),
            "replaced_count": plan.replaced_measurements,
            "contracts": _preview_rows(plan),
        },
    )


def contracts_import_work(job: Job, report_progress: ProgressFn) -> JobOutput:
    """The confirmed import: the file is checked again (the contracts may have changed
    since the preview) and applied all or nothing; a refusal fails the job with reasons."""
    report_progress(10, "Checking the file again…")
    try:
        plan = transfer_plan(
            workspace=job.workspace,
            data=import_preview_source(job),
            filename=job.params["filename"],
            limits=Limits.from_settings(),
        )
        report_progress(40, "Importing…")
        message = transfer_apply(workspace=job.workspace, plan=plan, by=job.requested_by)
    except ImportInvalid as exc:
        raise ValueError("nothing was imported: " + "; ".join(exc.messages[:10])) from None
    activity_record(
        workspace=job.workspace,
        actor=job.requested_by,
        kind="import",
        summary=f"{job.params['filename']}: {message}",
        file_name=job.params["filename"],
    )
    return JobOutput(message=message)
