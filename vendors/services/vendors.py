"""Creating, changing, suspending and merging vendors.

Every write here goes through the model's `save()` or `delete()`, so django-simple-history
records who did what and when (the request middleware supplies the user in the browser;
commands pass none). Duplicate detection compares the keys in `vendors.normalise`.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from vendors.models import Vendor, VendorStatus
from vendors.normalise import vendor_name_key, website_domain, website_url
from vendors.selectors.catalog import vendor_duplicates
from vendors.validation import validate_founded_year

VENDOR_FIELDS = (
    "legal_name",
    "display_name",
    "website",
    "headquarters_country",
    "description",
    "status",
    "languages",
    "founded_year",
    "headcount",
)


def _refresh_keys(vendor: Vendor) -> None:
    vendor.legal_name = " ".join(vendor.legal_name.split())
    vendor.display_name = " ".join(vendor.display_name.split())
    vendor.website = website_url(vendor.website)
    vendor.name_key = vendor_name_key(vendor.legal_name)
    vendor.website_domain = website_domain(vendor.website)


def _check(vendor: Vendor, *, allow_duplicate: bool) -> None:
    _refresh_keys(vendor)
    if not vendor.name_key:
        raise ValidationError({"legal_name": "Give the vendor a legal name."})
    try:
        validate_founded_year(vendor.founded_year)
    except ValidationError as exc:
        raise ValidationError({"founded_year": exc.messages}) from None
    vendor.full_clean()
    if not allow_duplicate:
        matches = vendor_duplicates(
            legal_name=vendor.legal_name, website=vendor.website, exclude_pk=vendor.pk
        )
        if matches:
            described = "; ".join(
                f"“{match.vendor.legal_name}” ({', '.join(match.reasons)})" for match in matches
            )
            message = f"This looks like a vendor already in the catalog: {described}."
            raise ValidationError({"legal_name": ValidationError(message, code="duplicate")})


@transaction.atomic
def vendor_create(
    *,
    legal_name: str,
    headquarters_country: str,
    display_name: str = "",
    website: str = "",
    description: str = "",
    status: str = VendorStatus.PROSPECT,
    languages: list[str] | None = None,
    founded_year: int | None = None,
    headcount: int | None = None,
    allow_duplicate: bool = False,
) -> Vendor:
    """Add a vendor to the catalog.

    Raises ValidationError naming the field; a probable duplicate (same normalised name or
    website domain as another vendor) is refused with code "duplicate" unless
    `allow_duplicate` (the curator confirmed it is a different company).
    """
    vendor = Vendor(
        legal_name=legal_name,
        display_name=display_name,
        website=website,
        headquarters_country=headquarters_country,
        description=description.strip(),
        status=status,
        languages=list(languages or []),
        founded_year=founded_year,
        headcount=headcount,
    )
    _check(vendor, allow_duplicate=allow_duplicate)
    vendor.save()
    return vendor


@transaction.atomic
def vendor_update(*, vendor: Vendor, allow_duplicate: bool = False, **changes) -> Vendor:
    """Change a vendor's details (any of VENDOR_FIELDS). Same checks as `vendor_create`."""
    unknown = set(changes) - set(VENDOR_FIELDS)
    if unknown:
        raise TypeError(f"vendor_update() got unexpected fields: {', '.join(sorted(unknown))}")
    for name, value in changes.items():
        setattr(vendor, name, value.strip() if name == "description" else value)
    _check(vendor, allow_duplicate=allow_duplicate)
    vendor.save()
    return vendor


def vendor_set_status(*, vendor: Vendor, status: str, reason: str = "") -> Vendor:
    """Suspend, reinstate or promote a vendor; the reason goes into its history."""
    if status not in VendorStatus.values:
        raise ValidationError({"status": f"“{status}” is not a vendor status."})
    vendor.status = status
    vendor._change_reason = reason or f"Status set to {VendorStatus(status).label}"
    vendor.save(update_fields=["status", "updated_at"])
    return vendor


@dataclass
class MergeResult:
    target: Vendor
    moved: dict[str, int] = field(default_factory=dict)
    combined: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def count(self, kind: str, *, moved: bool) -> None:
        """One record of `kind` moved over to the target, or combined with the target's."""
        bucket = self.moved if moved else self.combined
        bucket[kind] = bucket.get(kind, 0) + 1


@transaction.atomic
def vendor_merge(*, target: Vendor, source: Vendor) -> MergeResult:
    """Fold `source` into `target` and delete `source`; nothing of source's is lost.

    - Offerings, centres, certificates and rates that `target` lacks move over (their
      history follows them).
    - Where both have the same record: an offering keeps the higher capability level and
      capacity; a centre (same country and city) the larger headcount; a certificate (same
      type and number) the later expiry; a rate card (same service line, country,
      currency, unit and start) keeps `target`'s price, and a different price of
      `source`'s is named in the result's notes.
    - Blank details of `target` (display name, website, description, founding year,
      headcount) are filled from `source`; languages are combined.
    The source's deletion is recorded in its history with the reason "merged into …".
    """
    target, source = _lock_pair(target=target, source=source)
    result = MergeResult(target=target)
    _merge_offerings(target, source, result)
    _merge_centres(target, source, result)
    _merge_certifications(target, source, result)
    _merge_rate_cards(target, source, result)
    _merge_details(target, source)
    source._change_reason = f"Merged into “{target.legal_name}” (#{target.pk})"
    source.delete()
    return result


