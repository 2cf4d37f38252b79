"""Benchmark contracts at size: 2,000 contracts, 10,000 SLAs, 240,000 measurements.

Run: .venv/bin/python bench/bench_contracts.py   (or `make bench`)

It builds its own throwaway SQLite database in a temporary directory (never the dev
database), fills it with bulk_create, and times, through the real views:
  - the contract list (first page, and filtered to deadlines in the next 90 days),
  - a contract page (5 SLAs × 24 months of measurements, charts included),
  - the daily reminder run (roll-over, claims and e-mails, to the in-memory mail backend).
Prints each figure, its limit and the ratio (figure ÷ limit; below 1 is within the goal);
asserts nothing (timings depend on the machine).
"""

import os
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="sourcewise-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "outsourcing.settings"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DEBUG", "True")
os.environ["MEDIA_ROOT"] = f"{WORKDIR}/media"
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

CONTRACTS, SLAS_PER_CONTRACT, MONTHS = 2_000, 5, 24
TODAY = date(2026, 11, 24)
LIMITS = {"page": 1.0, "reminder run": 10.0}  # seconds: the goals


def timed(label: str, limit: float, results: list, repeat: int = 3):
    def wrap(fn):
        best, value = float("inf"), None
        for _ in range(repeat):
            start = time.perf_counter()
            value = fn()
            best = min(best, time.perf_counter() - start)
        results.append((label, best, limit))
        return value

    return wrap


def build() -> tuple:
    from outsourcing.models import Membership, Role, User, Workspace
    from vendors.contracts.models import Contract, Measurement, ServiceLevel
    from vendors.contracts.terms import notice_deadline_for
    from vendors.models import Vendor

    rng = random.Random(10)
    workspace = Workspace.objects.create(name="Bench", slug="bench", country="DE", currency="EUR")
    owner = User.objects.create_user(email="owner@bench.example", password="x")
    Membership.objects.create(user=owner, workspace=workspace, role=Role.OWNER)
    vendors = Vendor.objects.bulk_create(
        Vendor(legal_name=f"Vendor {n}", name_key=f"vendor {n}", headquarters_country="IN")
        for n in range(200)
    )
    contracts = []
    for n in range(CONTRACTS):
        start = TODAY - timedelta(days=rng.randint(800, 1400))
        # Deadlines spread over the next 15 months, so a daily run has plenty to remind.
        end = TODAY + timedelta(days=90 + rng.randint(0, 450))
        contracts.append(
            Contract(
                workspace=workspace,
                vendor=rng.choice(vendors),
                title=f"Contract {n}",
                reference=f"B-{n:05d}",
                option=rng.choice(["BPO", "KPO", "ITO"]),
                delivery_country="IN",
                pricing_model="fixed",
                currency="EUR",
                annual_value=Decimal(rng.randint(50, 2000) * 1000),
                total_value=Decimal(rng.randint(150, 6000) * 1000),
                start_date=start,
                end_date=end,
                notice_period_days=90,
                notice_deadline=notice_deadline_for(end_date=end, notice_period_days=90),
                auto_renew=n % 3 == 0,
                renewal_term_months=12 if n % 3 == 0 else None,
                owner=owner,
            )
        )
    contracts = Contract.objects.bulk_create(contracts, batch_size=1000)
    slas = ServiceLevel.objects.bulk_create(
        (
            ServiceLevel(
                contract=c,
                metric=f"Metric {k}",
                unit="%",
                target=Decimal(80 + k),
                pool_weight=Decimal(20),
            )
            for c in contracts
            for k in range(SLAS_PER_CONTRACT)
        ),
        batch_size=2000,
    )
    first = (TODAY - timedelta(days=31 * MONTHS)).replace(day=1)
    months = []
    for _ in range(MONTHS):
        months.append(first)
        first = (first + timedelta(days=32)).replace(day=1)
    Measurement.objects.bulk_create(
        (
            Measurement(sla=s, period_start=m, value=Decimal(rng.randint(70, 100)))
            for s in slas
            for m in months
        ),
        batch_size=5000,
    )
    return workspace, owner, contracts[len(contracts) // 2]


def main() -> None:
    from vendors.contracts.models import ContractReminder, Measurement
    from vendors.contracts.reminders import contract_reminders_send

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    workspace, owner, contract = build()
    built = time.perf_counter() - started
    client = Client()
    client.force_login(owner)
    results = []
    list_url = reverse("contracts:contract_list", args=[workspace.slug])
    detail_url = reverse("contracts:contract_detail", args=[workspace.slug, contract.pk])
    client.get(list_url)  # the first visit saves the session; not part of the figure
    with CaptureQueriesContext(connection) as list_queries:
        timed("contract list, first page", LIMITS["page"], results)(lambda: client.get(list_url))
    timed("contract list, deadline in 90 days", LIMITS["page"], results)(
        lambda: client.get(list_url, {"deadline": "90", "sort": "-value"})
    )
    with CaptureQueriesContext(connection) as detail_queries:
        timed("contract page (5 SLAs × 24 months)", LIMITS["page"], results)(
            lambda: client.get(detail_url)
        )
    run = timed("daily reminder run", LIMITS["reminder run"], results, repeat=1)(
        lambda: contract_reminders_send(today=TODAY)
    )
    again = timed("daily reminder run, again (nothing due)", LIMITS["reminder run"], results)(
        lambda: contract_reminders_send(today=TODAY)
    )

    print(
        f"\nData: {CONTRACTS:,} contracts, {CONTRACTS * SLAS_PER_CONTRACT:,} SLAs, "
        f"{Measurement.objects.count():,} measurements (built in {built:.1f} s)"
    )
    print(f"Queries: list page {len(list_queries) // 3}, contract page {len(detail_queries) // 3}")
    print(
        f"Reminder run: {run.sent:,} contracts reminded ({ContractReminder.objects.count():,} "
        f"reminder rows), {run.renewed} renewed, {run.expired} expired; "
        f"second run sent {again.sent}"
    )
    print(f"Database: {settings.DATABASES['default']['NAME']} (throwaway, removed after)\n")
    width = max(len(label) for label, _, _ in results)
    print(f"{'what':<{width}}  seconds    limit  ratio")
    print(f"{'-' * width}  -------  -------  -----")
    for label, seconds, limit in results:
        print(f"{label:<{width}}  {seconds:7.3f}  {limit:7.1f}  {seconds / limit:5.2f}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)
