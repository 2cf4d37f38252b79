from django.conf import settings
from django.db import models

from outsourcing.jobkinds import job_kind

from .workspaces import Workspace


class Job(models.Model):
    """Long work done by a Celery task (exports, imports, re-scoring …).

    The row, not Celery's result store, is what pages poll: it looks the same whether a
    worker ran the task or it ran eagerly, and it keeps the output file for download.
    A workspace's job belongs to it; a job without a workspace is the shared catalog's.

    A running job holds a lease: its worker writes `heartbeat_at` while it works, and a job
    whose heartbeat is older than settings.JOB_LEASE_SECONDS lost its worker. The sweep
    (outsourcing.services.jobs.jobs_sweep) then runs it again from the start (the work is
    all-or-nothing, so the start is a safe point) or, after JOB_MAX_ATTEMPTS, fails it
    visibly with a "Try again" button. `task_name` is the Celery task it was queued with, so
    the sweep re-sends the same one (older rows fall back to their kind's registered task).
    """

    class Kind(models.TextChoices):
        EXPORT_FUNCTIONS = "export_functions", "Export functions"
        IMPORT_FUNCTIONS = "import_functions", "Import functions"
        RESCORE = "rescore", "Re-score after a weight change"
        IMPORT_CATALOG = "import_catalog", "Import into the vendor catalog"
        IMPORT_CONTRACTS = "import_contracts", "Import contracts and measurements"
        PORTFOLIO_REPORT = "portfolio_report", "Portfolio report"

    class Status(models.TextChoices):
        PREVIEW = "preview", "Awaiting confirmation"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Done"
        FAILED = "failed", "Failed"

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(blank=True)
    source_file = models.FileField(
        upload_to="uploads/%Y/%m/", blank=True, help_text="What the user uploaded, for imports."
    )
    result_file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    task_name = models.CharField(max_length=200, blank=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a worker has started it."
    )
    can_retry = models.BooleanField(
        default=False, help_text="It failed for a reason that running it again may cure."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When its task last reached the broker."
    )
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_status_heartbeat")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="job_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        # The app that owns the kind knows its page (a catalog job has no workspace).
        return job_kind(self.kind).page_url(self)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)
