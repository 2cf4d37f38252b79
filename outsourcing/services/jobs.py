"""Background jobs: a row a user can watch, and the one way tasks run against it.

Every job ends. A worker holds a lease on the job it runs (a heartbeat written every
quarter of settings.JOB_LEASE_SECONDS); `jobs_sweep`, run by Celery beat, puts a job whose
lease expired (its worker was killed, ran out of memory or hit the hard time limit) back in
the queue, or fails it visibly after JOB_MAX_ATTEMPTS, and re-sends queued jobs whose
message never reached a worker (the broker was down, or lost it). The work itself is
all-or-nothing, so running a job again from the start is always safe.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnreachable

from outsourcing.jobkinds import job_kind
from outsourcing.models import Job, User, Workspace

logger = logging.getLogger(__name__)

BROKER_DOWN = (
    "The background queue cannot be reached right now, so this has not started yet. "
    "It starts by itself as soon as the queue is back; you can leave this page."
)
WORKER_LOST_RETRYING = (
    "The worker doing this stopped before it finished. Nothing it did was kept; "
    "it is starting again"
)
WORKER_LOST = (
    "The worker doing this stopped {times} before it finished, so it was given up. "
    "Nothing was changed. Try again; if it keeps happening, tell your administrator."
)
NEVER_STARTED = (
    "No background worker picked this up within {minutes} minutes, so it was given up. "
    "Nothing was changed. Try again; if it keeps happening, tell your administrator."
)
CONFLICT = (
    "It could not finish because the same records were being changed at the same moment. "
    "Nothing was changed; try again."
)
TOO_LONG = (
    "It took longer than the {minutes}-minute limit and was stopped. Nothing was changed; "
    "try again, or split the work into smaller parts."
)
UNEXPECTED = (
    "It failed unexpectedly and nothing was changed. Try again; if it fails again, tell "
    "your administrator."
)


@dataclass(frozen=True)
class JobOutput:
    message: str = ""
    filename: str | None = None
    content: bytes | None = None


ProgressFn = Callable[[int, str], None]
JobWork = Callable[[Job, ProgressFn], JobOutput]


def _lease() -> timedelta:
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


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
    commit matters: a worker that picked the task up before the commit would not find the
    row. If the broker cannot be reached the job stays queued with a message saying so, and
    the sweep sends it when the broker is back.
    """
    task = task or job_kind(kind).task
    job = Job.objects.create(
        workspace=workspace,
        kind=kind,
        requested_by=requested_by,
        params=params or {},
        task_name=task.name,
        queued_at=timezone.now(),
    )
    transaction.on_commit(lambda: job_send(job_id=job.id))
    return job


def job_confirm(*, job: Job, task=None) -> bool:
    """Queue a job that was waiting for the person's confirmation (an import preview).

    `task` defaults to the one registered for the job's kind. Returns False when it was no
    longer waiting (confirmed twice, or cancelled).
    """
    task = task or job_kind(job.kind).task
    confirmed = Job.objects.filter(pk=job.pk, status=Job.Status.PREVIEW).update(
        status=Job.Status.QUEUED, task_name=task.name, queued_at=timezone.now()
    )
    if confirmed:
        transaction.on_commit(lambda: job_send(job_id=job.pk))
    return bool(confirmed)


def job_retry(*, job: Job) -> bool:
    """Queue a failed job again from the start ("Try again"). Only a job that failed for a
    reason running it again may cure (a lost worker, a conflict) can be retried.

    Returns False when it was not such a job (or was already retried).
    """
    retried = Job.objects.filter(pk=job.pk, status=Job.Status.FAILED, can_retry=True).update(
        status=Job.Status.QUEUED,
        can_retry=False,
        attempts=0,
        progress=0,
        message="",
        queued_at=timezone.now(),
        sent_at=None,
        started_at=None,
        heartbeat_at=None,
        finished_at=None,
    )
    if retried:
        transaction.on_commit(lambda: job_send(job_id=job.pk))
    return bool(retried)


def job_send(*, job_id: int) -> bool:
    """Hand a queued job's task to the broker (or run it here when tasks run eagerly).

    Never raises for a broker that is down: the broker connection times out after
    CELERY_BROKER_CONNECTION_TIMEOUT seconds, the job says it is waiting for the queue,
    and `jobs_sweep` sends it again later. Returns whether the broker took it.
    """
    job = Job.objects.filter(id=job_id, status=Job.Status.QUEUED).only("kind", "task_name").first()
    if job is None:
        return False
    task = current_app.tasks.get(job.task_name or _registered_task_name(job.kind))
    if task is None:  # a task renamed or removed since the job was queued
        Job.objects.filter(id=job_id, status=Job.Status.QUEUED).update(
            status=Job.Status.FAILED, message=UNEXPECTED, finished_at=timezone.now()
        )
        return False
    try:
        # retry=False: one short attempt, so a request never waits through Celery's
        # publish retries (about 19 seconds with a dead Redis). ignore_result: pages read
        # the job's row, and a stored result would make the send wait on the result store
        # too, which retries for 20 seconds of its own.
        task.apply_async(args=[job_id], retry=False, ignore_result=True)
    except BrokerUnreachable:
        logger.warning("Broker unreachable; job %s stays queued until the sweep.", job_id)
        Job.objects.filter(id=job_id, status=Job.Status.QUEUED).update(message=BROKER_DOWN)
        return False
    Job.objects.filter(id=job_id).update(sent_at=timezone.now())
    Job.objects.filter(id=job_id, message=BROKER_DOWN).update(message="")
    return True


