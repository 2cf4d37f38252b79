"""Benchmark the vendor catalog at size: 5,000 vendors, 20,000 offerings, 50,000 rates.

Run: .venv/bin/python bench/bench_catalog.py   (or `make bench`)

It builds its own throwaway SQLite database in a temporary directory (never the dev
database), fills it with bulk_create, and times:
  - the filtered vendor list (query + template render, through the real view),
  - a function's matching shortlist (selector alone, and the view's htmx partial),
  - exporting the catalog and importing it into an empty catalog (all 5,000 vendors with
    their offerings, centres, certificates and rates), then re-importing it unchanged.
Prints a table; asserts nothing (timings depend on the machine).
"""

import os
import random
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

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

VENDORS, OFFERINGS, RATES = 5_000, 20_000, 50_000
CENTRES, CERTIFICATES = 10_000, 10_000
COUNTRIES = ["IN", "PH", "PL", "RO", "DE", "US", "MX", "CO", "PT", "VN", "EG", "ZA", "GB", "CZ"]
ZONES = {"IN": "Asia/Kolkata", "PH": "Asia/Manila", "PL": "Europe/Warsaw", "DE": "Europe/Berlin"}


def timed(label: str, results: list, repeat: int = 3):
    def wrap(fn):
        best, value = float("inf"), None
        for _ in range(repeat):
            start = time.perf_counter()
            value = fn()
            best = min(best, time.perf_counter() - start)
        results.append((label, best))
        return value

    return wrap


