"""Which app runs each kind of background job, and where its page is.

A Job row lives in the core and knows only its kind. Each app registers its own kinds in its
AppConfig.ready() (the task that does the work and the URL of the page that shows it), so the
core starts, retries and links jobs without importing the apps above it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

# outsourcing.models.Job: not imported, because the model asks this module for its page.
Job = Any


def workspace_job_url(job: Job) -> str:
    """The page of a workspace's job: /w/<slug>/jobs/<pk>/."""
    return reverse("job_detail", args=[job.workspace.slug, job.pk])


@dataclass(frozen=True)
class JobKind:
    # A Celery task taking the job's id: the work is queued as `task.delay(job.pk)`.
    task: Any
    page_url: Callable[[Job], str] = workspace_job_url


_KINDS: dict[str, JobKind] = {}


def job_kind_register(
    kind: str, *, task: Any, page_url: Callable[[Job], str] = workspace_job_url
) -> None:
    """Say which task runs jobs of `kind` and where their page is (from AppConfig.ready)."""
    _KINDS[kind] = JobKind(task=task, page_url=page_url)


def job_kind(kind: str) -> JobKind:
    """What was registered for `kind`; LookupError names a kind no installed app registered."""
    try:
        return _KINDS[kind]
    except KeyError:
        raise LookupError(f"No installed app registered the job kind “{kind}”.") from None
