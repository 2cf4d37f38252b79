"""Celery tasks of the core: thin, they call a service. Beat sends both
(CELERY_BEAT_SCHEDULE in settings)."""

from celery import shared_task

from outsourcing.services.files import files_cleanup as files_cleanup_service
from outsourcing.services.jobs import jobs_sweep as jobs_sweep_service


@shared_task
def jobs_sweep() -> None:
    jobs_sweep_service()


@shared_task
def files_cleanup() -> None:
    files_cleanup_service()
