from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .workspaces import Workspace


class ActivityRecord(models.Model):
    """Something done to a workspace that is no single record's change: an import (the
    file's name and what it added, changed or left), an export, a report.

    Written once by outsourcing.services.activity.activity_record; its history row is what
    the Activity page lists, beside every other tracked model's (one mechanism).
    """

    class Kind(models.TextChoices):
        IMPORT = "import", "Import"
        EXPORT = "export", "Export"
        REPORT = "report", "Report"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="activity")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    summary = models.CharField(max_length=300)
    file_name = models.CharField(max_length=255, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["import", "export", "report"]),
                name="activity_record_kind_valid",
            )
        ]

    def __str__(self) -> str:
        return self.summary