def _registered_task_name(kind: str) -> str:
    # Jobs queued before task_name was recorded: the task their kind's app registers.
    try:
        return job_kind(kind).task.name
    except LookupError:
        return ""


class _Heartbeat(threading.Thread):
    """Renews a running job's lease while its work runs in the calling thread.

    A thread, not progress reports: one long statement (a bulk update of 10,000 rows)
    reports nothing for a while and must not look like a lost worker. It writes through
    its own database connection, outside the job's transaction.
    """

    def __init__(self, job_id: int, interval: float):
        super().__init__(name=f"job-{job_id}-heartbeat", daemon=True)
        self.job_id = job_id
        self.interval = interval
        self.done = threading.Event()

    def run(self) -> None:
        try:
            while not self.done.wait(self.interval):
                try:
                    Job.objects.filter(id=self.job_id, status=Job.Status.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except DatabaseError:
                    logger.warning("Job %s: heartbeat not written", self.job_id, exc_info=True)
        finally:
            connection.close()

    def stop(self) -> None:
        self.done.set()
        self.join(timeout=5)


class _ProgressWriter:
    """Writes a job's progress so pages see it move, even from inside the job's own
    all-or-nothing transaction: there, on PostgreSQL, it goes through a second connection
    that commits at once. (SQLite allows one writer at a time, so there progress inside
    a transaction shows when it commits.)"""

    def __init__(self, job_id: int):
        self.job_id = job_id
        # Tests wrap everything in a transaction that a second connection cannot see into;
        # only a transaction opened by the work itself needs the side connection.
        self.outer_atomic = connection.in_atomic_block
        self.side = None

    def __call__(self, progress: int, message: str = "") -> None:
        progress = max(0, min(100, progress))
        now = timezone.now()
        inside_work_transaction = connection.in_atomic_block and not self.outer_atomic
        if not (inside_work_transaction and connection.vendor == "postgresql"):
            Job.objects.filter(id=self.job_id).update(
                progress=progress, message=message, heartbeat_at=now
            )
            return
        if self.side is None:
            self.side = connections.create_connection(DEFAULT_DB_ALIAS)
        quote = self.side.ops.quote_name
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(Job._meta.db_table)} SET {quote('progress')} = %s, "
                f"{quote('message')} = %s, {quote('heartbeat_at')} = %s WHERE {quote('id')} = %s",
                [progress, message, now, self.job_id],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def _claim(job_id: int) -> bool:
    """Take the job for this worker: a queued job, or a running one whose lease expired
    (its task redelivered after the worker was lost). One conditional UPDATE, so of two
    workers given the same job only one gets it."""
    now = timezone.now()
    return bool(
        Job.objects.filter(id=job_id)
        .filter(
            Q(status=Job.Status.QUEUED)
            | Q(
                status=Job.Status.RUNNING,
                heartbeat_at__lt=now - _lease(),
                attempts__lt=settings.JOB_MAX_ATTEMPTS,
            )
        )
        .update(
            status=Job.Status.RUNNING,
            started_at=now,
            heartbeat_at=now,
            attempts=F("attempts") + 1,
            progress=0,
        )
    )


def _failure(exc: Exception) -> tuple[str, bool]:
    """What to tell the person about a failed job, and whether trying again may help."""
    if isinstance(exc, SoftTimeLimitExceeded):
        return TOO_LONG.format(minutes=settings.CELERY_TASK_SOFT_TIME_LIMIT // 60), True
    if isinstance(exc, DatabaseError):
        # Never database text: a unique constraint hit by two imports at once, a deadlock.
        return CONFLICT, True
    if isinstance(exc, ValueError | ValidationError):
        # The work's own refusal (a file that no longer checks out): it says what is wrong.
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return (f"It failed: {text}" if text else "It failed."), False
    # Anything else says what went wrong in its own words (the reports' "needs Chromium"),
    # and running again may cure it.
    return (f"It failed: {exc}" if str(exc) else UNEXPECTED), True


def job_execute(*, job_id: int, work: JobWork) -> Job | None:
    """Run `work` for a job this worker can claim, holding its lease, and record how it
    ended.

    A task delivered twice finds the job claimed (and its lease alive, or it finished) and
    does nothing. Returns the finished job, or None when it was not this worker's to run.
    """
    if not _claim(job_id):
        logger.info("Job %s is not waiting for a worker; not running it.", job_id)
        return None
    job = Job.objects.get(id=job_id)
    heartbeat = _Heartbeat(job_id, interval=settings.JOB_LEASE_SECONDS / 4)
    heartbeat.start()
    progress = _ProgressWriter(job_id)
    try:
        output = work(job, progress)
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job_id, job.kind)
        job.refresh_from_db(fields=["progress"])
        job.status = Job.Status.FAILED
        job.message, job.can_retry = _failure(exc)
    else:
        if output.content is not None:
            job.result_file.save(
                output.filename or f"job-{job.id}", ContentFile(output.content), save=False
            )
        job.status = Job.Status.SUCCEEDED
        job.progress = 100
        job.message = output.message
    finally:
        heartbeat.stop()
        progress.close()
    job.finished_at = timezone.now()
    job.save(
        update_fields=["status", "progress", "message", "can_retry", "result_file", "finished_at"]
    )
    return job


