"""Celery tasks of the portfolio app: thin, they take ids and run the job's work."""

from celery import shared_task

from outsourcing.services.jobs import job_execute
from portfolio.generation import portfolio_report_generate_work


@shared_task
def generate_portfolio_report(job_id: int) -> None:
    job_execute(job_id=job_id, work=portfolio_report_generate_work)
