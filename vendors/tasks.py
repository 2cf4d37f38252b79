"""Celery tasks of the vendor catalog: thin, they take ids and call a service."""

from celery import shared_task

from outsourcing.services.jobs import job_execute
from vendors.services.catalog_import import catalog_import_work


@shared_task
def import_catalog(job_id: int) -> None:
    job_execute(job_id=job_id, work=catalog_import_work)
