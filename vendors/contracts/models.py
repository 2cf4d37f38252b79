"""Contracts a workspace holds with catalog vendors, their SLAs and measurements, the
history of what was done to them, and the reminders sent about notice deadlines.

Imported by vendors/models.py, so the tables belong to the `vendors` app.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField

from assessments.models import SourcingOption
from outsourcing.currencies import validate_currency_code
from outsourcing.models import BusinessFunction, Workspace

from .terms import REMINDER_THRESHOLDS, notice_deadline_for, renewed_end

OUTSOURCED_OPTIONS = [(o.value, o.label) for o in SourcingOption if o != SourcingOption.IN_HOUSE]


class PricingModel(models.TextChoices):
    FTE = "fte", "FTE-based"
    TRANSACTION = "transaction", "Transaction-based"
    FIXED = "fixed", "Fixed fee"
    OUTCOME = "outcome", "Outcome-based"
    TIME_MATERIALS = "time_materials", "Time and materials"


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    TERMINATED = "terminated", "Terminated"
    EXPIRED = "expired", "Expired"


def signed_file_path(contract: "Contract", filename: str) -> str:
    # A random name: the stored path tells nobody the contract or the original file name,
    # and the file only ever leaves through the members-only download view.
    suffix = PurePath(filename).suffix.lower()[:8]
    return f"private/contracts/{contract.workspace_id}/{uuid.uuid4().hex}{suffix}"


class Contract(models.Model):
    """A workspace's contract with a catalog vendor for one or more business functions.

    `notice_deadline` is stored (lists filter and sort on it) but only ever written as
    `terms.notice_deadline_for(end_date, notice_period_days)`, by `sync_notice_deadline`.
    `end_date` is the end of the *current* term: an automatic renewal moves it on.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="contracts")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="contracts")
    title = models.CharField(max_length=200)
    reference = models.CharField(max_length=60, blank=True)
    functions = models.ManyToManyField(
        BusinessFunction, blank=True, related_name="contracts", verbose_name="covered functions"
    )
    option = models.CharField("sourcing option", max_length=8, choices=OUTSOURCED_OPTIONS)
    delivery_country = CountryField()
    pricing_model = models.CharField(max_length=16, choices=PricingModel.choices)
    currency = models.CharField(max_length=3, validators=[validate_currency_code])
    annual_value = models.DecimalField(max_digits=14, decimal_places=2)
    total_value = models.DecimalField(max_digits=16, decimal_places=2)
    start_date = models.DateField()
    end_date = models.DateField(help_text="End of the current term.")
    notice_period_days = models.PositiveIntegerField(default=90)
    notice_deadline = models.DateField(editable=False, db_index=True)
    auto_renew = models.BooleanField("renews automatically", default=False)
    renewal_term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ContractStatus.choices, default=ContractStatus.ACTIVE
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="contract owner",
    )
    notes = models.TextField(blank=True)
    at_risk_percent = models.DecimalField(
        "at-risk amount, % of the period's fee",
        max_digits=5,
        decimal_places=2,
        default=10,
        help_text="The service-credit pool: credits in a period never exceed it.",
    )
    signed_file = models.FileField(upload_to=signed_file_path, blank=True, max_length=200)
    signed_file_name = models.CharField(max_length=200, blank=True, editable=False)
    notice_given_on = models.DateField(null=True, blank=True, editable=False)
    terminated_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["notice_deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="contract_end_after_start"
            ),
            # The deadline is end − notice: it falls inside the term exactly when the notice
            # period is shorter than the term.
            models.CheckConstraint(
                condition=Q(notice_deadline__gte=F("start_date"))
                & Q(notice_deadline__lte=F("end_date")),
                name="contract_notice_within_term",
            ),
            models.CheckConstraint(
                condition=Q(annual_value__gt=0) & Q(total_value__gt=0),
                name="contract_values_positive",
            ),
            models.CheckConstraint(
                condition=Q(at_risk_percent__gte=0) & Q(at_risk_percent__lte=100),
                name="contract_at_risk_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(auto_renew=False) | Q(renewal_term_months__gte=1),
                name="contract_auto_renew_has_term",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ContractStatus.values), name="contract_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(option__in=["BPO", "KPO", "ITO"]), name="contract_option_outsourced"
            ),
            models.CheckConstraint(
                condition=Q(pricing_model__in=PricingModel.values),
                name="contract_pricing_model_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status=ContractStatus.TERMINATED) | Q(terminated_on__isnull=False),
                name="contract_terminated_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["workspace", "status", "notice_deadline"]),
            models.Index(fields=["workspace", "vendor"]),
        ]

    def __str__(self) -> str:
        return self.title

    def sync_notice_deadline(self) -> None:
        """Recompute the stored deadline from the current term (the one place it is set)."""
        self.notice_deadline = notice_deadline_for(
            end_date=self.end_date, notice_period_days=self.notice_period_days
        )

    @property
    def next_term_end(self):
        """Where an automatic renewal would move the end, or None without one."""
        if not (self.auto_renew and self.renewal_term_months):
            return None
        return renewed_end(end_date=self.end_date, renewal_term_months=self.renewal_term_months)

    @property
    def is_live(self) -> bool:
        """Active and notice not given: the contract reminders and renewals care about."""
        return self.status == ContractStatus.ACTIVE and self.notice_given_on is None


