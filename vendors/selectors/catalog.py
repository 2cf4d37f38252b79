"""Reads for browsing and curating the catalog."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from outsourcing.models import Job, Workspace
from outsourcing.selectors import memberships_for_user
from vendors.filters import VendorFilter
from vendors.models import (
    Certification,
    DeliveryCentre,
    Offering,
    RateCard,
    ServiceLine,
    Vendor,
)
from vendors.normalise import vendor_name_key, website_domain


def current_workspace(*, user, session) -> Workspace | None:
    """The workspace the user last worked in (session `last_workspace`), if still a member.

    The catalog is global, but "nearshore" means something only relative to a client:
    the list uses this workspace's country. A stale or foreign slug in the session yields
    None rather than another tenant's country.
    """
    slug = session.get("last_workspace")
    memberships = list(memberships_for_user(user=user))
    for membership in memberships:
        if membership.workspace.slug == slug:
            return membership.workspace
    return memberships[0].workspace if len(memberships) == 1 else None


def vendor_list_queryset() -> QuerySet[Vendor]:
    """Vendors with what a list row shows, in a fixed number of queries per page."""
    return Vendor.objects.prefetch_related(
        Prefetch("offerings", queryset=Offering.objects.select_related("service_line")),
        Prefetch("centres", queryset=DeliveryCentre.objects.order_by("country", "city")),
        Prefetch("certifications", queryset=Certification.objects.order_by("kind")),
    )


def vendor_filterset(*, data=None, client_country: str | None = None) -> VendorFilter:
    return VendorFilter(data, queryset=vendor_list_queryset(), client_country=client_country)


def vendor_get(*, pk: int) -> Vendor:
    """One vendor with all its records, for the detail and curation pages."""
    return get_object_or_404(
        Vendor.objects.prefetch_related(
            Prefetch("offerings", queryset=Offering.objects.select_related("service_line")),
            "centres",
            "certifications",
            Prefetch(
                "rate_cards",
                queryset=RateCard.objects.select_related("service_line").order_by(
                    "service_line__name", "delivery_country", "unit", "-valid_from"
                ),
            ),
        ),
        pk=pk,
    )


def vendor_record_get(*, vendor: Vendor, model, pk: int):
    """One record (offering, centre, certificate, rate card) of this vendor; 404 otherwise."""
    return get_object_or_404(model.objects.filter(vendor=vendor), pk=pk)


def catalog_preview_get(*, pk: int, requested_by) -> Job:
    """The curator's own catalog import awaiting confirmation. Another curator's upload is
    not theirs to commit: 404, as for a stranger's object."""
    previews = Job.objects.filter(
        workspace__isnull=True, kind=Job.Kind.IMPORT_CATALOG, requested_by=requested_by
    )
    return get_object_or_404(previews, pk=pk)


def vendor_history(*, vendor: Vendor, limit: int = 300) -> list:
    """Every recorded change to the vendor and its records, newest first.

    Each entry is a historical row with `history_user`, `history_date`, `record_label`
    (the kind of record), `described` (which one) and `changes`: (field, old, new) for
    the fields that moved. A few queries whatever the length: diffs are taken against the
    previous row of the same record in memory, not with a query per row.
    """
    lines = dict(ServiceLine.objects.values_list("pk", "name"))
    histories = [
        (Vendor.history.filter(id=vendor.pk), "Vendor"),
        (Offering.history.filter(vendor_id=vendor.pk), "Offering"),
        (DeliveryCentre.history.filter(vendor_id=vendor.pk), "Delivery centre"),
        (Certification.history.filter(vendor_id=vendor.pk), "Certification"),
        (RateCard.history.filter(vendor_id=vendor.pk), "Rate card"),
    ]
    entries = []
    for queryset, label in histories:
        previous_of: dict[int, object] = {}
        for record in queryset.select_related("history_user").order_by(
            "id", "history_date", "history_id"
        ):
            previous = previous_of.get(record.id)
            record.record_label = label
            record.described = _describe(record, label, lines)
            record.changes = (
                [(c.field, c.old, c.new) for c in record.diff_against(previous).changes]
                if previous is not None and record.history_type == "~"
                else []
            )
            previous_of[record.id] = record
            entries.append(record)
    entries.sort(key=lambda record: (record.history_date, record.history_id), reverse=True)
    return entries[:limit]


def _describe(record, label: str, lines: dict[int, str]) -> str:
    if label == "Offering":
        return lines.get(record.service_line_id, "")
    if label == "Delivery centre":
        return f"{record.city}, {record.country.name}"
    if label == "Certification":
        return f"{record.get_kind_display()} {record.number}".strip()
    if label == "Rate card":
        return (
            f"{lines.get(record.service_line_id, '')} from {record.delivery_country.code}: "
            f"{record.currency} {record.rate}/{record.get_unit_display()}"
        )
    return ""


@dataclass(frozen=True)
class DuplicateMatch:
    vendor: Vendor
    reasons: tuple[str, ...]


def vendor_duplicates(
    *, legal_name: str, website: str = "", exclude_pk: int | None = None
) -> list[DuplicateMatch]:
    """Vendors that are probably the same company: same normalised name or website domain."""
    key, domain = vendor_name_key(legal_name), website_domain(website)
    condition = Q(name_key=key) if key else Q(pk__in=[])
    if domain:
        condition |= Q(website_domain=domain)
    queryset = Vendor.objects.filter(condition)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    matches = []
    for vendor in queryset.order_by("legal_name")[:20]:
        reasons = []
        if key and vendor.name_key == key:
            reasons.append(f"same name once legal forms are ignored (“{key}”)")
        if domain and vendor.website_domain == domain:
            reasons.append(f"same website domain ({domain})")
        matches.append(DuplicateMatch(vendor=vendor, reasons=tuple(reasons)))
    return matches


def duplicate_groups(*, limit: int = 50) -> list[list[Vendor]]:
    """Groups of existing vendors sharing a name key or website domain (merge candidates)."""
    from django.db.models import Count

    groups: list[list[Vendor]] = []
    seen: set[int] = set()
    for field in ("name_key", "website_domain"):
        values = (
            Vendor.objects.exclude(**{field: ""})
            .values(field)
            .annotate(n=Count("id"))
            .filter(n__gt=1)
            .values_list(field, flat=True)[:limit]
        )
        for value in values:
            members = [v for v in Vendor.objects.filter(**{field: value}) if v.pk not in seen]
            if len(members) > 1:
                seen.update(v.pk for v in members)
                groups.append(members)
    return groups[:limit]


def service_line_list() -> QuerySet[ServiceLine]:
    from django.db.models import Count

    return ServiceLine.objects.annotate(vendor_count=Count("offerings"))


def service_line_get(*, pk: int) -> ServiceLine:
    return get_object_or_404(ServiceLine, pk=pk)


def vendor_choices_for_merge(*, exclude: Vendor) -> QuerySet[Vendor]:
    return Vendor.objects.exclude(pk=exclude.pk).order_by("legal_name")
