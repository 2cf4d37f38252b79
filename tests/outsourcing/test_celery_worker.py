"""The Celery wiring, end to end: once eagerly (no broker), once on a real worker via Redis."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.db import connection, transaction

from assessments.models import CriteriaWeights
from assessments.selectors import latest_assessments
from assessments.services import weights_as_dict, workspace_scoring_lock
from assessments.tasks import export_functions, rescore_workspace
from outsourcing.celery import app
from outsourcing.models import Job
from outsourcing.services.jobs import job_start
from tests.factories import COST_HEAVY_WEIGHTS, BusinessFunctionFactory, assess


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


def _worker_env(tmp_path, settings) -> dict[str, str]:
    """The environment of a worker process that uses this test's database and Redis, with
    a short lease so a lost job comes round again within seconds."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    address = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{credentials}@{address}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "JOB_LEASE_SECONDS": "4",
        "JOB_SWEEP_SECONDS": "2",
        "CELERY_BEAT_SCHEDULE_FILENAME": str(tmp_path / "celerybeat-schedule"),
    }


def _start_worker(env: dict[str, str], *extra: str) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "outsourcing",
        "worker",
        "--pool",
        "solo",
        "--without-gossip",
        "--without-mingle",
        "--loglevel",
        "WARNING",
        *extra,
    ]
    return subprocess.Popen(
        command, env=env, cwd=Path(__file__).resolve().parents[2], start_new_session=True
    )


def _wait_for_status(job: Job, status: str, timeout: float) -> Job:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status == status:
            return job
        time.sleep(0.2)
    pytest.fail(f"job still {job.status} after {timeout}s, not {status}")


def _stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
        worker.wait(timeout=30)


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_killed_mid_way_ends_on_the_next_worker(
    workspace, owner, settings, tmp_path
):
    for function in BusinessFunctionFactory.create_batch(5, workspace=workspace):
        assess(function)
    CriteriaWeights.objects.create(workspace=workspace, weights=COST_HEAVY_WEIGHTS)
    app.control.purge()  # messages left by an earlier run name jobs that no longer exist
    app.conf.task_always_eager = False
    job = job_start(
        workspace=workspace, kind=Job.Kind.RESCORE, requested_by=owner, task=rescore_workspace
    )
    env = _worker_env(tmp_path, settings)
    first = _start_worker(env)
    try:
        # Holding the workspace's scoring lock keeps the job mid-way for as long as we like.
        with transaction.atomic():
            workspace_scoring_lock(workspace)
            _wait_for_status(job, Job.Status.RUNNING, timeout=90)
            _stop(first, signal.SIGKILL)
        assert job.attempts == 1
        # Its message died with the worker (unacknowledged); the next worker's sweep finds
        # the expired lease and runs the job again.
        second = _start_worker(env, "--beat")
        try:
            job = _wait_for_status(job, Job.Status.SUCCEEDED, timeout=120)
        finally:
            _stop(second)
    finally:
        _stop(first, signal.SIGKILL)
    assert job.attempts == 2
    expected = weights_as_dict(COST_HEAVY_WEIGHTS)
    assert all(a.weights == expected for a in latest_assessments(workspace=workspace))