class EventKind(models.TextChoices):
    CREATED = "created", "Created"
    EDITED = "edited", "Edited"
    RENEWED = "renewed", "Renewed"
    AUTO_RENEWED = "auto_renewed", "Renewed automatically"
    NOTICE_GIVEN = "notice_given", "Notice given"
    TERMINATED = "terminated", "Terminated"
    EXPIRED = "expired", "Expired"


class ContractEvent(models.Model):
    """Something done to a contract: its history, shown on the contract page."""

    Kind = EventKind

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    effective_on = models.DateField()
    previous_end = models.DateField(null=True, blank=True)
    new_end = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="contract_event_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.effective_on}"


class ContractReminder(models.Model):
    """One reminder about one notice deadline at one threshold: the row is the claim.

    The unique constraint makes a second run (or a second worker) find the row taken, so
    each reminder goes out once. The deadline is part of the key: after an automatic
    renewal the new term's deadline gets its own five reminders.
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="reminders")
    notice_deadline = models.DateField()
    days_before = models.PositiveSmallIntegerField(
        choices=[(t, f"{t} days before" if t else "On the day") for t in REMINDER_THRESHOLDS]
    )
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.TextField(blank=True)
    run = models.UUIDField(db_index=True)

    class Meta:
        ordering = ["notice_deadline", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "notice_deadline", "days_before"],
                name="contract_reminder_once",
            ),
            models.CheckConstraint(
                condition=Q(days_before__in=REMINDER_THRESHOLDS),
                name="contract_reminder_threshold_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract}: {self.get_days_before_display()} {self.notice_deadline}"


class SlaUnit(models.TextChoices):
    PERCENT = "%", "%"
    SECONDS = "s", "seconds"
    MINUTES = "min", "minutes"
    HOURS = "h", "hours"
    DAYS = "d", "days"
    COUNT = "count", "count"


class SlaDirection(models.TextChoices):
    AT_LEAST = "at_least", "At least"
    AT_MOST = "at_most", "At most"


class SlaPeriod(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"


PERIODS_PER_YEAR = {SlaPeriod.MONTHLY: 12, SlaPeriod.QUARTERLY: 4}


class ServiceLevel(models.Model):
    """An SLA or KPI of a contract, and its place in the service-credit pool."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="slas")
    metric = models.CharField(max_length=120)
    unit = models.CharField(max_length=5, choices=SlaUnit.choices, default=SlaUnit.PERCENT)
    target = models.DecimalField(max_digits=12, decimal_places=3)
    direction = models.CharField(
        max_length=8, choices=SlaDirection.choices, default=SlaDirection.AT_LEAST
    )
    period = models.CharField(max_length=10, choices=SlaPeriod.choices, default=SlaPeriod.MONTHLY)
    pool_weight = models.DecimalField(
        "pool weight, %",
        max_digits=5,
        decimal_places=2,
        help_text="Share of the at-risk amount a breach puts in play.",
    )
    credit_percent = models.DecimalField(
        "credit on breach, % of its share",
        max_digits=5,
        decimal_places=2,
        default=100,
    )

    class Meta:
        ordering = ["metric", "pk"]
        verbose_name = "SLA"
        constraints = [
            models.UniqueConstraint(fields=["contract", "metric"], name="sla_metric_unique"),
            models.CheckConstraint(
                condition=~Q(unit=SlaUnit.PERCENT) | Q(target__lte=100),
                name="sla_percent_target_at_most_100",
            ),
            models.CheckConstraint(condition=Q(target__gte=0), name="sla_target_not_negative"),
            models.CheckConstraint(
                condition=Q(pool_weight__gt=0) & Q(pool_weight__lte=100),
                name="sla_pool_weight_range",
            ),
            models.CheckConstraint(
                condition=Q(credit_percent__gte=0) & Q(credit_percent__lte=100),
                name="sla_credit_percent_range",
            ),
            models.CheckConstraint(condition=Q(unit__in=SlaUnit.values), name="sla_unit_valid"),
            models.CheckConstraint(
                condition=Q(direction__in=SlaDirection.values), name="sla_direction_valid"
            ),
            models.CheckConstraint(
                condition=Q(period__in=SlaPeriod.values), name="sla_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.metric

    @property
    def at_least(self) -> bool:
        return self.direction == SlaDirection.AT_LEAST

    @property
    def target_label(self) -> str:
        sign = "≥" if self.at_least else "≤"
        return f"{sign} {self.target.normalize():f} {self.unit}"


class Measurement(models.Model):
    """What an SLA measured in one period (`period_start`: the period's first day)."""

    sla = models.ForeignKey(ServiceLevel, on_delete=models.CASCADE, related_name="measurements")
    period_start = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=3)
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["sla", "period_start"],
                name="measurement_once_per_period",
                violation_error_message="This SLA already has a measurement for that period.",
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="measurement_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.sla}: {self.value} ({self.period_start:%b %Y})"
