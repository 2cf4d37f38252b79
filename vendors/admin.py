"""The Django admin for the catalog, read-only: it is for looking records up. Every write
goes through the curation pages and their services (duplicate detection, change history,
certificate rules), so the admin cannot be a back door around them."""

from django.contrib import admin
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from outsourcing.admin_readonly import ReadOnlyAdminMixin, ReadOnlyInline
from vendors.models import (
    Certification,
    DeliveryCentre,
    Offering,
    RateCard,
    ServiceLine,
    Vendor,
)


@admin.register(ServiceLine)
class ServiceLineAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "option"]
    list_filter = ["option"]
    search_fields = ["name", "code"]


class OfferingInline(ReadOnlyInline):
    model = Offering


class CentreInline(ReadOnlyInline):
    model = DeliveryCentre


class CertificationInline(ReadOnlyInline):
    model = Certification


class RateCardInline(ReadOnlyInline):
    model = RateCard


@admin.register(Vendor)
class VendorAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    # Django 6's default, today: a website typed without a scheme is https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["legal_name", "display_name", "headquarters_country", "status", "updated_at"]
    list_filter = ["status", "headquarters_country"]
    search_fields = ["legal_name", "display_name", "website"]
    readonly_fields = ["name_key", "website_domain", "created_at", "updated_at"]
    inlines = [OfferingInline, CentreInline, CertificationInline, RateCardInline]


@admin.register(Offering, DeliveryCentre, Certification, RateCard)
class VendorRecordAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_select_related = ["vendor"]
    search_fields = ["vendor__legal_name"]
    autocomplete_fields = ["vendor"]
