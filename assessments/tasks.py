"""Celery tasks of the assessments app: thin, they take ids and call a service."""

from celery import shared_task

from assessments.inventory.exporter import inventory_export_work
from assessments.inventory.services import inventory_import_work
from assessments.services import workspace_rescore_work
from outsourcing.services.jobs import job_execute


@shared_task
def rescore_workspace(job_id: int) -> None:
    job_execute(job_id=job_id, work=workspace_rescore_work)


# The inventory tasks keep the names they had in the core app, so jobs queued before an
# upgrade still find their task.
@shared_task(name="outsourcing.tasks.export_functions")
def export_functions(job_id: int) -> None:
    job_execute(job_id=job_id, work=inventory_export_work)


@shared_task(name="outsourcing.tasks.import_functions")
def import_functions(job_id: int) -> None:
    job_execute(job_id=job_id, work=inventory_import_work)
