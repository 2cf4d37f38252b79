"""The shared vendor catalog: service lines, vendors and what they offer, where and at
what price. Every workspace reads the same catalog; only catalog curators change it."""

from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from assessments.models import SourcingOption
from outsourcing.currencies import validate_currency_code


@cache
def available_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


class ServiceLine(models.Model):
    """A kind of service vendors offer (payroll, IT support …), tagged BPO, KPO or ITO."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100, unique=True)
    option = models.CharField(
        max_length=8,
        choices=[(o.value, o.label) for o in SourcingOption if o != SourcingOption.IN_HOUSE],
    )
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["option", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(option__in=["BPO", "KPO", "ITO"]),
                name="service_line_option_outsourced",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class VendorStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    APPROVED = "approved", "Approved"
    PREFERRED = "preferred", "Preferred"
    SUSPENDED = "suspended", "Suspended"


class Vendor(models.Model):
    """A company that could take on outsourced work: one shared record for all workspaces.

    `name_key` and `website_domain` are derived from the legal name and website by
    `vendors.normalise` (the services keep them in step) and are what duplicate detection
    compares: "Acme Services Ltd." and "ACME SERVICES LIMITED" share a key.
    """

    legal_name = models.CharField(max_length=200)
    display_name = models.CharField(
        max_length=200, blank=True, help_text="How people call it, if not the legal name."
    )
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    website = models.URLField(max_length=300, blank=True)
    website_domain = models.CharField(max_length=253, blank=True, db_index=True, editable=False)
    headquarters_country = CountryField()
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=VendorStatus.choices, default=VendorStatus.PROSPECT, db_index=True
    )
    languages = models.JSONField(
        default=list, blank=True, help_text="ISO 639-1 codes of the languages it works in."
    )
    founded_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    headcount = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["name_key", "website_domain", "updated_at"])

    class Meta:
        ordering = ["legal_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=VendorStatus.values), name="vendor_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(founded_year__isnull=True)
                | models.Q(founded_year__gte=1800, founded_year__lte=2100),
                name="vendor_founded_year_plausible",
            ),
        ]
        indexes = [models.Index(Lower("legal_name"), "id", name="vendor_name_ci_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.display_name or self.legal_name

    @property
    def is_suspended(self) -> bool:
        return self.status == VendorStatus.SUSPENDED


class Offering(models.Model):
    """A service line a vendor delivers, how well (1–5) and how much (FTE it can staff)."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="offerings")
    service_line = models.ForeignKey(
        ServiceLine, on_delete=models.PROTECT, related_name="offerings"
    )
    capability_level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 = can do it, 3 = solid track record, 5 = market leader.",
    )
    capacity_fte = models.DecimalField(
        "capacity (FTE)",
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["service_line__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "service_line"],
                name="offering_one_per_service_line",
                violation_error_message="This vendor already offers this service line.",
            ),
            models.CheckConstraint(
                condition=models.Q(capability_level__gte=1, capability_level__lte=5),
                name="offering_capability_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity_fte__isnull=True) | models.Q(capacity_fte__gte=0),
                name="offering_capacity_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["service_line", "vendor"])]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.service_line}"


def validate_time_zone(value: str) -> None:
    if value not in available_time_zones():
        raise ValidationError(f"“{value}” is not an IANA time zone (e.g. Europe/Warsaw).")


class DeliveryCentre(models.Model):
    """Where a vendor's people sit: the country decides the shore, the zone the overlap."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="centres")
    country = CountryField(db_index=True)
    city = models.CharField(max_length=100)
    headcount = models.PositiveIntegerField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "city"]
        constraints = [
            models.UniqueConstraint(
                "vendor",
                "country",
                Lower("city"),
                name="centre_one_per_city",
                violation_error_message="This vendor already has a centre in this city.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city}, {self.country.name}"


class CertificationKind(models.TextChoices):
    ISO_9001 = "iso_9001", "ISO 9001"
    ISO_27001 = "iso_27001", "ISO 27001"
    SOC2_TYPE2 = "soc2_type2", "SOC 2 Type II"
    PCI_DSS = "pci_dss", "PCI DSS"
    HIPAA = "hipaa", "HIPAA"
    CMMI_3 = "cmmi_3", "CMMI level 3"
    CMMI_5 = "cmmi_5", "CMMI level 5"
    GDPR_DPA = "gdpr_dpa", "GDPR DPA"


class CertificationState(models.TextChoices):
    VALID = "valid", "Valid"
    EXPIRING = "expiring", "Expiring"
    EXPIRED = "expired", "Expired"


# A certificate this close to its expiry is flagged: a renewal audit takes about a quarter.
EXPIRY_WARNING_DAYS = 90


class Certification(models.Model):
    """A certificate a vendor holds; no expiry date means it does not lapse (a DPA)."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="certifications")
    kind = models.CharField("type", max_length=12, choices=CertificationKind.choices)
    number = models.CharField(max_length=100, blank=True)
    issuer = models.CharField(max_length=200, blank=True)
    issued_on = models.DateField("issued")
    expires_on = models.DateField("expires", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-expires_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "kind", "number"],
                name="certification_unique_number",
                violation_error_message="This vendor already has this certificate.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CertificationKind.values),
                name="certification_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gt=models.F("issued_on")),
                name="certification_expires_after_issue",
                violation_error_message="A certificate must expire after it was issued.",
            ),
        ]
        indexes = [models.Index(fields=["kind", "expires_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}".strip()

    def state(self, today: date | None = None) -> str:
        """Valid, expiring (within EXPIRY_WARNING_DAYS) or expired, as of `today`."""
        today = today or date.today()
        if self.expires_on is None or self.expires_on > today + timedelta(EXPIRY_WARNING_DAYS):
            return CertificationState.VALID
        if self.expires_on >= today:
            return CertificationState.EXPIRING
        return CertificationState.EXPIRED

    @property
    def current_state(self) -> str:
        return self.state()

    def is_in_force(self, today: date | None = None) -> bool:
        return self.state(today) != CertificationState.EXPIRED


class RateUnit(models.TextChoices):
    HOUR = "hour", "Hour"
    FTE_MONTH = "fte_month", "FTE-month"
    TRANSACTION = "transaction", "Transaction"


class RateCard(models.Model):
    """A vendor's price for a service line delivered from a country, for a period."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="rate_cards")
    service_line = models.ForeignKey(
        ServiceLine, on_delete=models.PROTECT, related_name="rate_cards"
    )
    delivery_country = CountryField()
    currency = models.CharField(max_length=3, validators=[validate_currency_code])
    unit = models.CharField(max_length=12, choices=RateUnit.choices)
    rate = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["service_line__name", "delivery_country", "unit", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "vendor",
                    "service_line",
                    "delivery_country",
                    "currency",
                    "unit",
                    "valid_from",
                ],
                name="rate_card_unique_period",
                violation_error_message="This vendor already has this rate from that date.",
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="rate_card_rate_positive"),
            models.CheckConstraint(
                condition=models.Q(unit__in=RateUnit.values), name="rate_card_unit_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="rate_card_valid_to_after_from",
                violation_error_message="A rate must end on or after the day it starts.",
            ),
        ]
        indexes = [models.Index(fields=["service_line", "currency", "vendor"])]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.service_line} · {self.currency} {self.rate}/{self.unit}"

    def is_current(self, today: date | None = None) -> bool:
        today = today or date.today()
        return self.valid_from <= today and (self.valid_to is None or self.valid_to >= today)


# Contracts and SLAs live in their own sub-package; importing it here registers their
# models with this app (app_label "vendors") without crowding this module.
from vendors.contracts import models as contract_models  # noqa: E402, F401
