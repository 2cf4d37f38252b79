"""Benchmark: importing a 10,000-row inventory, and the list and dashboard at that size.

Runs on a throwaway SQLite file (or DATABASE_URL if you point it elsewhere); never on the
development database. Prints figures; asserts nothing.
"""

import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
_db = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_db}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
os.environ["REDIS_URL"] = ""
os.environ["ALLOWED_HOSTS"] = "testserver"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from assessments.inventory.columns import INPUT_COLUMNS  # noqa: E402
from assessments.inventory.importer import inventory_plan  # noqa: E402
from assessments.inventory.services import inventory_import  # noqa: E402
from assessments.models import FACTOR_FIELDS  # noqa: E402
from outsourcing.imports.limits import Limits  # noqa: E402
from outsourcing.imports.reader import read_table  # noqa: E402
from outsourcing.imports.writer import write_csv  # noqa: E402
from outsourcing.models import Membership, Role, User, Workspace  # noqa: E402

ROWS = 10_000


def inventory_csv(rows: int) -> bytes:
    """A client inventory of `rows` rated functions, as CSV (bench_scale imports it too)."""
    rng = random.Random(7)
    departments = ["Finance", "HR", "IT", "Customer Service", "Legal", "Marketing", "R&D"]
    data = [
        [
            f"Function {i:05d}",
            rng.choice(departments),
            "Generated for the benchmark",
            str(rng.randint(50, 2000) * 1000),
            str(rng.randint(1, 40)),
            str(rng.randint(0, 50_000)),
            "",
            "in_house",
            *[rng.randint(1, 5) for _ in FACTOR_FIELDS],
        ]
        for i in range(rows)
    ]
    return write_csv(INPUT_COLUMNS, data)


def _timed(label, function, results):
    start = time.perf_counter()
    value = function()
    results.append((label, time.perf_counter() - start))
    return value


def main() -> None:
    call_command("migrate", verbosity=0)
    workspace, _ = Workspace.objects.get_or_create(
        slug="bench", defaults={"name": "Bench", "country": "DE", "currency": "EUR"}
    )
    user, _ = User.objects.get_or_create(email="bench@example.com")
    Membership.objects.get_or_create(user=user, workspace=workspace, defaults={"role": Role.OWNER})
    data = inventory_csv(ROWS)
    results: list[tuple[str, float]] = []
    table = _timed(
        f"read CSV ({len(data) / 1e6:.1f} MB)",
        lambda: read_table(data, filename="x.csv", limits=Limits(max_bytes=10**9, max_rows=10**6)),
        results,
    )
    plan = _timed(
        "check every cell", lambda: inventory_plan(workspace=workspace, table=table), results
    )
    _timed(
        f"import {ROWS:,} rows with ratings (create + assess)",
        lambda: inventory_import(workspace=workspace, plan=plan, imported_by=user),
        results,
    )
    plan = inventory_plan(workspace=workspace, table=table)
    _timed(
        f"re-import the same {ROWS:,} rows (update)",
        lambda: inventory_import(workspace=workspace, plan=plan, imported_by=user),
        results,
    )

    client = Client()
    client.force_login(user)
    for label, url in [("function list page", "/w/bench/functions/"), ("dashboard", "/w/bench/")]:
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as queries:
            _timed(f"{label} at {ROWS:,} functions", lambda url=url: client.get(url), results)
        results[-1] = (f"{results[-1][0]} ({len(queries)} queries)", results[-1][1])

    width = max(len(label) for label, _ in results)
    print(f"{'step':<{width}}  seconds")
    for label, seconds in results:
        print(f"{label:<{width}}  {seconds:7.3f}")


if __name__ == "__main__":
    main()
