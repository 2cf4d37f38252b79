"""Demo contracts for Acme Manufacturing: about fifteen, with SLAs and the last twelve
months of measurements, some breaching, two with a notice deadline in the next 90 days.

Idempotent: a contract is matched by its reference and only created when missing, so
loading the demo again changes nothing. Dates are relative to the day it is first loaded.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction

from outsourcing.models import BusinessFunction, User, Workspace
from vendors.models import Vendor

from .models import Contract, Measurement
from .services import contract_save, sla_save, today_in_workspace_calendar

# metric, unit, target, direction, pool weight %, credit % of its share
CALLS = ("Calls answered within 20 s", "%", 80, "at_least", 40, 100)
ABANDON = ("Abandonment rate", "%", 7, "at_most", 30, 100)
FCR = ("First-contact resolution", "%", 75, "at_least", 30, 50)
ACCURACY = ("Payment accuracy", "%", 98, "at_least", 60, 100)
ON_TIME = ("Processed on time", "%", 95, "at_least", 40, 100)
AVAILABILITY = ("Availability", "%", 99.9, "at_least", 60, 100)
RESOLVE = ("P1 incidents resolved within", "h", 4, "at_most", 40, 100)
TURNAROUND = ("Report turnaround", "d", 10, "at_most", 50, 100)
QUALITY = ("Quality audit score", "%", 90, "at_least", 50, 100)


@dataclass(frozen=True)
class DemoContract:
    reference: str
    title: str
    vendor: str  # display name in the demo catalog
    functions: tuple[str, ...]
    option: str
    country: str
    pricing: str
    annual_value: int
    months_running: int  # how long ago it started
    term_months: int
    notice_days: int
    auto_renew_months: int | None
    slas: tuple
    performance: float  # 1.0 meets targets comfortably; below 1 breaches more often
    deadline_in_days: int | None = None  # set: the term ends so the deadline is this near


DEMO_CONTRACTS = [
    DemoContract(
        "ACME-BPO-001",
        "Payroll DE/PL",
        "Indus Payroll",
        ("Payroll processing",),
        "BPO",
        "IN",
        "fte",
        310_000,
        24,
        36,
        90,
        12,
        (ACCURACY, ON_TIME),
        1.0,
    ),
    DemoContract(
        "ACME-BPO-002",
        "Accounts payable",
        "Baltic FinOps",
        ("Accounts payable", "Purchase order processing"),
        "BPO",
        "PL",
        "transaction",
        420_000,
        20,
        36,
        180,
        None,
        (ACCURACY, ON_TIME),
        0.985,
    ),
    DemoContract(
        "ACME-BPO-003",
        "Customer support tier 1",
        "Luzon Contact",
        ("Tier-1 customer support",),
        "BPO",
        "PH",
        "fte",
        960_000,
        26,
        36,
        120,
        12,
        (CALLS, ABANDON, FCR),
        0.95,
        40,
    ),
    DemoContract(
        "ACME-BPO-004",
        "Order and data entry",
        "Bengal Bay",
        ("Order and data entry",),
        "BPO",
        "IN",
        "transaction",
        180_000,
        16,
        24,
        90,
        12,
        (QUALITY, ON_TIME),
        1.0,
    ),
    DemoContract(
        "ACME-BPO-005",
        "Warranty claims",
        "Vistula",
        ("Warranty claims processing",),
        "BPO",
        "PL",
        "transaction",
        240_000,
        14,
        36,
        90,
        None,
        (ON_TIME, QUALITY),
        0.97,
    ),
    DemoContract(
        "ACME-BPO-006",
        "HR administration and benefits",
        "Vistula",
        ("HR administration", "Benefits administration"),
        "BPO",
        "PL",
        "fte",
        275_000,
        34,
        48,
        180,
        24,
        (ACCURACY, ON_TIME),
        0.99,
    ),
    DemoContract(
        "ACME-ITO-001",
        "IT helpdesk",
        "Carpathian IT",
        ("IT helpdesk",),
        "ITO",
        "RO",
        "fte",
        640_000,
        32,
        36,
        90,
        12,
        (CALLS, FCR, RESOLVE),
        0.97,
        75,
    ),
    DemoContract(
        "ACME-ITO-002",
        "Network and infrastructure",
        "Spree IT",
        ("Network and infrastructure management",),
        "ITO",
        "DE",
        "fixed",
        1_150_000,
        22,
        60,
        180,
        12,
        (AVAILABILITY, RESOLVE),
        1.0,
    ),
    DemoContract(
        "ACME-ITO-003",
        "ERP application support",
        "Deccan Digital",
        ("ERP application support",),
        "ITO",
        "IN",
        "time_materials",
        520_000,
        18,
        36,
        90,
        None,
        (RESOLVE, QUALITY),
        0.93,
    ),
    DemoContract(
        "ACME-ITO-004",
        "Cloud operations",
        "Tatra Software",
        ("Cloud operations",),
        "ITO",
        "PL",
        "fixed",
        730_000,
        15,
        36,
        90,
        12,
        (AVAILABILITY, RESOLVE),
        0.995,
    ),
    DemoContract(
        "ACME-ITO-005",
        "Mobile app development",
        "Tatra Software",
        ("Mobile app development",),
        "ITO",
        "PL",
        "time_materials",
        890_000,
        13,
        24,
        60,
        None,
        (QUALITY, TURNAROUND),
        0.96,
    ),
    DemoContract(
        "ACME-KPO-001",
        "Market research",
        "Kaveri Analytics",
        ("Market research", "Competitive intelligence"),
        "KPO",
        "IN",
        "outcome",
        260_000,
        24,
        36,
        90,
        12,
        (TURNAROUND, QUALITY),
        0.9,
    ),
    DemoContract(
        "ACME-KPO-002",
        "Data analytics and BI",
        "Wawel Analytics",
        ("Data analytics and BI", "Sales operations reporting"),
        "KPO",
        "PL",
        "fixed",
        410_000,
        19,
        36,
        120,
        None,
        (TURNAROUND, QUALITY),
        1.0,
    ),
    DemoContract(
        "ACME-KPO-003",
        "Legal contract review",
        "Rhein Legal",
        ("Legal contract review",),
        "KPO",
        "DE",
        "transaction",
        150_000,
        28,
        36,
        90,
        12,
        (TURNAROUND, QUALITY),
        0.98,
    ),
    DemoContract(
        "ACME-KPO-004",
        "Patent and IP searches",
        "Kaveri Analytics",
        ("Patent and IP searches",),
        "KPO",
        "IN",
        "outcome",
        95_000,
        12,
        24,
        60,
        12,
        (TURNAROUND,),
        0.85,
    ),
]


def _term(demo: DemoContract, today: date) -> tuple[date, date]:
    start = (today - relativedelta(months=demo.months_running)).replace(day=1)
    end = start + relativedelta(months=demo.term_months) - timedelta(days=1)
    if demo.deadline_in_days is not None:
        end = today + timedelta(days=demo.notice_days + demo.deadline_in_days)
    return start, end


def _value(sla, performance: float, rng: random.Random) -> Decimal:
    """A plausible measurement: the shortfall against the target scales with how well the
    vendor performs (performance 1.0 rarely breaches, 0.95 breaches most months)."""
    _, unit, target, direction, _, _ = sla
    pressure = max(0.05, rng.gauss(0.75 + (1 - performance) * 6, 0.2))  # > 1 breaches
    if direction == "at_least" and unit == "%":
        value = 100 - (100 - target) * pressure * 1.0
    elif direction == "at_least":
        value = target * (2 - pressure)
    else:
        value = target * pressure
    return Decimal(str(round(max(value, 0), 2)))


@transaction.atomic
def demo_load_contracts(*, workspace: Workspace, owner: User) -> int:
    """Add the demo contracts Acme does not have yet; returns how many were added."""
    today = today_in_workspace_calendar()
    existing = set(Contract.objects.filter(workspace=workspace).values_list("reference", flat=True))
    added = 0
    for index, demo in enumerate(DEMO_CONTRACTS):
        vendor = Vendor.objects.filter(display_name=demo.vendor).first()
        if demo.reference in existing or vendor is None:
            continue
        start, end = _term(demo, today)
        contract = contract_save(
            contract=Contract(workspace=workspace),
            by=None,
            functions=list(
                BusinessFunction.objects.filter(workspace=workspace, name__in=demo.functions)
            ),
            **_fields(demo, vendor, owner, start, end),
        )
        _load_slas(contract, demo, today, random.Random(index))
        added += 1
    return added


def _fields(demo, vendor, owner, start, end) -> dict:
    years = Decimal(demo.term_months) / 12
    return {
        "vendor": vendor,
        "title": demo.title,
        "reference": demo.reference,
        "option": demo.option,
        "delivery_country": demo.country,
        "pricing_model": demo.pricing,
        "currency": "EUR",
        "annual_value": Decimal(demo.annual_value),
        "total_value": (Decimal(demo.annual_value) * years).quantize(Decimal(1)),
        "start_date": start,
        "end_date": end,
        "notice_period_days": demo.notice_days,
        "auto_renew": demo.auto_renew_months is not None,
        "renewal_term_months": demo.auto_renew_months,
        "status": "active",
        "owner": owner,
        "notes": "",
        "at_risk_percent": Decimal(10),
    }


def _load_slas(contract: Contract, demo: DemoContract, today: date, rng: random.Random) -> None:
    first_month = today.replace(day=1) - relativedelta(months=12)
    months = [
        first_month + relativedelta(months=n)
        for n in range(12)
        if first_month + relativedelta(months=n) >= contract.start_date
    ]
    for metric, unit, target, direction, weight, credit in demo.slas:
        sla = sla_save(
            sla=contract.slas.model(contract=contract),
            metric=metric,
            unit=unit,
            target=Decimal(str(target)),
            direction=direction,
            period="monthly",
            pool_weight=Decimal(weight),
            credit_percent=Decimal(credit),
        )
        sla_def = (metric, unit, target, direction, weight, credit)
        Measurement.objects.bulk_create(
            Measurement(sla=sla, period_start=month, value=_value(sla_def, demo.performance, rng))
            for month in months
        )


def demo_step(loaded: dict) -> list[str]:
    """The contracts' part of `load_demo` (registered in VendorsConfig.ready)."""
    added = demo_load_contracts(
        workspace=Workspace.objects.get(slug="acme"),
        owner=User.objects.get(email="owner@sourcewise.example"),
    )
    return [f"Contracts: {added} added to Acme (0 means they were already there)."]
