"""The catalog file format: which kinds of rows, which columns, and how a cell is read.

One sheet (XLSX) or one file (CSV) per kind. Column names are case-insensitive. Required
columns must be there; an optional column left out of the file leaves that field of an
existing record alone (and takes its default for a new one). Child rows name their vendor
by legal name, matched as duplicate detection matches names (`vendors.normalise`).

Each parser takes the cell text and returns the value, or raises CellError with a message
that completes "<kind> row N, column C: …".
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django_countries import countries

from outsourcing.currencies import is_currency_code
from outsourcing.imports.cells import (
    CellError,
    parse_date,
    parse_text,
    parse_whole,
    quoted,
    read_decimal,
)
from outsourcing.imports.plan import Column, Schema
from vendors.models import (
    CertificationKind,
    RateUnit,
    VendorStatus,
    available_time_zones,
)
from vendors.validation import parse_languages, validate_founded_year


def text(max_length: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        return parse_text(value, max_length=max_length)

    return parse


_url_validator = URLValidator(schemes=["http", "https"])


def url(value: str) -> str:
    value = text(300)(value)
    if not value:
        return ""
    candidate = value if "://" in value else f"https://{value}"
    try:
        _url_validator(candidate)
    except ValidationError:
        raise CellError(f"{quoted(value)} is not a URL.") from None
    return candidate


def country(value: str) -> str:
    code = countries.alpha2(value.strip()) if value.strip() else ""
    if not code:
        code = countries.by_name(value.strip()) or ""
    if not code:
        raise CellError(f"{quoted(value)} is not a country (use an ISO 3166 code such as DE).")
    return code


def currency(value: str) -> str:
    if not is_currency_code(value) or len(value.strip()) != 3:
        raise CellError(f"{quoted(value)} is not an ISO 4217 code.")
    return value.strip().upper()


def time_zone(value: str) -> str:
    if value.strip() not in available_time_zones():
        raise CellError(f"{quoted(value)} is not an IANA time zone (e.g. Asia/Kolkata).")
    return value.strip()


iso_date = parse_date


def decimal(value: str, *, places: int = 2) -> Decimal:
    """A number read by the one rule (`read_decimal`), to `places` decimals."""
    return read_decimal(value).quantize(Decimal(1).scaleb(-places))


def positive_rate(value: str) -> Decimal:
    amount = decimal(value)
    if amount <= 0:
        raise CellError(f"{quoted(value)} must be more than zero.")
    if amount >= Decimal("1e10"):
        raise CellError(f"{quoted(value)} is too large for a rate.")
    return amount


def capacity(value: str) -> Decimal:
    amount = decimal(value, places=1)
    if amount < 0:
        raise CellError(f"{quoted(value)} cannot be negative.")
    if amount >= Decimal("1e8"):
        raise CellError(f"{quoted(value)} is too large.")
    return amount


def whole_number(value: str, *, low: int = 0, high: int = 10_000_000) -> int:
    return parse_whole(value, low=low, high=high)


def capability(value: str) -> int:
    return whole_number(value, low=1, high=5)


def founded_year(value: str) -> int:
    year = whole_number(value, low=0, high=9999)
    try:
        validate_founded_year(year)
    except ValidationError as exc:
        raise CellError(exc.messages[0]) from None
    return year


def languages(value: str) -> list[str]:
    try:
        return parse_languages(value)
    except ValidationError as exc:
        raise CellError(exc.messages[0]) from None


def choice(choices: type, what: str) -> Callable[[str], str]:
    """A TextChoices value, given as its code ("soc2_type2") or label ("SOC 2 Type II")."""
    lookup = {}
    for value, label in choices.choices:
        for key in (value, label, label.replace(" ", ""), label.replace("-", " ")):
            lookup[key.casefold()] = value

    def parse(cell: str) -> str:
        found = lookup.get(cell.strip().casefold())
        if found is None:
            examples = ", ".join(value for value, _ in choices.choices)
            raise CellError(f"{quoted(cell)} is not a {what} ({examples}).")
        return found

    return parse


def _service_line_code(value: str) -> str:
    # Resolved against the taxonomy by the planner; here only its shape.
    return text(100)(value).strip()


@dataclass(frozen=True)
class Kind:
    name: str  # sheet / file name
    label: str
    columns: tuple[Column, ...]
    aliases: tuple[str, ...] = ()

    @cached_property
    def schema(self) -> Schema:
        return Schema(self.columns, sheet=self.name)

    def column(self, name: str) -> Column | None:
        return self.schema.column(name)

    @property
    def headers(self) -> list[str]:
        return self.schema.headers


VENDORS = Kind(
    "vendors",
    "Vendors",
    (
        Column("legal_name", text(200), required=True),
        Column("display_name", text(200), empty=""),
        Column("website", url, empty=""),
        Column("headquarters_country", country, required=True),
        Column("status", choice(VendorStatus, "vendor status")),
        Column("description", text(5000), empty=""),
        Column("languages", languages, empty=[]),
        Column("founded_year", founded_year),
        Column("headcount", whole_number),
    ),
)
OFFERINGS = Kind(
    "offerings",
    "Offerings",
    (
        Column("vendor", text(200), required=True),
        Column("service_line", _service_line_code, required=True),
        Column("capability_level", capability, required=True),
        Column("capacity_fte", capacity),
    ),
)
CENTRES = Kind(
    "centres",
    "Delivery centres",
    (
        Column("vendor", text(200), required=True),
        Column("country", country, required=True),
        Column("city", text(100), required=True),
        Column("headcount", whole_number),
        Column("time_zone", time_zone, required=True),
    ),
    aliases=("centers", "delivery_centres", "delivery centres", "delivery_centers"),
)
CERTIFICATIONS = Kind(
    "certifications",
    "Certifications",
    (
        Column("vendor", text(200), required=True),
        Column("type", choice(CertificationKind, "certificate type"), True, field="kind"),
        Column("number", text(100), empty=""),
        Column("issuer", text(200), empty=""),
        Column("issued", iso_date, required=True, field="issued_on"),
        Column("expires", iso_date, field="expires_on"),
    ),
    aliases=("certificates",),
)
RATES = Kind(
    "rates",
    "Rate cards",
    (
        Column("vendor", text(200), required=True),
        Column("service_line", _service_line_code, required=True),
        Column("delivery_country", country, required=True),
        Column("currency", currency, required=True),
        Column("unit", choice(RateUnit, "rate unit"), required=True),
        Column("rate", positive_rate, required=True),
        Column("valid_from", iso_date, required=True),
        Column("valid_to", iso_date),
    ),
    aliases=("rate_cards", "rate cards", "ratecards"),
)

KINDS = (VENDORS, OFFERINGS, CENTRES, CERTIFICATIONS, RATES)
KIND_NAMES = ", ".join(kind.name for kind in KINDS)


def kind_for(name: str) -> Kind | None:
    """The kind a sheet title or file name stem stands for ("Rate cards", "acme-vendors")."""
    cleaned = name.strip().casefold()
    for kind in KINDS:
        for alias in (kind.name, *kind.aliases):
            if cleaned == alias or re.search(rf"(^|[-_ ]){re.escape(alias)}$", cleaned):
                return kind
    return None
