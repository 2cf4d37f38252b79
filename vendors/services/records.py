"""A vendor's records (offerings, delivery centres, certificates, rate cards) and the
service-line taxonomy: add, change, remove. Each refuses bad input with a ValidationError
naming the field, before anything is written."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from vendors.models import (
    Certification,
    DeliveryCentre,
    Offering,
    RateCard,
    ServiceLine,
    Vendor,
)


def _save(record):
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def offering_save(
    *,
    vendor: Vendor,
    service_line: ServiceLine,
    capability_level: int,
    capacity_fte: Decimal | None = None,
    offering: Offering | None = None,
) -> Offering:
    """Add an offering to `vendor`, or change `offering` if given."""
    offering = offering or Offering(vendor=vendor)
    offering.service_line = service_line
    offering.capability_level = capability_level
    offering.capacity_fte = capacity_fte
    return _save(offering)


@transaction.atomic
def centre_save(
    *,
    vendor: Vendor,
    country: str,
    city: str,
    time_zone: str,
    headcount: int | None = None,
    centre: DeliveryCentre | None = None,
) -> DeliveryCentre:
    """Add a delivery centre to `vendor`, or change `centre` if given."""
    centre = centre or DeliveryCentre(vendor=vendor)
    centre.country = country
    centre.city = " ".join(city.split())
    centre.time_zone = time_zone.strip()
    centre.headcount = headcount
    return _save(centre)


@transaction.atomic
def certification_save(
    *,
    vendor: Vendor,
    kind: str,
    issued_on: date,
    expires_on: date | None = None,
    number: str = "",
    issuer: str = "",
    certification: Certification | None = None,
) -> Certification:
    """Add a certificate to `vendor`, or change `certification` if given.

    An expiry on or before the issue date is refused by the model's CheckConstraint
    (validated before saving, and enforced by the database); the form names the field.
    """
    certification = certification or Certification(vendor=vendor)
    certification.kind = kind
    certification.number = number.strip()
    certification.issuer = issuer.strip()
    certification.issued_on = issued_on
    certification.expires_on = expires_on
    return _save(certification)


@transaction.atomic
def rate_card_save(
    *,
    vendor: Vendor,
    service_line: ServiceLine,
    delivery_country: str,
    currency: str,
    unit: str,
    rate: Decimal,
    valid_from: date,
    valid_to: date | None = None,
    rate_card: RateCard | None = None,
) -> RateCard:
    """Add a rate card to `vendor`, or change `rate_card` if given."""
    if rate is not None and rate <= 0:
        raise ValidationError({"rate": "A rate must be more than zero."})
    if valid_to is not None and valid_from is not None and valid_to < valid_from:
        raise ValidationError({"valid_to": "A rate must end on or after the day it starts."})
    rate_card = rate_card or RateCard(vendor=vendor)
    rate_card.service_line = service_line
    rate_card.delivery_country = delivery_country
    rate_card.currency = currency.strip().upper()
    rate_card.unit = unit
    rate_card.rate = rate
    rate_card.valid_from = valid_from
    rate_card.valid_to = valid_to
    return _save(rate_card)


def record_delete(*, record: Offering | DeliveryCentre | Certification | RateCard) -> None:
    """Remove one of a vendor's records (its history keeps the deleted values)."""
    record.delete()


@transaction.atomic
def service_line_save(
    *,
    code: str,
    name: str,
    option: str,
    description: str = "",
    service_line: ServiceLine | None = None,
) -> ServiceLine:
    """Add a service line to the shared taxonomy, or change `service_line` if given."""
    service_line = service_line or ServiceLine()
    service_line.code = code.strip().lower()
    service_line.name = " ".join(name.split())
    service_line.option = option
    service_line.description = description.strip()
    return _save(service_line)
