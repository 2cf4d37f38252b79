"""Factories for contracts and SLAs (beside their tests, away from tests/factories.py)."""

from datetime import date
from decimal import Decimal

import factory

from tests.factories import WorkspaceFactory
from tests.vendors.factories import VendorFactory
from vendors.contracts.models import Contract, Measurement, ServiceLevel
from vendors.contracts.terms import notice_deadline_for


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    workspace = factory.SubFactory(WorkspaceFactory)
    vendor = factory.SubFactory(VendorFactory)
    title = factory.Sequence(lambda n: f"Contract {n}")
    reference = factory.Sequence(lambda n: f"C-{n:04d}")
    option = "BPO"
    delivery_country = "IN"
    pricing_model = "fixed"
    currency = "EUR"
    annual_value = Decimal("120000.00")
    total_value = Decimal("360000.00")
    start_date = date(2025, 1, 1)
    end_date = date(2027, 12, 31)
    notice_period_days = 90
    # Computed the one way the services compute it.
    notice_deadline = factory.LazyAttribute(
        lambda o: notice_deadline_for(end_date=o.end_date, notice_period_days=o.notice_period_days)
    )
    status = "active"


class ServiceLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceLevel

    contract = factory.SubFactory(ContractFactory)
    metric = factory.Sequence(lambda n: f"Metric {n}")
    unit = "%"
    target = Decimal("80")
    direction = "at_least"
    period = "monthly"
    pool_weight = Decimal("50")
    credit_percent = Decimal("100")


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    sla = factory.SubFactory(ServiceLevelFactory)
    period_start = date(2025, 1, 1)
    value = Decimal("85")