def _lock_pair(*, target: Vendor, source: Vendor) -> tuple[Vendor, Vendor]:
    """Both vendors, re-read and locked; refuses merging a vendor into itself or a gone one."""
    if target.pk == source.pk:
        raise ValidationError("A vendor cannot be merged into itself.")
    # Lock both rows in a fixed order, so two curators merging crosswise cannot deadlock.
    locked = {
        v.pk: v
        for v in Vendor.objects.select_for_update()
        .filter(pk__in=[target.pk, source.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise ValidationError("One of the two vendors no longer exists.")
    return locked[target.pk], locked[source.pk]


def _merge_offerings(target: Vendor, source: Vendor, result: MergeResult) -> None:
    """Same service line: the higher capability level and capacity."""
    own_offerings = {o.service_line_id: o for o in target.offerings.all()}
    for offering in source.offerings.select_related("service_line"):
        mine = own_offerings.get(offering.service_line_id)
        if mine is None:
            offering.vendor = target
            offering._change_reason = f"Moved from merged vendor “{source.legal_name}”"
            offering.save()
            result.count("offerings", moved=True)
            continue
        mine.capability_level = max(mine.capability_level, offering.capability_level)
        if offering.capacity_fte is not None:
            mine.capacity_fte = max(mine.capacity_fte or 0, offering.capacity_fte)
        mine._change_reason = f"Combined with merged vendor “{source.legal_name}”"
        mine.save()
        result.count("offerings", moved=False)


def _merge_centres(target: Vendor, source: Vendor, result: MergeResult) -> None:
    """Same country and city: the larger headcount."""
    own_centres = {(c.country.code, c.city.casefold()): c for c in target.centres.all()}
    for centre in source.centres.all():
        mine = own_centres.get((centre.country.code, centre.city.casefold()))
        if mine is None:
            centre.vendor = target
            centre.save()
            result.count("centres", moved=True)
            continue
        if centre.headcount is not None:
            mine.headcount = max(mine.headcount or 0, centre.headcount)
            mine.save()
        result.count("centres", moved=False)


def _merge_certifications(target: Vendor, source: Vendor, result: MergeResult) -> None:
    """Same type and number: the later expiry (no expiry counts as latest)."""
    own_certs = {(c.kind, c.number): c for c in target.certifications.all()}
    for cert in source.certifications.all():
        mine = own_certs.get((cert.kind, cert.number))
        if mine is None:
            cert.vendor = target
            cert.save()
            result.count("certifications", moved=True)
            continue
        if mine.expires_on is not None and (
            cert.expires_on is None or cert.expires_on > mine.expires_on
        ):
            mine.issuer, mine.issued_on, mine.expires_on = (
                cert.issuer or mine.issuer,
                cert.issued_on,
                cert.expires_on,
            )
            mine.save()
        result.count("certifications", moved=False)


def _rate_key(rate) -> tuple:
    return (
        rate.service_line_id,
        rate.delivery_country.code,
        rate.currency,
        rate.unit,
        rate.valid_from,
    )


def _merge_rate_cards(target: Vendor, source: Vendor, result: MergeResult) -> None:
    """Same service line, country, currency, unit and start: the target's price stays, and a
    different price of the source's is named in the notes."""
    own_rates = {_rate_key(r): r for r in target.rate_cards.all()}
    for rate in source.rate_cards.select_related("service_line"):
        mine = own_rates.get(_rate_key(rate))
        if mine is None:
            rate.vendor = target
            rate.save()
            result.count("rate cards", moved=True)
            continue
        if mine.rate != rate.rate:
            result.notes.append(
                f"{rate.service_line} from {rate.delivery_country.name}: kept "
                f"{mine.currency} {mine.rate}/{mine.get_unit_display()}, dropped "
                f"{rate.currency} {rate.rate}."
            )
        result.count("rate cards", moved=False)


def _merge_details(target: Vendor, source: Vendor) -> None:
    """Blank details of the target filled from the source; languages combined."""
    for name in ("display_name", "website", "description", "founded_year", "headcount"):
        if getattr(target, name) in ("", None) and getattr(source, name) not in ("", None):
            setattr(target, name, getattr(source, name))
    target.languages = list(dict.fromkeys([*target.languages, *source.languages]))
    _refresh_keys(target)
    target._change_reason = f"Merged “{source.legal_name}” (#{source.pk}) into this vendor"
    target.save()
