"""Preview then confirm: one model for every import.

An upload that checks out becomes a Job in PREVIEW holding the uploaded file; the person
sees what it would do and confirms (`outsourcing.services.jobs.job_confirm`) or cancels
(`job_discard`). The confirmed job reads the file again, re-plans it against the data as
it is then, and applies all or nothing. A preview nobody confirmed is swept after a day.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.core.files.base import ContentFile
from django.utils import timezone

from outsourcing.imports.limits import TableError
from outsourcing.imports.plan import ImportInvalid
from outsourcing.models import Job, User, Workspace
from outsourcing.services.jobs import job_discard

PREVIEW_KEPT_FOR = timedelta(days=1)
T = TypeVar("T")


def import_preview_create(
    *,
    workspace: Workspace | None,
    kind: str,
    requested_by: User,
    filename: str,
    data: bytes,
    params: dict,
) -> Job:
    """A job awaiting confirmation, keeping `data` as its source file.

    Call it only once the file has been checked: nothing is stored for a refused file.
    If the row cannot be saved the file is removed again, so no upload is left orphaned.
    """
    import_previews_sweep(kind=kind)
    job = Job(
        workspace=workspace,
        kind=kind,
        status=Job.Status.PREVIEW,
        requested_by=requested_by,
        params={"filename": filename, **params},
    )
    job.source_file.save(filename, ContentFile(data), save=False)
    try:
        job.save()
    except Exception:
        job.source_file.delete(save=False)
        raise
    return job


def import_preview_source(job: Job) -> bytes:
    """The file a preview job holds."""
    with job.source_file.open("rb") as source:
        return source.read()


def import_previews_sweep(*, kind: str) -> int:
    """Forget previews of `kind` nobody confirmed within PREVIEW_KEPT_FOR, and their files."""
    stale = Job.objects.filter(
        kind=kind,
        status=Job.Status.PREVIEW,
        created_at__lt=timezone.now() - PREVIEW_KEPT_FOR,
    )
    count = 0
    for job in stale:
        job_discard(job=job)
        count += 1
    return count


def import_upload_checked(upload: Callable[[], T]) -> tuple[T | None, list[str]]:
    """Run an import's upload service for a view: (its preview job, []) or (None, every
    problem as a message), whether the file as a whole or its rows are at fault."""
    try:
        return upload(), []
    except TableError as exc:
        return None, [str(exc)]
    except ImportInvalid as exc:
        return None, exc.messages
