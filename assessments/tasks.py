"""Celery tasks of the assessments app: thin, they take ids and call a service."""

from celery import shared_task

from assessments.services import workspace_rescore
from outsourcing.services.jobs import JobOutput, job_execute


def _rescore_work(job, report_progress) -> JobOutput:
    count = workspace_rescore(workspace=job.workspace, report_progress=report_progress)
    return JobOutput(message=f"{count:,} assessments re-scored with the new weights.")


@shared_task
def rescore_workspace(job_id: int) -> None:
    job_execute(job_id=job_id, work=_rescore_work)
