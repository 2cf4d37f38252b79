"""The Django admin for the catalog: a fallback for curators and superusers (the app's
own pages are where daily curation happens). Saves go through the same key refresh as
the services, so duplicate detection keeps working on records edited here."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from vendors.models import (
    Certification,
    DeliveryCentre,
    Offering,
    RateCard,
    ServiceLine,
    Vendor,
)
from vendors.normalise import vendor_name_key, website_domain


@admin.register(ServiceLine)
class ServiceLineAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "option"]
    list_filter = ["option"]
    search_fields = ["name", "code"]


class OfferingInline(admin.TabularInline):
    model = Offering
    extra = 0


class CentreInline(admin.TabularInline):
    model = DeliveryCentre
    extra = 0


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


class RateCardInline(admin.TabularInline):
    model = RateCard
    extra = 0


@admin.register(Vendor)
class VendorAdmin(SimpleHistoryAdmin):
    list_display = ["legal_name", "display_name", "headquarters_country", "status", "updated_at"]
    list_filter = ["status", "headquarters_country"]
    search_fields = ["legal_name", "display_name", "website"]
    readonly_fields = ["name_key", "website_domain", "created_at", "updated_at"]
    inlines = [OfferingInline, CentreInline, CertificationInline, RateCardInline]

    def save_model(self, request, obj, form, change):
        obj.name_key = vendor_name_key(obj.legal_name)
        obj.website_domain = website_domain(obj.website)
        super().save_model(request, obj, form, change)


@admin.register(Offering, DeliveryCentre, Certification, RateCard)
class VendorRecordAdmin(SimpleHistoryAdmin):
    list_select_related = ["vendor"]
    search_fields = ["vendor__legal_name"]
    autocomplete_fields = ["vendor"]
