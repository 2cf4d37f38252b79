"""Celery tasks of the contracts: the daily reminders (run by beat: CELERY_BEAT_SCHEDULE)
and the confirmed import. Thin: they take ids and call a service."""

import logging

from celery import shared_task

from outsourcing.services.jobs import job_execute

from .imports import contracts_import_work
from .reminders import contract_reminders_send
from .services import today_in_workspace_calendar

logger = logging.getLogger(__name__)


@shared_task(name="vendors.contracts.send_contract_reminders")
def send_contract_reminders() -> dict:
    run = contract_reminders_send(today=today_in_workspace_calendar())
    logger.info("Contract reminders: %s", run)
    return {"sent": run.sent, "failed": run.failed, "renewed": run.renewed}


@shared_task
def import_contracts(job_id: int) -> None:
    job_execute(job_id=job_id, work=contracts_import_work)
