from django.conf import settings
from django.db import models
from django.urls import reverse

from outsourcing.models import Job, Workspace


class ReportLanguage(models.TextChoices):
    # Hindi comes with the translated interface; the PDF's fonts already cover Devanagari.
    ENGLISH = "en", "English"


class PortfolioReport(models.Model):
    """A portfolio report as it was sent: options, figures, and the files made from them.

    The job runs the computation and carries status and progress. Once generated, the
    figures, model version, weights and files are never written again (the generation
    service sets them with a conditional update); regenerating makes a new report.
    """

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="portfolio_reports"
    )
    job = models.OneToOneField(Job, on_delete=models.PROTECT, related_name="portfolio_report")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    sections = models.JSONField(help_text="Keys of the sections asked for, in report order.")
    department_ids = models.JSONField(
        default=list, blank=True, help_text="Departments in scope; empty means all."
    )
    language = models.CharField(
        max_length=8, choices=ReportLanguage.choices, default=ReportLanguage.ENGLISH
    )

    # The snapshot, written once when generation succeeds.
    generated_at = models.DateTimeField(null=True, blank=True)
    figures = models.JSONField(null=True, blank=True)
    model_version = models.CharField(max_length=40, blank=True)
    weights = models.JSONField(null=True, blank=True)
    pdf_file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    xlsx_file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    csv_file = models.FileField(upload_to="reports/%Y/%m/", blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(generated_at__isnull=True)
                | (models.Q(figures__isnull=False) & models.Q(weights__isnull=False)),
                name="portfolio_report_generated_has_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"Portfolio report of {self.workspace} ({self.requested_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("portfolio_report_detail", args=[self.workspace.slug, self.pk])

    def file_for(self, file_format: str):
        """The generated file of one format ('pdf', 'xlsx', 'csv'), or None."""
        field = FILE_FIELDS.get(file_format)
        return (getattr(self, field) or None) if field else None


# The downloadable formats and the field that keeps each.
FILE_FIELDS = {"pdf": "pdf_file", "xlsx": "xlsx_file", "csv": "csv_file"}