def build_catalog() -> None:
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

    rng = random.Random(5)
    lines = list(ServiceLine.objects.all())
    statuses = [VendorStatus.PREFERRED, VendorStatus.APPROVED, VendorStatus.APPROVED,
                VendorStatus.PROSPECT, VendorStatus.SUSPENDED]  # fmt: skip
    vendors = []
    for index in range(VENDORS):
        name = f"Bench Vendor {index:05d} Ltd"
        website = f"https://bench{index}.example"
        vendors.append(
            Vendor(
                legal_name=name,
                name_key=vendor_name_key(name),
                website=website,
                website_domain=website_domain(website),
                headquarters_country=rng.choice(COUNTRIES),
                status=rng.choice(statuses),
                languages=["en"],
            )
        )
    vendors = Vendor.objects.bulk_create(vendors, batch_size=1000)
    offered: dict[int, list] = {}
    offerings = []
    pairs = set()
    while len(offerings) < OFFERINGS:
        vendor, line = rng.choice(vendors), rng.choice(lines)
        if (vendor.pk, line.pk) in pairs:
            continue
        pairs.add((vendor.pk, line.pk))
        offered.setdefault(vendor.pk, []).append(line)
        offerings.append(
            Offering(
                vendor=vendor,
                service_line=line,
                capability_level=rng.randint(1, 5),
                capacity_fte=Decimal(rng.choice([10, 50, 200])),
            )
        )
    Offering.objects.bulk_create(offerings, batch_size=2000)
    centres = []
    for index in range(CENTRES):
        country = rng.choice(COUNTRIES)
        centres.append(
            DeliveryCentre(
                vendor=vendors[index % VENDORS],
                country=country,
                city=f"City {index}",
                time_zone=ZONES.get(country, "UTC"),
                headcount=rng.choice([100, 500, 2000]),
            )
        )
    DeliveryCentre.objects.bulk_create(centres, batch_size=2000)
    kinds = list(CertificationKind.values)
    today = date.today()
    certificates = []
    for index in range(CERTIFICATES):
        expires = today + timedelta(days=rng.randint(-200, 900))
        certificates.append(
            Certification(
                vendor=vendors[index % VENDORS],
                kind=kinds[(index // VENDORS + index) % len(kinds)],
                number=f"C-{index}",
                issuer="BSI",
                issued_on=expires - timedelta(days=1095),
                expires_on=expires,
            )
        )
    Certification.objects.bulk_create(certificates, batch_size=2000)
    rates = []
    offered_vendors = [v for v in vendors if v.pk in offered]
    seen = set()
    while len(rates) < RATES:
        vendor = rng.choice(offered_vendors)
        line = rng.choice(offered[vendor.pk])
        country, currency = rng.choice(COUNTRIES), rng.choice(["EUR", "USD"])
        unit = rng.choice([RateUnit.FTE_MONTH, RateUnit.HOUR, RateUnit.TRANSACTION])
        valid_from = date(today.year - rng.randint(0, 2), 1, 1)
        key = (vendor.pk, line.pk, country, currency, unit, valid_from)
        if key in seen:
            continue
        seen.add(key)
        rates.append(
            RateCard(
                vendor=vendor,
                service_line=line,
                delivery_country=country,
                currency=currency,
                unit=unit,
                rate=Decimal(rng.randint(5, 9000)),
                valid_from=valid_from,
            )
        )
    RateCard.objects.bulk_create(rates, batch_size=2000)


def main() -> None:
    call_command("migrate", verbosity=0)
    from assessments.models import FACTOR_FIELDS, Assessment
    from outsourcing.models import BusinessFunction, Membership, Role, User, Workspace
    from vendors.models import (
        Certification,
        DeliveryCentre,
        Offering,
        RateCard,
        ServiceLine,
        Vendor,
    )
    from vendors.selectors.export import catalog_export_file
    from vendors.selectors.matching import function_vendor_shortlist
    from vendors.services.catalog_import import catalog_import

    results: list[tuple[str, float]] = []
    start = time.perf_counter()
    build_catalog()
    results.append(("build catalog with bulk_create", time.perf_counter() - start))

    workspace = Workspace.objects.create(name="Bench", slug="bench", country="DE", currency="EUR")
    user = User.objects.create_user("bench@example.com", "x")
    Membership.objects.create(user=user, workspace=workspace, role=Role.OWNER)
    function = BusinessFunction.objects.create(
        workspace=workspace,
        name="Payroll",
        service_line=ServiceLine.objects.get(code="payroll"),
        fte=Decimal(6),
        monthly_volume=5000,
    )
    function.latest_assessment = Assessment.objects.create(
        function=function,
        **dict.fromkeys(FACTOR_FIELDS, 3),
        score_bpo=0.7,
        score_kpo=0.3,
        score_ito=0.2,
        score_in_house=0.1,
        recommendation="BPO",
        runner_up="KPO",
        margin=0.4,
        close_call=False,
        explanation="",
        contributions={},
        weights={},
        model_version="bench",
    )
    function.save()

    client = Client()
    client.force_login(user)
    client.get(reverse("dashboard", args=["bench"]))  # the list's shores are relative to it
    list_url = reverse("vendors:vendor_list")

    def list_page(query):
        def fetch():
            response = client.get(list_url + query)
            assert response.status_code == 200, response.status_code
            return response

        return fetch

    for label, query in [
        ("vendor list, no filter (page 1)", ""),
        ("list: service line + nearshore + ISO 27001", "?service_line=payroll&shore=nearshore"
         "&certification=iso_27001"),
        ("list: search + option + country, sorted",
         "?q=vendor+01&option=ITO&country=IN&sort=-name"),
        ("list: last page of all vendors", "?status=all&page=200"),
    ]:  # fmt: skip
        timed(label, results)(list_page(query))
    with CaptureQueriesContext(connection) as queries:
        client.get(list_url + "?service_line=payroll&shore=nearshore")
    list_queries = len(queries)

    shortlist = timed("shortlist selector (a payroll function)", results)(
        lambda: function_vendor_shortlist(function=function, workspace=workspace)
    )
    shortlist_url = reverse("function_vendor_shortlist", args=["bench", function.pk])
    timed("shortlist view, htmx partial", results)(
        lambda: client.get(shortlist_url, HTTP_HX_REQUEST="true")
    )
    with CaptureQueriesContext(connection) as queries:
        function_vendor_shortlist(function=function, workspace=workspace)
    shortlist_queries = len(queries)

    filename, _, zipped = timed("export catalog (CSV zip)", results, repeat=1)(
        lambda: catalog_export_file(file_format="csv")
    )
    timed("export catalog (XLSX)", results, repeat=1)(
        lambda: catalog_export_file(file_format="xlsx")
    )
    settings.IMPORT_MAX_ROWS = 60_000  # the rates file has 50,000 rows
    settings.IMPORT_MAX_BYTES = 50 * 1024 * 1024
    sizes = {
        m.__name__: m.objects.count()
        for m in (Vendor, Offering, DeliveryCentre, Certification, RateCard)
    }
    plan = timed("import dry run (catalog unchanged)", results, repeat=1)(
        lambda: catalog_import(files=[(filename, zipped)], dry_run=True)
    )
    assert plan.is_valid, plan.errors[:5]
    for model in (RateCard, Certification, DeliveryCentre, Offering, Vendor):
        model.objects.all().delete()
    plan = timed("import 5,000 vendors into an empty catalog", results, repeat=1)(
        lambda: catalog_import(files=[(filename, zipped)])
    )
    assert plan.applied, plan.errors[:5]
    after = {
        m.__name__: m.objects.count()
        for m in (Vendor, Offering, DeliveryCentre, Certification, RateCard)
    }
    assert after == sizes, (after, sizes)

    print(f"\nCatalog: {', '.join(f'{n:,} {k}' for k, n in sizes.items())}")
    print(f"Shortlist: {shortlist.candidate_count:,} ranked, {shortlist.excluded_count:,} left out")
    print(f"Queries: vendor list page {list_queries}, shortlist {shortlist_queries}")
    print(f"Database: {settings.DATABASES['default']['NAME']} (throwaway, removed after)\n")
    width = max(len(label) for label, _ in results)
    print(f"{'what':<{width}}  seconds")
    print(f"{'-' * width}  -------")
    for label, seconds in results:
        print(f"{label:<{width}}  {seconds:7.3f}")


if __name__ == "__main__":
    import shutil

    try:
        main()
    finally:
        connection.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)
