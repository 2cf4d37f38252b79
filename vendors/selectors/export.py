"""The catalog as export tables, one per kind, in the import's format (a round trip
changes nothing)."""

from vendors.catalog_io.schema import CENTRES, CERTIFICATIONS, OFFERINGS, RATES, VENDORS
from vendors.models import Certification, DeliveryCentre, Offering, RateCard, Vendor

ExportTables = dict[str, tuple[list[str], list[list]]]

# The vendors sheet's columns are the import schema's, which are Vendor's field names.
VENDOR_FIELDS = tuple(VENDORS.headers)


def _vendor_cell(name: str, value):
    if name == "headquarters_country":
        return str(value)
    if name == "languages":
        return "; ".join(value or [])
    return value


def catalog_export_tables() -> ExportTables:
    """Every vendor and record, sorted by vendor legal name (values only, no model objects:
    the export of 50,000 rate cards should not build 50,000 instances)."""
    vendor_rows = [
        [_vendor_cell(name, row[name]) for name in VENDOR_FIELDS]
        for row in Vendor.objects.order_by("legal_name", "pk").values(*VENDOR_FIELDS)
    ]
    offering_rows = [
        list(row)
        for row in Offering.objects.order_by(
            "vendor__legal_name", "service_line__code"
        ).values_list(
            "vendor__legal_name", "service_line__code", "capability_level", "capacity_fte"
        )
    ]
    centre_rows = [
        list(row)
        for row in DeliveryCentre.objects.order_by(
            "vendor__legal_name", "country", "city"
        ).values_list("vendor__legal_name", "country", "city", "headcount", "time_zone")
    ]
    certification_rows = [
        list(row)
        for row in Certification.objects.order_by(
            "vendor__legal_name", "kind", "number"
        ).values_list("vendor__legal_name", "kind", "number", "issuer", "issued_on", "expires_on")
    ]
    rate_rows = [
        list(row)
        for row in RateCard.objects.order_by(
            "vendor__legal_name", "service_line__code", "delivery_country", "unit", "valid_from"
        ).values_list(
            "vendor__legal_name",
            "service_line__code",
            "delivery_country",
            "currency",
            "unit",
            "rate",
            "valid_from",
            "valid_to",
        )
    ]
    return {
        VENDORS.name: (VENDORS.headers, vendor_rows),
        OFFERINGS.name: (OFFERINGS.headers, offering_rows),
        CENTRES.name: (CENTRES.headers, centre_rows),
        CERTIFICATIONS.name: (CERTIFICATIONS.headers, certification_rows),
        RATES.name: (RATES.headers, rate_rows),
    }


def catalog_export_file(*, file_format: str) -> tuple[str, str, bytes]:
    """(file name, content type, bytes): one XLSX with a sheet per kind, or a ZIP holding
    one CSV per kind. Text cells are neutralised against spreadsheet formulas."""
    import io
    import zipfile

    from django.utils import timezone

    from outsourcing.imports.writer import write_csv, write_xlsx

    tables = catalog_export_tables()
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    if file_format == "xlsx":
        content = write_xlsx(tables)
        return (
            f"vendor-catalog-{stamp}.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            content,
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (headers, rows) in tables.items():
            archive.writestr(f"{name}.csv", write_csv(headers, rows))
    return f"vendor-catalog-{stamp}.zip", "application/zip", buffer.getvalue()
