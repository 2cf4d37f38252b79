"""Background jobs: a row a user can watch, and the one way tasks run against it."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from outsourcing.jobkinds import job_kind
from outsourcing.models import Job, User, Workspace

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobOutput:
    message: str = ""
    filename: str | None = None
    content: bytes | None = None


ProgressFn = Callable[[int, str], None]
JobWork = Callable[[Job, ProgressFn], JobOutput]


def job_start(
    *,
    workspace: Workspace,
    kind: str,
    requested_by: User | None,
    task=None,
    params: dict | None = None,
) -> Job:
    """Record a job and queue `task(job_id)` once the row is committed.

    `task` defaults to the one the kind's app registered (outsourcing.jobkinds). Queuing on
    commit matters: a worker that picked the task up before the commit would not find the row.
    """
    task = task or job_kind(kind).task
    job = Job.objects.create(
        workspace=workspace, kind=kind, requested_by=requested_by, params=params or {}
    )
    transaction.on_commit(lambda: task.delay(job.id))
    return job


def job_confirm(*, job: Job, task=None) -> bool:
    """Queue a job that was waiting for the person's confirmation (an import preview).

    `task` defaults to the one registered for the job's kind. Returns False when it was no
    longer waiting (confirmed twice, or cancelled).
    """
    task = task or job_kind(job.kind).task
    confirmed = Job.objects.filter(pk=job.pk, status=Job.Status.PREVIEW).update(
        status=Job.Status.QUEUED
    )
    if confirmed:
        transaction.on_commit(lambda: task.delay(job.pk))
    return bool(confirmed)


def job_discard(*, job: Job) -> None:
    """Forget a job awaiting confirmation, and the file it kept."""
    if job.source_file:
        job.source_file.delete(save=False)
    job.delete()


def job_report_progress(job_id: int, progress: int, message: str = "") -> None:
    Job.objects.filter(id=job_id).update(progress=max(0, min(100, progress)), message=message)


def job_execute(*, job_id: int, work: JobWork) -> Job | None:
    """Run `work` for a queued job, at most once, and record how it ended.

    The job is claimed with a conditional UPDATE, so a task delivered twice (acks_late
    after a lost worker) finds the row no longer queued and does nothing.
    Returns the finished job, or None when another run had already claimed it.
    """
    claimed = Job.objects.filter(id=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        logger.info("Job %s was already claimed; not running it again.", job_id)
        return None
    job = Job.objects.get(id=job_id)
    try:
        output = work(
            job, lambda progress, message="": job_report_progress(job_id, progress, message)
        )
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job_id, job.kind)
        job.refresh_from_db(fields=["progress"])
        job.status = Job.Status.FAILED
        job.message = f"It failed: {exc}" if str(exc) else "It failed unexpectedly."
    else:
        if output.content is not None:
            job.result_file.save(
                output.filename or f"job-{job.id}", ContentFile(output.content), save=False
            )
        job.status = Job.Status.SUCCEEDED
        job.progress = 100
        job.message = output.message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "message", "result_file", "finished_at"])
    return job
