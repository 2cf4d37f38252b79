"""Search, filter and sort the vendor catalog.

Every filter is an EXISTS subquery rather than a join, so a vendor with three matching
centres is listed once without DISTINCT, and the page costs the same queries at 5 vendors
as at 5,000.
"""

from datetime import date

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from vendors.geography import SHORE_CHOICES, countries_at_shore
from vendors.models import (
    Certification,
    CertificationKind,
    DeliveryCentre,
    Offering,
    ServiceLine,
    VendorStatus,
)

OPTION_CHOICES = [("BPO", "BPO"), ("KPO", "KPO"), ("ITO", "ITO")]
STATUS_CHOICES = [("active", "All but suspended"), *VendorStatus.choices, ("all", "All")]


class VendorFilter(django_filters.FilterSet):
    """The catalog list's filters. `client_country` (the user's workspace country) enables
    the shore filter; without it the filter is removed."""

    q = django_filters.CharFilter(method="search", label="Search")
    # A service line's code in the query string: said to the API schema, which cannot guess
    # it from a filter method (and check --deploy warns that it could not).
    service_line = extend_schema_field(OpenApiTypes.STR)(
        django_filters.ModelChoiceFilter(
            queryset=ServiceLine.objects.all(),
            method="filter_service_line",
            empty_label="All service lines",
            to_field_name="code",
        )
    )
    option = django_filters.ChoiceFilter(
        choices=OPTION_CHOICES, method="filter_option", empty_label="BPO, KPO or ITO"
    )
    country = django_filters.ChoiceFilter(
        choices=list(countries),
        method="filter_country",
        empty_label="Any country",
        label="Country (HQ or centre)",
    )
    shore = django_filters.ChoiceFilter(
        choices=SHORE_CHOICES, method="filter_shore", empty_label="Any shore", label="Delivery"
    )
    certification = django_filters.ChoiceFilter(
        choices=CertificationKind.choices,
        method="filter_certification",
        empty_label="Any certificate",
        label="Holds (in force)",
    )
    status = django_filters.ChoiceFilter(
        choices=STATUS_CHOICES, method="filter_status", empty_label=None, label="Status"
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("legal_name", "name"),
            ("headquarters_country", "country"),
            ("status", "status"),
            ("updated_at", "updated"),
        ),
        label="Sort by",
    )

    def __init__(self, data=None, *args, client_country: str | None = None, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", "active")
        super().__init__(data, *args, **kwargs)
        self.client_country = client_country
        if not client_country:
            del self.filters["shore"]
            self.form.fields.pop("shore", None)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )
        self.form.fields["q"].widget.attrs["placeholder"] = "Name, description or website"

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(legal_name__icontains=value)
            | Q(display_name__icontains=value)
            | Q(website_domain__icontains=value)
            | Q(description__icontains=value)
        )

    def filter_service_line(self, queryset, name, value):
        return queryset.filter(
            Exists(Offering.objects.filter(vendor=OuterRef("pk"), service_line=value))
        )

    def filter_option(self, queryset, name, value):
        return queryset.filter(
            Exists(Offering.objects.filter(vendor=OuterRef("pk"), service_line__option=value))
        )

    def filter_country(self, queryset, name, value):
        return queryset.filter(
            Q(headquarters_country=value)
            | Exists(DeliveryCentre.objects.filter(vendor=OuterRef("pk"), country=value))
        )

    def filter_shore(self, queryset, name, value):
        codes = countries_at_shore(value, self.client_country)
        return queryset.filter(
            Exists(DeliveryCentre.objects.filter(vendor=OuterRef("pk"), country__in=codes))
        )

    def filter_certification(self, queryset, name, value):
        in_force = Certification.objects.filter(vendor=OuterRef("pk"), kind=value).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=date.today())
        )
        return queryset.filter(Exists(in_force))

    def filter_status(self, queryset, name, value):
        if value == "all":
            return queryset
        if value == "active":
            return queryset.exclude(status=VendorStatus.SUSPENDED)
        return queryset.filter(status=value)

    @property
    def qs(self):
        queryset = super().qs
        # A stable order under any sort, so pagination never repeats or skips a vendor.
        return queryset.order_by(*(queryset.query.order_by or ["legal_name"]), "pk")

    @property
    def is_filtered(self) -> bool:
        return (
            any(
                self.form.data.get(key)
                for key in ("q", "service_line", "option", "country", "shore")
            )
            or self.form.data.get("certification")
            or self.form.data.get("status") != "active"
        )
