"""Factories for the vendor catalog (kept beside the tests that use them, away from
tests/factories.py, which other branches extend too)."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from tests.factories import UserFactory
from vendors.access import CURATORS_GROUP
from vendors.models import (
    Certification,
    CertificationKind,
    DeliveryCentre,
    Offering,
    RateCard,
    RateUnit,
    ServiceLine,
    Vendor,
    VendorStatus,
)
from vendors.normalise import vendor_name_key, website_domain


def service_line(code: str = "payroll") -> ServiceLine:
    """A seeded service line (the migration seeds them)."""
    return ServiceLine.objects.get(code=code)


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vendor

    legal_name = factory.Sequence(lambda n: f"Vendor {n} Ltd")
    website = factory.Sequence(lambda n: f"https://vendor{n}.example")
    headquarters_country = "IN"
    status = VendorStatus.APPROVED
    languages = factory.LazyFunction(lambda: ["en"])
    name_key = factory.LazyAttribute(lambda o: vendor_name_key(o.legal_name))
    website_domain = factory.LazyAttribute(lambda o: website_domain(o.website))


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering

    vendor = factory.SubFactory(VendorFactory)
    service_line = factory.LazyFunction(service_line)
    capability_level = 3
    capacity_fte = Decimal("50")


class CentreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryCentre

    vendor = factory.SubFactory(VendorFactory)
    country = "IN"
    city = factory.Sequence(lambda n: f"City {n}")
    time_zone = "Asia/Kolkata"
    headcount = 200


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    vendor = factory.SubFactory(VendorFactory)
    kind = CertificationKind.ISO_27001
    number = factory.Sequence(lambda n: f"CERT-{n}")
    issuer = "BSI"
    issued_on = factory.LazyFunction(lambda: date.today() - timedelta(days=365))
    expires_on = factory.LazyFunction(lambda: date.today() + timedelta(days=700))


class RateCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RateCard

    vendor = factory.SubFactory(VendorFactory)
    service_line = factory.LazyFunction(service_line)
    delivery_country = "IN"
    currency = "EUR"
    unit = RateUnit.FTE_MONTH
    rate = Decimal("2000.00")
    valid_from = factory.LazyFunction(lambda: date.today() - timedelta(days=30))
    valid_to = None


def make_curator(email: str = "curator@example.com"):
    user = UserFactory(email=email)
    user.groups.add(Group.objects.get(name=CURATORS_GROUP))
    return user
