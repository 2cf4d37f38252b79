"""Celery tasks of the assessments app: thin, they take ids and call a service."""

from celery import shared_task

from assessments.services import workspace_rescore_work
from outsourcing.services.jobs import job_execute


@shared_task
def rescore_workspace(job_id: int) -> None:
    job_execute(job_id=job_id, work=workspace_rescore_work)
