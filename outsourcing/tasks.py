"""Celery tasks of the core domain: thin, they take ids and call a service."""

from celery import shared_task

from outsourcing.inventory.exporter import inventory_export_work
from outsourcing.services.files import files_cleanup as files_cleanup_service
from outsourcing.services.inventory import inventory_import_work
from outsourcing.services.jobs import job_execute
from outsourcing.services.jobs import jobs_sweep as jobs_sweep_service


@shared_task
def export_functions(job_id: int) -> None:
    job_execute(job_id=job_id, work=inventory_export_work)


@shared_task
def import_functions(job_id: int) -> None:
    job_execute(job_id=job_id, work=inventory_import_work)


@shared_task
def jobs_sweep() -> None:
    jobs_sweep_service()


@shared_task
def files_cleanup() -> None:
    files_cleanup_service()
