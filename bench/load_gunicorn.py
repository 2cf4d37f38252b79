"""Load benchmark (not a test): 20 signed-in clients for 60 s on gunicorn and PostgreSQL,
against the function list and the dashboard of a 10,000-function workspace.

Run:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sourcewise_load \\
        .venv/bin/python bench/load_gunicorn.py [--clients 20] [--seconds 60]

It migrates that database and adds to it, once, a workspace `load-bench` with 10,000
assessed functions and a user `load-bench@example.com` (so point it at a scratch database,
not production). It collects the static files, starts gunicorn with gunicorn.conf.py in
production mode (DEBUG off, plain HTTP on a free local port), signs each client in through
the real sign-in form, then has every client fetch the function list and the dashboard in
turn as fast as it can. Prints requests/s, median and p95 latency per page, and the errors
(any answer but 200, or no answer); exits non-zero when there was an error.
"""

import argparse
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FUNCTIONS = 10_000
SLUG = "load-bench"
EMAIL = "load-bench@example.com"
PASSWORD = secrets.token_urlsafe(16)


def _production_env(port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "SECURE_COOKIES": "False",
        "SECURE_HSTS_SECONDS": "0",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "3"),
        "GUNICORN_LOG_LEVEL": "warning",
        "GUNICORN_ACCESSLOG": "",  # 20 clients' access log would bury the figures
        # Twenty clients signing in from one address must not look like an attack.
        "AXES_FAILURE_LIMIT": "1000",
    }


def _prepare_database() -> None:
    """Migrate, then make the 10,000-function workspace and its user (once)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    from assessments.models import FACTOR_FIELDS
    from assessments.services import assessments_create_bulk
    from outsourcing.models import BusinessFunction, Department, Membership, Role, User, Workspace

    user, _ = User.objects.get_or_create(email=EMAIL)
    user.set_password(PASSWORD)
    user.save()
    workspace, _ = Workspace.objects.get_or_create(
        slug=SLUG, defaults={"name": "Load bench", "country": "DE", "currency": "EUR"}
    )
    Membership.objects.get_or_create(user=user, workspace=workspace, defaults={"role": Role.OWNER})
    have = BusinessFunction.objects.filter(workspace=workspace).count()
    if have >= FUNCTIONS:
        return
    print(f"Creating {FUNCTIONS - have:,} assessed functions…", flush=True)
    rng = random.Random(9)
    departments = [
        Department.objects.get_or_create(workspace=workspace, name=name)[0]
        for name in ["Finance", "HR", "IT", "Operations", "Marketing", "Legal", "Sales"]
    ]
    functions = BusinessFunction.objects.bulk_create(
        [
            BusinessFunction(
                workspace=workspace,
                name=f"Function {number:05d}",
                department=rng.choice(departments),
                annual_cost=rng.randrange(20_000, 2_000_000),
                fte=rng.randrange(1, 40),
            )
            for number in range(have, FUNCTIONS)
        ],
        batch_size=1000,
    )
    ratings = [{name: rng.randint(1, 5) for name in FACTOR_FIELDS} for _ in functions]
    from django.db import transaction

    with transaction.atomic():
        assessments_create_bulk(
            functions=functions, ratings=ratings, assessor=user, workspace=workspace
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_gunicorn(env: dict[str, str], base_url: str) -> subprocess.Popen:
    python = Path(sys.executable)
    subprocess.run(
        [str(python), "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [str(python.with_name("gunicorn")), "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base_url}/healthz", timeout=2).status_code in (200, 503):
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    os.killpg(server.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start within 60 s")


def _signed_in_client(base_url: str) -> httpx.Client:
    client = httpx.Client(base_url=base_url, timeout=30)
    page = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/accounts/login/",
        data={"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base_url}/accounts/login/"},
    )
    if response.status_code != 302:
        raise SystemExit(f"sign-in failed: {response.status_code}")
    return client


def _run_client(client, paths, stop_at, results, lock) -> None:
    mine = []
    turn = 0
    while time.monotonic() < stop_at:
        path = paths[turn % len(paths)]
        turn += 1
        start = time.perf_counter()
        try:
            status = client.get(path).status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        mine.append((path, status, time.perf_counter() - start))
    with lock:
        results.extend(mine)


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a scratch PostgreSQL database.")
    _prepare_database()
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = _production_env(port)
    server = _start_gunicorn(env, base_url)
    try:
        clients = [_signed_in_client(base_url) for _ in range(args.clients)]
        paths = [f"/w/{SLUG}/functions/", f"/w/{SLUG}/"]
        for client in clients[:1]:  # warm every worker's caches a little
            for path in paths:
                client.get(path)
        results, lock = [], threading.Lock()
        started = time.monotonic()
        stop_at = started + args.seconds
        threads = [
            threading.Thread(target=_run_client, args=(c, paths, stop_at, results, lock))
            for c in clients
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    errors = [r for r in results if r[1] != 200]
    print(
        f"\n{args.clients} clients, {elapsed:.0f} s, gunicorn with "
        f"{env['WEB_CONCURRENCY']} processes, {FUNCTIONS:,} functions"
    )
    print(f"{'page':<32}{'requests':>10}{'median ms':>12}{'p95 ms':>10}")
    for path in paths:
        times = [r[2] for r in results if r[0] == path]
        print(
            f"{path:<32}{len(times):>10,}{_percentile(times, 0.5) * 1000:>12.0f}"
            f"{_percentile(times, 0.95) * 1000:>10.0f}"
        )
    every = [r[2] for r in results]
    print(
        f"{'all':<32}{len(every):>10,}{_percentile(every, 0.5) * 1000:>12.0f}"
        f"{_percentile(every, 0.95) * 1000:>10.0f}"
    )
    print(f"throughput: {len(results) / elapsed:.1f} requests/s; errors: {len(errors)}")
    for error in errors[:10]:
        print("  error:", error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
