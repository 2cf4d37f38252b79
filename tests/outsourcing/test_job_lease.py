"""Every job ends: a lost worker's job runs again or fails with "Try again", a job whose
message was lost is sent again, and a broker that is down says so at once and leaves no
job behind."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.tasks import export_functions
from outsourcing.celery import app as celery_app
from outsourcing.models import Job
from outsourcing.services.jobs import (
    BROKER_DOWN,
    CONFLICT,
    JobOutput,
    job_execute,
    jobs_sweep,
)
from tests.factories import BusinessFunctionFactory, JobFactory


def _long_ago(settings, leases: float = 2):
    return timezone.now() - timedelta(seconds=settings.JOB_LEASE_SECONDS * leases)


def _lost_export(workspace, settings, attempts=1):
    """An export whose worker died mid-way: running, its lease long expired."""
    BusinessFunctionFactory.create_batch(2, workspace=workspace)
    return JobFactory(
        workspace=workspace,
        status=Job.Status.RUNNING,
        task_name=export_functions.name,
        attempts=attempts,
        progress=40,
        started_at=_long_ago(settings),
        heartbeat_at=_long_ago(settings),
    )


def test_the_sweep_runs_again_a_job_whose_worker_was_lost(workspace, settings):
    job = _lost_export(workspace, settings)
    result = jobs_sweep()
    job.refresh_from_db()
    assert result.requeued == 1
    assert job.status == Job.Status.SUCCEEDED
    assert job.attempts == 2
    assert job.result_file


def test_a_job_lost_too_often_fails_with_a_way_to_try_again(
    client_for, workspace, editor, settings, django_capture_on_commit_callbacks
):
    job = _lost_export(workspace, settings, attempts=settings.JOB_MAX_ATTEMPTS)
    assert jobs_sweep().failed == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert f"stopped {settings.JOB_MAX_ATTEMPTS} times" in job.message

    client = client_for(editor)
    page = client.get(job.get_absolute_url()).content.decode()
    retry_url = reverse("job_retry", args=[workspace.slug, job.pk])
    assert f'action="{retry_url}"' in page
    assert "Try again" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(retry_url)
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.attempts == 1


def test_a_failure_the_person_must_fix_offers_no_retry(client_for, workspace, editor):
    job = JobFactory(workspace=workspace, status=Job.Status.FAILED, message="It failed: bad file")
    client = client_for(editor)
    assert "Try again" not in client.get(job.get_absolute_url()).content.decode()
    client.post(reverse("job_retry", args=[workspace.slug, job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_a_viewer_cannot_retry_someone_elses_job(client_for, workspace, viewer, owner):
    job = JobFactory(
        workspace=workspace, status=Job.Status.FAILED, can_retry=True, requested_by=owner
    )
    client = client_for(viewer)
    assert "Try again" not in client.get(job.get_absolute_url()).content.decode()
    assert client.post(reverse("job_retry", args=[workspace.slug, job.pk])).status_code == 403


def test_a_job_with_a_live_lease_is_left_to_its_worker(workspace):
    job = JobFactory(
        workspace=workspace,
        status=Job.Status.RUNNING,
        task_name=export_functions.name,
        attempts=1,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    assert jobs_sweep().requeued == 0
    # Its task delivered a second time (acks_late) does not run it twice either.
    assert job_execute(job_id=job.pk, work=lambda job, report: JobOutput()) is None
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING


def test_a_redelivered_task_takes_over_a_job_whose_lease_expired(workspace, settings):
    job = _lost_export(workspace, settings)
    finished = job_execute(job_id=job.pk, work=lambda job, report: JobOutput(message="done"))
    assert finished.status == Job.Status.SUCCEEDED
    assert finished.attempts == 2


def test_a_queued_job_whose_message_was_lost_is_sent_again(workspace, settings):
    BusinessFunctionFactory(workspace=workspace)
    job = JobFactory(
        workspace=workspace,
        task_name=export_functions.name,
        queued_at=timezone.now() - timedelta(seconds=settings.JOB_RESEND_AFTER_SECONDS + 1),
    )
    assert jobs_sweep().resent == 1
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED


def test_a_job_no_worker_takes_fails_visibly_in_the_end(workspace, settings):
    job = JobFactory(
        workspace=workspace,
        task_name=export_functions.name,
        queued_at=timezone.now() - timedelta(seconds=settings.JOB_QUEUE_TIMEOUT_SECONDS + 1),
    )
    assert jobs_sweep().failed == 1
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.can_retry
    assert "No background worker picked this up" in job.message


def test_a_database_conflict_is_told_in_a_sentence_not_database_text(workspace):
    from django.db import IntegrityError

    job = JobFactory(workspace=workspace)

    def work(job, report):
        raise IntegrityError('duplicate key value violates unique constraint "x"')

    finished = job_execute(job_id=job.pk, work=work)
    assert finished.message == CONFLICT
    assert finished.can_retry


@pytest.fixture
def broker_down():
    """Celery pointed at a port where no broker listens, tasks no longer eager."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = "redis://127.0.0.1:9/0", False
    celery_app._pool, celery_app.amqp._producer_pool = None, None
    yield
    conf.broker_url, conf.task_always_eager = saved
    celery_app._pool, celery_app.amqp._producer_pool = None, None


@pytest.mark.django_db(transaction=True)
def test_a_broker_that_is_down_is_told_at_once_and_leaves_no_orphan(
    client_for, workspace, viewer, broker_down
):
    BusinessFunctionFactory(workspace=workspace)
    client = client_for(viewer)
    started = time.monotonic()
    response = client.post(reverse("functions_export", args=[workspace.slug]), {"format": "csv"})
    # Before: a 500 after 19 seconds of publish retries. The bound is generous on purpose.
    assert time.monotonic() - started < 10
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The background queue cannot be reached right now" in page
    assert job.status == Job.Status.QUEUED
    assert job.message == BROKER_DOWN

    # The broker is back: the next sweep sends the job and it runs.
    celery_app.conf.task_always_eager = True
    jobs_sweep(now=timezone.now() + timedelta(minutes=5))
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result_file


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_progress_inside_the_jobs_transaction_is_seen_by_pages_at_once(workspace):
    import threading

    from django.db import connection, transaction

    job = JobFactory(workspace=workspace, status=Job.Status.QUEUED)
    seen_from_outside = []

    def look():
        seen_from_outside.append(Job.objects.get(pk=job.pk).progress)
        connection.close()

    def work(job, report):
        with transaction.atomic():  # the all-or-nothing part of a job
            report(55, "Saving")
            page = threading.Thread(target=look)  # another connection, as a page would be
            page.start()
            page.join()
        return JobOutput(message="done")

    job_execute(job_id=job.pk, work=work)
    assert seen_from_outside == [55]


def test_a_lost_job_watched_without_a_broker_fails_on_its_page_with_try_again(
    client_for, workspace, editor, settings
):
    # No broker, no beat: only the page can notice, and it must not run the job itself.
    job = _lost_export(workspace, settings)
    page = client_for(editor).get(job.get_absolute_url()).content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Try again" in page


@pytest.mark.django_db(transaction=True)
def test_a_lost_job_watched_with_a_broker_is_sent_again_by_its_page(
    client_for, workspace, editor, settings, broker_down
):
    job = _lost_export(workspace, settings)
    client_for(editor).get(job.get_absolute_url())
    job.refresh_from_db()
    # Put back in the queue and sent (here to a broker that is down, so it says so).
    assert job.status == Job.Status.QUEUED
    assert job.message == BROKER_DOWN
