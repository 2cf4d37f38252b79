"""Celery task of the contract reminders (run daily by beat: CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from .reminders import contract_reminders_send
from .services import today_in_workspace_calendar

logger = logging.getLogger(__name__)


@shared_task(name="vendors.contracts.send_contract_reminders")
def send_contract_reminders() -> dict:
    run = contract_reminders_send(today=today_in_workspace_calendar())
    logger.info("Contract reminders: %s", run)
    return {"sent": run.sent, "failed": run.failed, "renewed": run.renewed}
