"""What a workspace assumes when it prices outsourcing a function, and the projected saving
that results (kept per function so lists can sort and sum it in SQL).

Money is in the workspace's currency (Workspace.currency). Percentages are stored as
percentages (5.00 = 5 %) because that is how people type them.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from outsourcing.models import BusinessFunction, Workspace

# The ranges the issue and docs/domain.md allow; forms and constraints both use them.
MAX_DISCOUNT_RATE = Decimal(50)
MAX_TERM_YEARS = 15
MAX_GOVERNANCE = Decimal(100)
HOURS_IN_A_YEAR = 8784  # a leap year, every hour of it (HOURS_RANGE says the number)


def _between(low, high, message: str) -> list:
    # Django interpolates validator messages with %-formatting: a literal % is written %%.
    message = message.replace("%", "%%")
    return [MinValueValidator(low, message), MaxValueValidator(high, message)]


POSITIVE_MONEY = [MinValueValidator(Decimal("0.01"), "Enter a cost above zero.")]
MONEY_NOT_NEGATIVE = [MinValueValidator(Decimal(0), "A cost cannot be negative (0 for none).")]
GOVERNANCE_RANGE = _between(0, MAX_GOVERNANCE, "Governance is between 0 and 100 %.")
DISCOUNT_RANGE = _between(0, MAX_DISCOUNT_RATE, "A discount rate is between 0 and 50 %.")
TERM_RANGE = _between(1, MAX_TERM_YEARS, "A contract term is between 1 and 15 years.")
HOURS_RANGE = _between(1, 8784, "Hours per FTE-year are between 1 and 8,784.")


def _money(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


def _percent(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=5, decimal_places=2, **kwargs)


class BusinessCaseDefaults(models.Model):
    """A workspace's standing assumptions; a function's own assumptions override them."""

    workspace = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="business_case_defaults"
    )
    loaded_cost_per_fte = _money(
        "loaded cost per FTE",
        null=True,
        blank=True,
        validators=POSITIVE_MONEY,
        help_text="Salary, social charges, space and IT of one full-time person for a year; "
        "prices the in-house cost of a function that gives its FTE but no cost.",
    )
    governance_pct = _percent(
        "retained governance (%)",
        default=Decimal(5),
        validators=GOVERNANCE_RANGE,
        help_text="Vendor management kept in-house, as a share of the contract value "
        "(3–10 % is usual).",
    )
    discount_rate_pct = _percent("discount rate (%)", default=Decimal(8), validators=DISCOUNT_RANGE)
    term_years = models.PositiveSmallIntegerField(
        "contract term (years)", default=5, validators=TERM_RANGE
    )
    hours_per_fte_year = models.PositiveSmallIntegerField(
        "productive hours per FTE-year",
        default=1800,
        validators=HOURS_RANGE,
        help_text="Turns hourly rate cards into a year of work (1,720–1,880 is usual).",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "business-case defaults"
        verbose_name_plural = "business-case defaults"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(loaded_cost_per_fte__isnull=True)
                | models.Q(loaded_cost_per_fte__gt=0),
                name="bc_defaults_loaded_cost_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(governance_pct__gte=0, governance_pct__lte=MAX_GOVERNANCE),
                name="bc_defaults_governance_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    discount_rate_pct__gte=0, discount_rate_pct__lte=MAX_DISCOUNT_RATE
                ),
                name="bc_defaults_discount_0_50",
            ),
            models.CheckConstraint(
                condition=models.Q(term_years__gte=1, term_years__lte=MAX_TERM_YEARS),
                name="bc_defaults_term_1_15",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    hours_per_fte_year__gte=1, hours_per_fte_year__lte=HOURS_IN_A_YEAR
                ),
                name="bc_defaults_hours_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"Business-case defaults of {self.workspace}"


class FunctionAssumptions(models.Model):
    """One function's business-case assumptions; blank means the workspace default."""

    function = models.OneToOneField(
        BusinessFunction, on_delete=models.CASCADE, related_name="business_case_assumptions"
    )
    transition_cost = _money(
        "one-off transition cost",
        default=Decimal(0),
        validators=MONEY_NOT_NEGATIVE,
        help_text="Knowledge transfer, parallel running, severance, travel: paid before any "
        "saving.",
    )
    exit_cost = _money(
        "exit cost",
        default=Decimal(0),
        validators=MONEY_NOT_NEGATIVE,
        help_text="Bringing the work back or moving it on at the end of the term.",
    )
    governance_pct = _percent(
        "retained governance (%)", null=True, blank=True, validators=GOVERNANCE_RANGE
    )
    discount_rate_pct = _percent(
        "discount rate (%)", null=True, blank=True, validators=DISCOUNT_RANGE
    )
    term_years = models.PositiveSmallIntegerField(
        "contract term (years)", null=True, blank=True, validators=TERM_RANGE
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "business-case assumptions"
        verbose_name_plural = "business-case assumptions"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(transition_cost__gte=0, exit_cost__gte=0),
                name="bc_assumptions_costs_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(governance_pct__isnull=True)
                | models.Q(governance_pct__gte=0, governance_pct__lte=MAX_GOVERNANCE),
                name="bc_assumptions_governance_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(discount_rate_pct__isnull=True)
                | models.Q(discount_rate_pct__gte=0, discount_rate_pct__lte=MAX_DISCOUNT_RATE),
                name="bc_assumptions_discount_0_50",
            ),
            models.CheckConstraint(
                condition=models.Q(term_years__isnull=True)
                | models.Q(term_years__gte=1, term_years__lte=MAX_TERM_YEARS),
                name="bc_assumptions_term_1_15",
            ),
        ]

    def __str__(self) -> str:
        return f"Business-case assumptions of {self.function}"


class ProjectedSaving(models.Model):
    """The business case's answer for a function at its best shore, as last computed; the
    function list sorts on it and the dashboard sums it (`projected_savings_refresh`)."""

    function = models.OneToOneField(
        BusinessFunction,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="projected_saving",
    )
    shore = models.CharField(max_length=10, blank=True)  # "" when it cannot be costed
    annual_saving = _money("annual saving", null=True, blank=True)
    saving_pct = models.DecimalField("saving (%)", max_digits=9, decimal_places=2, null=True)
    npv = _money("NPV", null=True, blank=True)
    onshore_saving = _money("onshore annual saving", null=True, blank=True)
    nearshore_saving = _money("nearshore annual saving", null=True, blank=True)
    offshore_saving = _money("offshore annual saving", null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["annual_saving"])]

    def __str__(self) -> str:
        return f"Projected saving of {self.function}"
