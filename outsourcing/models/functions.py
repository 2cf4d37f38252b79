from django.db import models
from django.db.models.functions import Lower

from assessments import scoring

from .workspaces import Workspace


class Department(models.Model):
    """A workspace's own grouping of functions (Finance, HR, IT …)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "workspace",
                Lower("name"),
                name="department_name_ci_unique_per_workspace",
                violation_error_message="A department with this name already exists here.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SourcingOption(models.TextChoices):
    """The ways to source a function that the product weighs (docs/domain.md): what an
    assessment recommends, what a vendor offers, what the portfolio counts."""

    BPO = "BPO", "BPO"
    KPO = "KPO", "KPO"
    ITO = "ITO", "ITO"
    IN_HOUSE = "IN_HOUSE", "Keep in-house"


class Recommendation(models.TextChoices):
    """What a scored assessment recommends: a sourcing option, or no clear call (a tie or
    near tie, shown as such and never replaced by a default option)."""

    BPO = "BPO", "BPO"
    KPO = "KPO", "KPO"
    ITO = "ITO", "ITO"
    IN_HOUSE = "IN_HOUSE", "Keep in-house"
    NO_CALL = scoring.NO_CALL, scoring.NO_CALL_LABEL


class CurrentSourcing(models.TextChoices):
    IN_HOUSE = "in_house", "In-house"
    OUTSOURCED = "outsourced", "Outsourced"


class BusinessFunction(models.Model):
    """Something the company does that could be kept or outsourced (payroll, helpdesk …)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="functions")
    name = models.CharField(max_length=200)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="functions"
    )
    description = models.TextField(blank=True)
    annual_cost = models.DecimalField(
        "annual in-house cost",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="What doing it in-house costs a year, in the workspace currency.",
    )
    fte = models.DecimalField(
        "FTE",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Full-time equivalents working on it today.",
    )
    monthly_volume = models.PositiveIntegerField(
        null=True, blank=True, help_text="Transactions, tickets or cases a month, if countable."
    )
    service_line = models.ForeignKey(
        "vendors.ServiceLine",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="functions",
        help_text="The kind of service it would be bought as, for the vendor shortlist.",
    )
    latest_assessment = models.OneToOneField(
        "assessments.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        # Kept by the assessment service in the same transaction as the assessment: lists,
        # filters and exports read the current recommendation without a subquery per row.
    )
    current_sourcing = models.CharField(
        max_length=12, choices=CurrentSourcing.choices, default=CurrentSourcing.IN_HOUSE
    )
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "workspace",
                Lower("name"),
                name="function_name_ci_unique_per_workspace",
                violation_error_message="A function with this name already exists here.",
            ),
            models.CheckConstraint(
                condition=models.Q(annual_cost__gte=0) | models.Q(annual_cost__isnull=True),
                name="function_annual_cost_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(fte__gte=0) | models.Q(fte__isnull=True),
                name="function_fte_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(current_sourcing__in=CurrentSourcing.values),
                name="function_current_sourcing_valid",
            ),
        ]
        # One index per order the list offers, each ending in pk as the list's order does,
        # so a page (and the seek to its first row) is an index range at any size. The
        # descending twins (blanks last, which a backward scan cannot give) and the search's
        # trigram indexes are PostgreSQL-only: migration 0008_function_list_postgres_indexes.
        indexes = [
            *(
                models.Index(
                    fields=["workspace", "is_archived", column, "id"],
                    name=f"function_list_{column[:9]}_asc",
                )
                for column in ("name", "annual_cost", "fte", "updated_at")
            ),
            models.Index(
                fields=["department", "is_archived", "name", "id"], name="function_list_department"
            ),
        ]

    def __str__(self) -> str:
        return self.name