@dataclass(frozen=True)
class SweepResult:
    requeued: int = 0
    resent: int = 0
    failed: int = 0


def _stale_running(now: datetime) -> Q:
    stale = now - _lease()
    return Q(status=Job.Status.RUNNING) & (
        Q(heartbeat_at__lt=stale) | Q(heartbeat_at__isnull=True, started_at__lt=stale)
    )


def _waiting_queued(now: datetime) -> Q:
    grace = now - timedelta(seconds=settings.JOB_RESEND_AFTER_SECONDS)
    return (
        Q(status=Job.Status.QUEUED)
        & (Q(queued_at__lt=grace) | Q(queued_at__isnull=True, created_at__lt=grace))
        & (Q(sent_at__isnull=True) | Q(sent_at__lt=grace))
    )


def _fail(job: Job, message: str, now: datetime) -> None:
    job.status = Job.Status.FAILED
    job.message = message
    job.can_retry = True
    job.finished_at = now
    job.save(update_fields=["status", "message", "can_retry", "finished_at"])


@transaction.atomic
def _sweep_rows(
    now: datetime, *, job_id: int | None = None, run_again: bool = True
) -> tuple[SweepResult, list[int]]:
    requeued = failed = 0
    to_send = []
    give_up = now - timedelta(seconds=settings.JOB_QUEUE_TIMEOUT_SECONDS)
    # skip_locked: two sweeps at once (two beats by mistake) share the work, never repeat it.
    jobs = Job.objects.select_for_update(skip_locked=True).filter(
        _stale_running(now) | _waiting_queued(now)
    )
    if job_id is not None:
        jobs = jobs.filter(pk=job_id)
    for job in jobs:
        if job.status == Job.Status.RUNNING:
            if job.attempts >= settings.JOB_MAX_ATTEMPTS or not run_again:
                times = "once" if job.attempts <= 1 else f"{job.attempts} times"
                _fail(job, WORKER_LOST.format(times=times), now)
                failed += 1
                continue
            job.status = Job.Status.QUEUED
            job.message = WORKER_LOST_RETRYING
            job.queued_at = now
            job.save(update_fields=["status", "message", "queued_at"])
            requeued += 1
        elif (job.queued_at or job.created_at) < give_up or not run_again:
            minutes = settings.JOB_QUEUE_TIMEOUT_SECONDS // 60
            _fail(job, NEVER_STARTED.format(minutes=minutes), now)
            failed += 1
            continue
        to_send.append(job.pk)
    return SweepResult(requeued=requeued, failed=failed), to_send


def jobs_sweep(*, now: datetime | None = None) -> SweepResult:
    """Make sure every job ends: re-queue running jobs whose worker was lost (lease
    expired), re-send queued jobs no worker has picked up, and fail, with a "Try again",
    those that lost their worker JOB_MAX_ATTEMPTS times or waited longer than
    JOB_QUEUE_TIMEOUT_SECONDS. Celery beat runs it every JOB_SWEEP_SECONDS."""
    result, to_send = _sweep_rows(now or timezone.now())
    resent = sum(job_send(job_id=job_id) for job_id in to_send)
    if result.requeued or result.failed or to_send:
        logger.info(
            "Job sweep: %s re-queued, %s sent again, %s failed",
            result.requeued,
            resent,
            result.failed,
        )
    return SweepResult(requeued=result.requeued, resent=resent, failed=result.failed)


def job_recover_if_lost(*, job: Job, now: datetime | None = None) -> Job:
    """What the sweep would do for this one job, done when its page asks: so a watched job
    ends even where beat is not running. Without a broker (tasks run eagerly in the web
    process) nothing could pick a lost job up, and running it inside a page request would
    hang the page, so a lost job fails there with a "Try again" instead."""
    if job.is_finished or job.status == Job.Status.PREVIEW:
        return job
    run_again = not current_app.conf.task_always_eager
    result, to_send = _sweep_rows(now or timezone.now(), job_id=job.pk, run_again=run_again)
    for job_id in to_send:
        job_send(job_id=job_id)
    if result.requeued or result.failed or to_send:
        job.refresh_from_db()
    return job


def job_discard(*, job: Job) -> None:
    """Forget a job awaiting confirmation, and the file it kept."""
    if job.source_file:
        job.source_file.delete(save=False)
    job.delete()
