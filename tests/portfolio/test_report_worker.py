"""A portfolio report made by a real Celery worker through Redis, not eagerly."""

import pytest
from celery.contrib.testing.worker import start_worker

from outsourcing.celery import app
from outsourcing.models import Job
from portfolio.selectors.figures import SECTION_TITLES
from portfolio.services import portfolio_report_start
from tests.factories import PAYROLL, BusinessFunctionFactory, assess
from tests.outsourcing.test_celery_worker import _wait_until_finished


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_report_is_made_by_a_real_worker(workspace):
    assess(BusinessFunctionFactory(workspace=workspace, name="Payroll"), PAYROLL)
    app.conf.task_always_eager = False
    try:
        report = portfolio_report_start(
            workspace=workspace,
            requested_by=None,
            sections=list(SECTION_TITLES),
            department_ids=[],
            language="en",
        )
        report.job.refresh_from_db()
        assert report.job.status == Job.Status.QUEUED  # on the broker, nobody working yet
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
        ):
            job = _wait_until_finished(report.job, timeout=120)
    finally:
        app.conf.task_always_eager = True
    assert job.status == Job.Status.SUCCEEDED, job.message
    report.refresh_from_db()
    assert report.pdf_file.read(4) == b"%PDF"
    assert report.figures["sections"]["summary"]["function_count"] == 1
