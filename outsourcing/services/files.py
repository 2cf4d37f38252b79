"""Uploaded inventories and generated exports are kept settings.FILES_KEEP_DAYS days."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Q
from django.utils import timezone

from outsourcing.models import Job
from outsourcing.services.jobs import job_discard

logger = logging.getLogger(__name__)

# Where Job's FileFields store (their upload_to roots).
JOB_FILE_DIRS = ("uploads", "jobs")


@dataclass(frozen=True)
class FilesCleanup:
    previews_discarded: int
    files_deleted: int


def _stray_files(cutoff: datetime, kept: set[str]) -> list[str]:
    """Files under the job folders that no job refers to (their job was deleted with its
    workspace) and that are older than the cut-off."""
    stray, folders = [], list(JOB_FILE_DIRS)
    while folders:
        folder = folders.pop()
        if not default_storage.exists(folder):
            continue
        subfolders, files = default_storage.listdir(folder)
        folders.extend(f"{folder}/{name}" for name in subfolders)
        for name in files:
            path = f"{folder}/{name}"
            if path not in kept and default_storage.get_modified_time(path) < cutoff:
                stray.append(path)
    return stray


def files_cleanup(*, now: datetime | None = None, keep_days: int | None = None) -> FilesCleanup:
    """Delete uploaded and generated files older than `keep_days` (FILES_KEEP_DAYS).

    Import previews nobody confirmed go entirely; finished jobs keep their row (what was
    done, by whom, how it ended) but lose their files, and can no longer be retried.
    """
    now = now or timezone.now()
    keep_days = settings.FILES_KEEP_DAYS if keep_days is None else keep_days
    cutoff = now - timedelta(days=keep_days)
    previews = list(Job.objects.filter(status=Job.Status.PREVIEW, created_at__lt=cutoff))
    for job in previews:
        job_discard(job=job)
    deleted = 0
    finished = Job.objects.filter(
        status__in=[Job.Status.SUCCEEDED, Job.Status.FAILED], finished_at__lt=cutoff
    ).filter(~Q(source_file="") | ~Q(result_file=""))
    for job in finished.iterator():
        for field in (job.source_file, job.result_file):
            if field:
                field.delete(save=False)
                deleted += 1
        job.can_retry = False
        job.save(update_fields=["source_file", "result_file", "can_retry"])
    kept = {
        name
        for pair in Job.objects.values_list("source_file", "result_file")
        for name in pair
        if name
    }
    for path in _stray_files(cutoff, kept):
        default_storage.delete(path)
        deleted += 1
    logger.info("File clean-up: %s previews discarded, %s files deleted", len(previews), deleted)
    return FilesCleanup(previews_discarded=len(previews), files_deleted=deleted)
