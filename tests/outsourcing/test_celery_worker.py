"""The Celery wiring, end to end: once eagerly (no broker), once on a real worker via Redis."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from assessments.tasks import export_functions
from outsourcing.celery import app
from outsourcing.models import Job
from outsourcing.services.jobs import job_start
from tests.factories import BusinessFunctionFactory


def _wait_until_finished(job: Job, timeout: float = 30) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_finished:
            return job
        time.sleep(0.1)
    pytest.fail(f"job still {job.status} after {timeout}s")


def test_export_task_runs_eagerly_without_a_broker(workspace, django_capture_on_commit_callbacks):
    BusinessFunctionFactory.create_batch(3, workspace=workspace)
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(
            workspace=workspace,
            kind=Job.Kind.EXPORT_FUNCTIONS,
            requested_by=None,
            task=export_functions,
            params={"format": "csv"},
        )
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result_file.read().decode().count("\n") == 4


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_export_task_runs_on_a_real_worker_through_redis(workspace):
    BusinessFunctionFactory.create_batch(3, workspace=workspace)
    app.conf.task_always_eager = False
    try:
        job = job_start(
            workspace=workspace,
            kind=Job.Kind.EXPORT_FUNCTIONS,
            requested_by=None,
            task=export_functions,
            params={"format": "csv"},
        )
        # Queued on the broker, and nobody is working yet.
        job.refresh_from_db()
        assert job.status == Job.Status.QUEUED
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
        ):
            job = _wait_until_finished(job)
    finally:
        app.conf.task_always_eager = True
    assert job.status == Job.Status.SUCCEEDED, job.message
    assert job.result_file.read().decode().count("\n") == 4
