"""Benchmark: pages and bulk work at 1,000 and 100,000 functions on PostgreSQL, each figure
beside a limit measured in the same run (issue 13).

Run: DATABASE_URL=postgres://user@host/db .venv/bin/python bench/bench_scale.py  (or `make bench`)

It never touches the database DATABASE_URL names: it creates a throwaway database beside it
(`<name>_bench_scale`) and drops it at the end. Workspaces are built set-based (INSERT … SELECT
generate_series), so 100,000 functions take seconds. Printed:

- p95 of each page (function list first and last page, filtered + sorted, search; the function
  page and its shortlist over 5,000 vendors) at 1k and 100k, as "× the sign-in page's p95"
  (limit 15×) and as growth from 1k to 100k (limit 1.5×);
- the bulk paths at BENCH_BULK_ROWS (default 100,000; 0 leaves them out) functions beside
  what the database itself does with the same rows: re-scoring against COPY into a temporary
  table + one UPDATE … FROM, importing against COPY of the same CSV, exporting CSV against
  COPY … TO.

Without PostgreSQL it says so and stops: the limits are PostgreSQL's own.
Asserts nothing: it prints figures.
"""

import io
import json
import math
import os
import resource
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "1000,100000").split(","))
BULK_ROWS = int(os.environ.get("BENCH_BULK_ROWS", "100000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))
PAGE_LIMIT, GROWTH_LIMIT = 15.0, 1.5
VENDORS = 5_000
COUNTRIES = ["IN", "PH", "PL", "RO", "DE", "US", "MX", "CO", "PT", "VN", "EG", "ZA", "GB", "CZ"]


def _throwaway_database() -> str | None:
    """Create `<name>_bench_scale` on DATABASE_URL's server; its URL, or None without PG."""
    url = urlparse(os.environ.get("DATABASE_URL", ""))
    if url.scheme not in ("postgres", "postgresql", "pgsql"):
        return None
    import psycopg

    name = f"{url.path.lstrip('/') or 'postgres'}_bench_scale"
    admin_url = urlunparse(url._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(url._replace(path=f"/{name}"))


def _drop_database(bench_url: str) -> None:
    import psycopg

    url = urlparse(bench_url)
    admin_url = urlunparse(url._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{url.path.lstrip("/")}" WITH (FORCE)')


BENCH_URL = _throwaway_database()
if BENCH_URL is None:
    print("bench_scale measures on PostgreSQL: set DATABASE_URL=postgres://… to run it.")
    sys.exit(0)
os.environ["DATABASE_URL"] = BENCH_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "outsourcing.settings"
os.environ["REDIS_URL"] = ""
os.environ["DEBUG"] = "False"  # measured as served, without Django's debug bookkeeping
os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)  # a throwaway key for a throwaway run
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from bench_inventory import inventory_csv  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from assessments.inventory.exporter import inventory_file  # noqa: E402
from assessments.inventory.importer import inventory_plan  # noqa: E402
from assessments.inventory.services import inventory_import  # noqa: E402
from assessments.models import FACTOR_FIELDS, Assessment  # noqa: E402
from assessments.selectors import workspace_weights  # noqa: E402
from assessments.services import RESULT_FIELDS, assessment_create, workspace_rescore  # noqa: E402
from outsourcing.imports.limits import Limits  # noqa: E402
from outsourcing.imports.reader import read_table  # noqa: E402
from outsourcing.models import (  # noqa: E402
    BusinessFunction,
    Department,
    Membership,
    Role,
    User,
    Workspace,
)
from vendors.models import ServiceLine  # noqa: E402

# Plain static URLs: the hashed manifest needs collectstatic, which a benchmark should not run.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def _sql(statement: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or {})  # always formatted: %% is a modulo


def build_catalog() -> None:
    """5,000 vendors, every one offering payroll (so a payroll shortlist ranks all of them)
    and three other lines; ten payroll rate cards, two centres, two certificates each."""
    _sql(
        """INSERT INTO vendors_vendor (legal_name, display_name, name_key, website,
               website_domain, headquarters_country, description, status, languages,
               created_at, updated_at)
           SELECT 'Bench Vendor ' || lpad(g::text, 5, '0') || ' Ltd', '',
                  'bench vendor ' || lpad(g::text, 5, '0'), 'https://bench' || g || '.example',
                  'bench' || g || '.example', (%(countries)s::text[])[g %% 14 + 1], '',
                  (ARRAY['preferred','approved','approved','prospect','suspended'])[g %% 5 + 1],
                  '["en"]'::jsonb, now(), now()
           FROM generate_series(1, %(vendors)s) g""",
        {"countries": COUNTRIES, "vendors": VENDORS},
    )
    payroll = ServiceLine.objects.get(code="payroll").pk
    _sql(
        """INSERT INTO vendors_offering (vendor_id, service_line_id, capability_level,
               capacity_fte)
           SELECT v.id, l.id, (v.id + l.id) %% 5 + 1, 50 FROM vendors_vendor v
           CROSS JOIN LATERAL (SELECT id FROM vendors_serviceline
               WHERE id = %(payroll)s OR id IN (SELECT id FROM vendors_serviceline
                   WHERE id <> %(payroll)s ORDER BY (id * v.id) %% 17, id LIMIT 3)) l""",
        {"payroll": payroll},
    )
    _sql(
        """INSERT INTO vendors_ratecard (vendor_id, service_line_id, delivery_country,
               currency, unit, rate, valid_from, valid_to)
           SELECT v.id, %(payroll)s, (%(countries)s::text[])[(v.id + k) %% 14 + 1],
                  (ARRAY['EUR','USD'])[k %% 2 + 1],
                  (ARRAY['fte_month','hour','transaction'])[k %% 3 + 1],
                  (v.id * k * 7919) %% 9000 + 5,
                  make_date(extract(year FROM now())::int - k %% 3, 1, 1), NULL
           FROM vendors_vendor v CROSS JOIN generate_series(1, 10) k""",
        {"payroll": payroll, "countries": COUNTRIES},
    )
    _sql(
        """INSERT INTO vendors_deliverycentre (vendor_id, country, city, headcount, time_zone)
           SELECT v.id, (%(countries)s::text[])[(v.id * 3 + k) %% 14 + 1], 'City ' || k, 500,
                  'UTC'
           FROM vendors_vendor v CROSS JOIN generate_series(1, 2) k""",
        {"countries": COUNTRIES},
    )
    _sql(
        """INSERT INTO vendors_certification (vendor_id, kind, number, issuer, issued_on,
               expires_on)
           SELECT v.id, (ARRAY['iso_9001','iso_27001','soc2_type2','pci_dss','hipaa',
                  'cmmi_3','cmmi_5'])[(v.id + k) %% 7 + 1], 'C-' || v.id || '-' || k, 'BSI',
                  current_date + ((v.id * k * 37) %% 1100 - 200)::int - 1095,
                  current_date + ((v.id * k * 37) %% 1100 - 200)::int
           FROM vendors_vendor v CROSS JOIN generate_series(1, 2) k"""
    )


def _insert_assessments(params: dict) -> None:
    """Nine in ten of the workspace's functions assessed, with varied ratings and results."""
    factors = ", ".join(FACTOR_FIELDS)
    ratings = ", ".join(f"(f.id * {7 + i}) % 5 + 1" for i in range(len(FACTOR_FIELDS)))
    _sql(
        f"""INSERT INTO assessments_assessment (assessed_at, notes, {factors}, score_bpo,
                score_kpo, score_ito, score_in_house, recommendation, runner_up, margin,
                close_call, explanation, contributions, weights, model_version, scored_at,
                assessor_id, function_id, flips)
            SELECT now(), '', {ratings.replace("%", "%%")}, 0.6, 0.5, 0.4, 0.3,
                   (ARRAY['BPO','KPO','ITO','IN_HOUSE'])[f.id %% 4 + 1], 'IN_HOUSE',
                   (f.id %% 97) / 100.0, f.id %% 9 = 0, 'Generated for the benchmark',
                   '{{}}'::jsonb, %(weights)s::jsonb, 'bench', now(), NULL, f.id, '[]'::jsonb
            FROM outsourcing_businessfunction f
            WHERE f.workspace_id = %(ws)s AND f.id %% 10 <> 3""",
        params,
    )


def build_workspace(slug: str, size: int, user: User) -> Workspace:
    """A workspace of `size` functions in seven departments: 90 % assessed, 75 % with a
    projected saving, 5 % archived, a tenth without a cost; some descriptions mention
    invoices (for the search)."""
    workspace = Workspace.objects.create(name=slug, slug=slug, country="DE", currency="EUR")
    Membership.objects.create(user=user, workspace=workspace, role=Role.OWNER)
    names = ["Finance", "HR", "IT", "Customer Service", "Legal", "Marketing", "R&D"]
    departments = [Department.objects.create(workspace=workspace, name=n).pk for n in names]
    params = {
        "ws": workspace.pk,
        "size": size,
        "departments": departments,
        "payroll": ServiceLine.objects.get(code="payroll").pk,
        "weights": json.dumps(workspace_weights(workspace=workspace)),
    }
    _sql(
        """INSERT INTO outsourcing_businessfunction (name, description, annual_cost, fte,
               monthly_volume, current_sourcing, is_archived, created_at, updated_at,
               department_id, workspace_id, service_line_id, latest_assessment_id)
           SELECT 'Function ' || lpad(g::text, 6, '0'),
                  CASE WHEN g %% 5 = 0 THEN 'Checks supplier invoices ' ELSE 'Runs ' END
                      || md5(g::text),
                  CASE WHEN g %% 10 = 0 THEN NULL ELSE ((g * 7919) %% 2000 + 50) * 1000 END,
                  (g * 31) %% 40 + 1, (g * 17) %% 50000, 'in_house', g %% 20 = 0, now(),
                  now() - (g %% 5000) * interval '1 minute',
                  (%(departments)s::bigint[])[g %% 7 + 1], %(ws)s, %(payroll)s, NULL
           FROM generate_series(1, %(size)s) g""",
        params,
    )
    _insert_assessments(params)
    _sql(
        """UPDATE outsourcing_businessfunction f SET latest_assessment_id = a.id
           FROM assessments_assessment a WHERE a.function_id = f.id AND f.workspace_id = %(ws)s""",
        params,
    )
    _sql(
        """INSERT INTO businesscase_projectedsaving (function_id, shore, annual_saving,
               saving_pct, npv, onshore_saving, nearshore_saving, offshore_saving, computed_at)
           SELECT id, 'offshore', CASE WHEN id %% 6 = 0 THEN NULL
                  ELSE (id * 37) %% 400000 - 50000 END, 12, NULL, NULL, NULL, NULL, now()
           FROM outsourcing_businessfunction WHERE workspace_id = %(ws)s AND id %% 4 <> 0""",
        params,
    )
    # The function whose page is measured is assessed by the real service (payroll-like
    # ratings: BPO, ordinary data), so its page shows a true result and a ranked shortlist.
    shortlisted = BusinessFunction.objects.filter(workspace=workspace).order_by("pk").first()
    assessment = assessment_create(
        function=shortlisted,
        ratings=dict(zip(FACTOR_FIELDS, (1, 4, 5, 2, 2, 2, 3, 2), strict=True)),
        assessor=None,
    )
    assert assessment.recommendation == "BPO", assessment.recommendation
    _sql("ANALYZE")
    return workspace


def p95_beside_sign_in(fetch, sign_in) -> tuple[float, float]:
    """The 95th percentiles, in ms, of `fetch` and of the sign-in page requested alternately
    with it, so that a busy machine slows both alike and the ratio stays meaningful."""
    for _ in range(2):
        fetch(), sign_in()
    timings: tuple[list[float], list[float]] = ([], [])
    for _ in range(REPEAT):
        for times, request in zip(timings, (fetch, sign_in), strict=True):
            start = time.perf_counter()
            request()
            times.append((time.perf_counter() - start) * 1000)
    page, reference = (sorted(times)[math.ceil(0.95 * REPEAT) - 1] for times in timings)
    return page, reference


def _getter(client: Client, url: str, **headers):
    def fetch():
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return fetch


def pages_of(workspace: Workspace) -> dict[str, tuple[str, dict]]:
    """The pages measured, as (url, headers), by label."""
    slug = workspace.slug
    listing = reverse("function_list", args=[slug])
    department = Department.objects.filter(workspace=workspace, name="Finance").get().pk
    function = BusinessFunction.objects.filter(workspace=workspace).order_by("pk").first()
    return {
        "function list, page 1": (listing, {}),
        "function list, last page": (listing + "?page=last", {}),
        "list: department, sorted by cost ↓": (
            f"{listing}?department={department}&sort=-annual_cost",
            {},
        ),
        "list: BPO, sorted by saving ↓": (f"{listing}?recommendation=BPO&sort=-saving", {}),
        "list: search “invoices”": (listing + "?q=invoices", {}),
        "list: search a rare name": (listing + "?q=function+00042", {}),
        "function page": (reverse("function_detail", args=[slug, function.pk]), {}),
        "shortlist of 5,000 vendors (htmx)": (
            reverse("function_vendor_shortlist", args=[slug, function.pk]),
            {"HTTP_HX_REQUEST": "true"},
        ),
    }


def measure_pages(client: Client, sign_in, workspace: Workspace) -> dict[str, tuple]:
    """(p95 ms, sign-in p95 ms beside it, queries) of each page of `workspace`."""
    figures = {}
    for label, (url, headers) in pages_of(workspace).items():
        fetch = _getter(client, url, **headers)
        fetch()
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            fetch()
        figures[label] = (*p95_beside_sign_in(fetch, sign_in), len(queries))
    return figures


def print_pages(figures: dict[int, dict]) -> None:
    small, large = SIZES
    print(
        f"\nPages (p95 of {REPEAT} requests, each alternating with one to the sign-in page; ms; "
        f"limits: {PAGE_LIMIT:g}× the sign-in page at {large:,}, growth {GROWTH_LIMIT:g}× "
        f"from {small:,})"
    )
    header = (
        f"{'page':<36} {f'{small:,}':>7} {f'{large:,}':>8} {'sign-in':>8} {'× sign-in':>9} "
        f"{'limit':>6} {'growth':>7} {'limit':>6} {'queries':>8}"
    )
    print(header)
    print("-" * len(header))
    for label in figures[large]:
        (low, _, low_q), (high, sign_in, high_q) = figures[small][label], figures[large][label]
        ratio, growth = high / sign_in, high / low
        flag = "" if ratio < PAGE_LIMIT and growth < GROWTH_LIMIT else "  ← over"
        print(
            f"{label:<36} {low:7.1f} {high:8.1f} {sign_in:8.1f} {ratio:8.1f}× {PAGE_LIMIT:5g}× "
            f"{growth:6.2f}× {GROWTH_LIMIT:5g}× {low_q:>3}/{high_q:<4}{flag}"
        )


def _timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def copy_update_limit(workspace: Workspace) -> float:
    """Seconds to write every current assessment's results the way the database does it
    fastest: COPY into a temporary table, then one UPDATE … FROM."""
    rows = list(
        Assessment.objects.filter(pk__in=BusinessFunction.objects.filter(
            workspace=workspace).values("latest_assessment")
        ).values_list("pk", *RESULT_FIELDS)
    )  # fmt: skip
    columns = ", ".join(RESULT_FIELDS)
    assignments = ", ".join(f"{c} = r.{c}" for c in RESULT_FIELDS)

    def write():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE rescored ON COMMIT DROP AS "
                f"SELECT id, {columns} FROM assessments_assessment WITH NO DATA"
            )
            with cursor.cursor.copy(f"COPY rescored (id, {columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([_json(v) if isinstance(v, dict | list) else v for v in row])
            cursor.execute(
                f"UPDATE assessments_assessment a SET {assignments} "
                "FROM rescored r WHERE a.id = r.id"
            )

    return _timed(write)[0]


def _json(value) -> str:
    return json.dumps(value)


def copy_in_limit(data: bytes) -> float:
    """Seconds to COPY the import's CSV into a table of text columns."""
    header = data.split(b"\n", 1)[0].decode().strip().split(",")
    columns = ", ".join(f"c{i} text" for i in range(len(header)))

    def load():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMP TABLE imported ({columns}) ON COMMIT DROP")
            with cursor.cursor.copy(
                "COPY imported FROM STDIN WITH (FORMAT csv, HEADER true)"
            ) as copy:
                copy.write(data)

    return _timed(load)[0]


def copy_out_limit(workspace: Workspace) -> float:
    """Seconds to COPY … TO the export's columns of every function of the workspace."""
    factors = ", ".join(f"a.{f}" for f in FACTOR_FIELDS)
    query = f"""SELECT f.name, d.name, f.description, f.annual_cost, f.fte, f.monthly_volume,
                       sl.code, f.current_sourcing, {factors}, a.recommendation, a.runner_up,
                       a.margin, a.close_call, a.score_bpo, a.score_kpo, a.score_ito,
                       a.score_in_house, f.is_archived
                FROM outsourcing_businessfunction f
                LEFT JOIN outsourcing_department d ON d.id = f.department_id
                LEFT JOIN vendors_serviceline sl ON sl.id = f.service_line_id
                LEFT JOIN assessments_assessment a ON a.id = f.latest_assessment_id
                WHERE f.workspace_id = {int(workspace.pk)} ORDER BY f.name"""

    def dump():
        out = io.BytesIO()
        statement = f"COPY ({query}) TO STDOUT WITH (FORMAT csv)"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for block in copy:
                out.write(block)
        return out.getvalue()

    return _timed(dump)[0]


def measure_bulk(user: User) -> list[tuple[str, float, str, float]]:
    """(what, seconds, limit, limit seconds) for re-scoring, importing and exporting."""
    workspace = (
        Workspace.objects.get(slug=f"w{SIZES[-1]}")
        if SIZES[-1] == BULK_ROWS
        else build_workspace("bulk", BULK_ROWS, user)
    )
    results = []
    limit = copy_update_limit(workspace)
    seconds, count = _timed(lambda: workspace_rescore(workspace=workspace))
    results.append((f"re-score {count:,} assessments", seconds, "COPY + UPDATE … FROM", limit))
    print(f"  re-scored; peak memory of the process so far {_peak_mb():,.0f} MB", flush=True)

    data = inventory_csv(BULK_ROWS)
    target = Workspace.objects.create(name="Import", slug="import", country="DE", currency="EUR")
    settings.IMPORT_MAX_ROWS = BULK_ROWS + 1
    settings.IMPORT_MAX_BYTES = len(data) + 1

    def run_import():
        limits = Limits(max_bytes=len(data) + 1, max_rows=BULK_ROWS + 1)
        table = read_table(data, filename="inventory.csv", limits=limits)
        plan = inventory_plan(workspace=target, table=table)
        return inventory_import(workspace=target, plan=plan, imported_by=user)

    limit = copy_in_limit(data)
    seconds, _ = _timed(run_import)
    results.append((f"import {BULK_ROWS:,} rows (CSV)", seconds, "COPY of the same CSV", limit))
    print(f"  imported; peak memory of the process so far {_peak_mb():,.0f} MB", flush=True)

    limit = copy_out_limit(workspace)
    seconds, _ = _timed(lambda: inventory_file(workspace=workspace, file_format="csv"))
    results.append((f"export {BULK_ROWS:,} functions (CSV)", seconds, "COPY … TO", limit))
    print(f"  exported; peak memory of the process so far {_peak_mb():,.0f} MB", flush=True)
    return results


def print_bulk(results) -> None:
    print("\nBulk work (seconds; the limit is the database doing the same rows itself)")
    header = f"{'work':<34} {'seconds':>8}  {'limit':<22} {'seconds':>8} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    for label, seconds, limit_label, limit in results:
        print(f"{label:<34} {seconds:8.2f}  {limit_label:<22} {limit:8.2f} {seconds / limit:6.1f}×")


def main() -> None:
    call_command("migrate", verbosity=0)
    user = User.objects.create_user("bench@example.com", "bench-password")
    seconds, _ = _timed(build_catalog)
    print(f"Catalog of {VENDORS:,} vendors built in {seconds:.1f} s", flush=True)
    client, anonymous = Client(), Client()
    client.force_login(user)
    sign_in, figures = _getter(anonymous, reverse("login")), {}
    for size in SIZES:
        seconds, workspace = _timed(lambda size=size: build_workspace(f"w{size}", size, user))
        print(f"Workspace of {size:,} functions built in {seconds:.1f} s", flush=True)
        figures[size] = measure_pages(client, sign_in, workspace)
    print_pages(figures)
    if BULK_ROWS:
        print(f"\nBulk work at {BULK_ROWS:,} functions (takes minutes)…", flush=True)
        print_bulk(measure_bulk(user))
    print(f"\nDatabase: PostgreSQL {connection.pg_version // 10000}, throwaway, dropped after")


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        _drop_database(BENCH_URL)
