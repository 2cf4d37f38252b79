"""Benchmark the REST API: paging through 10,000 functions, and bulk scoring 10,000 rows.

Runs on a throwaway SQLite file (or DATABASE_URL if you point it elsewhere); never on the
development database. Prints figures (the bulk-scoring time as a ratio to its 1 s goal, the
queries of every page); asserts nothing.
"""

import json
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
os.environ["API_THROTTLE_RATE"] = "1000000/minute"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from api.services import token_create  # noqa: E402
from assessments.models import FACTOR_FIELDS  # noqa: E402
from assessments.services import assessments_create_bulk  # noqa: E402
from outsourcing.models import BusinessFunction, Membership, Role, User, Workspace  # noqa: E402

FUNCTIONS = 10_000
PAGE_SIZE = 100
ROWS = 10_000
BULK_LIMIT_SECONDS = 1.0  # issue 14: 10,000 rows answer in under a second


def _ratings(rng: random.Random) -> dict[str, int]:
    return {factor: rng.randint(1, 5) for factor in FACTOR_FIELDS}


def _workspace() -> tuple[Workspace, User]:
    workspace, _ = Workspace.objects.get_or_create(
        slug="bench-api", defaults={"name": "Bench", "country": "DE", "currency": "EUR"}
    )
    user, _ = User.objects.get_or_create(email="bench-api@example.com")
    Membership.objects.get_or_create(user=user, workspace=workspace, defaults={"role": Role.OWNER})
    if not BusinessFunction.objects.filter(workspace=workspace).exists():
        rng = random.Random(7)
        functions = BusinessFunction.objects.bulk_create(
            [
                BusinessFunction(workspace=workspace, name=f"Function {i:05d}")
                for i in range(FUNCTIONS)
            ],
            batch_size=1000,
        )
        with transaction.atomic():
            assessments_create_bulk(
                functions=functions,
                ratings=[_ratings(rng) for _ in functions],
                assessor=user,
                workspace=workspace,
            )
    return workspace, user


def _page_through(client: Client, headers: dict) -> list[tuple[int, float]]:
    """(queries, seconds) of every page of the function list."""
    pages = []
    url = f"/api/v1/workspaces/bench-api/functions/?page_size={PAGE_SIZE}"
    while url:
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url, headers=headers)
            seconds = time.perf_counter() - start
        assert response.status_code == 200, response.content[:300]
        pages.append((len(queries), seconds))
        url = response.json()["next"]
    return pages


def _bulk_score(client: Client, headers: dict) -> float:
    rng = random.Random(11)
    body = json.dumps({"rows": [_ratings(rng) for _ in range(ROWS)]})
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        response = client.post(
            "/api/v1/score/", body, content_type="application/json", headers=headers
        )
        best = min(best, time.perf_counter() - start)
        assert response.status_code == 200, response.content[:300]
        assert len(response.json()["results"]) == ROWS
    return best


def main() -> None:
    call_command("migrate", verbosity=0)
    _, user = _workspace()
    headers = {"Authorization": f"Bearer {token_create(user=user, name=str(time.time())).secret}"}
    client = Client()
    client.get("/api/v1/workspaces/", headers=headers)  # warm up; records the token's use

    pages = _page_through(client, headers)
    queries = sorted({count for count, _ in pages})
    seconds = [s for _, s in pages]
    print(f"function list, {FUNCTIONS:,} functions in {len(pages)} pages of {PAGE_SIZE}:")
    print(f"  queries per page: {', '.join(map(str, queries))} (the same on every page)")
    median = sorted(seconds)[len(seconds) // 2]
    print(f"  seconds per page: median {median:.3f}, max {max(seconds):.3f}")

    bulk = _bulk_score(client, headers)
    print(f"bulk scoring {ROWS:,} rows (request to response, best of 3): {bulk:.3f} s")
    print(f"  ratio to the {BULK_LIMIT_SECONDS:g} s limit: {bulk / BULK_LIMIT_SECONDS:.2f}")


if __name__ == "__main__":
    main()
