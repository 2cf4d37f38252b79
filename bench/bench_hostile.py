"""Benchmark: how long and how much memory each import takes to refuse each hostile file.

The issue's bound is 2 seconds and 300 MB per refusal. Every (file, import) pair runs in
a fresh process, so its peak memory is its own: the figures are the wall time of the
refusal alone and the process's peak resident memory (Django loaded, the file in memory,
the refusal done), each printed as a ratio to the limit (under 1.00 is within it); "+MB"
is what the refusal itself added to the peak of the warmed-up process. For
scale, the same run times an honest 20,000-row inventory (the upload row limit) through
the same upload page: hostile files must cost no more than honest ones.

Runs on a throwaway SQLite file; never on the development database. Asserts nothing.
"""

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LIMIT_SECONDS = 2.0
LIMIT_MB = 300.0
IMPORTS = ("inventory upload", "import_functions", "catalog upload", "import_catalog")


def _setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outsourcing.settings")
    os.environ["REDIS_URL"] = ""
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["MEDIA_ROOT"] = str(database.parent / "media")
    import django

    django.setup()


def _write_files(folder: Path) -> dict[str, dict]:
    """Each hostile file on disk, for the inventory and for the catalog, and an honest one."""
    from assessments.inventory.columns import INPUT_COLUMNS
    from outsourcing.imports.writer import write_csv
    from tests.test_hostile_files import CASES

    cases = {}
    for name, ((filename, build), build_catalog, _, _) in CASES.items():
        case_dir = folder / name.replace(" ", "_")
        (case_dir / "catalog").mkdir(parents=True)
        (case_dir / filename).write_bytes(build())
        for catalog_name, data in build_catalog():
            (case_dir / "catalog" / catalog_name).write_bytes(data)
        cases[name] = {"inventory": str(case_dir / filename), "catalog": str(case_dir / "catalog")}
    rows = [
        [f"Function {i:05d}", "Finance", "", "1000", "1", "", "", "in_house"] for i in range(20_000)
    ]
    honest = folder / "honest.csv"
    honest.write_bytes(write_csv(INPUT_COLUMNS[:8], rows))
    cases["(honest 20,000-row inventory)"] = {"inventory": str(honest), "catalog": ""}
    return cases


def _signed_in_client():
    """A client whose first requests (URL conf, templates, middleware) are already done."""
    from django.test import Client

    from outsourcing.models import User

    client = Client()
    client.force_login(User.objects.get(email="bench@example.com"))
    client.get("/w/bench/functions/import/")
    client.get("/vendors/import/")
    return client


def _refuse(kind: str, paths: dict, client) -> str:
    """Run one import on one file; a short version of what it answered."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import CommandError, call_command

    catalog = sorted(Path(paths["catalog"]).iterdir()) if paths["catalog"] else []
    if kind == "inventory upload":
        path = Path(paths["inventory"])
        upload = SimpleUploadedFile(path.name, path.read_bytes())
        return f"HTTP {client.post('/w/bench/functions/import/', {'file': upload}).status_code}"
    if kind == "catalog upload":
        uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in catalog]
        return f"HTTP {client.post('/vendors/import/', {'files': uploads}).status_code}"
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    try:
        if kind == "import_functions":
            call_command(
                "import_functions", paths["inventory"], "--workspace", "bench", "--dry-run", **quiet
            )
        else:
            target = catalog[0] if len(catalog) == 1 else Path(paths["catalog"])
            call_command("import_catalog", str(target), "--dry-run", **quiet)
    except CommandError as exc:
        return f"refused: {str(exc).splitlines()[0][:60]}"
    return "accepted"


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not inherited)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(database: Path, kind: str, paths: dict) -> None:
    _setup_django(database)
    client = _signed_in_client()
    before = _peak_mb()
    start = time.perf_counter()
    answer = _refuse(kind, paths, client)
    seconds = time.perf_counter() - start
    peak = _peak_mb()
    print(
        json.dumps(
            {"seconds": seconds, "peak_mb": peak, "added_mb": peak - before, "answer": answer}
        )
    )


def _prepare(database: Path) -> None:
    _setup_django(database)
    from django.core.management import call_command

    from outsourcing.models import Membership, Role, User, Workspace
    from tests.vendors.factories import make_curator

    call_command("migrate", verbosity=0)
    workspace = Workspace.objects.create(slug="bench", name="Bench", country="DE", currency="EUR")
    user = make_curator("bench@example.com")
    Membership.objects.create(user=user, workspace=workspace, role=Role.OWNER)
    assert User.objects.count() == 1


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    database = folder / "bench.sqlite3"
    subprocess.run([sys.executable, __file__, "--prepare", str(database)], check=True)
    sys.path.insert(0, str(ROOT))
    _setup_django(folder / "files.sqlite3")
    cases = _write_files(folder)
    print(f"limits: {LIMIT_SECONDS:g} s and {LIMIT_MB:g} MB per refusal; ratio = figure / limit")
    columns = f"{'seconds':>8} {'ratio':>6} {'peak MB':>8} {'ratio':>6} {'+MB':>5}"
    print(f"{'file':<30} {'import':<17} {columns}  answer")
    for name, paths in cases.items():
        for kind in IMPORTS:
            if not paths["catalog"] and kind.startswith(("catalog", "import_catalog")):
                continue
            run = subprocess.run(
                [sys.executable, __file__, "--child", str(database), kind, json.dumps(paths)],
                capture_output=True,
                text=True,
                check=True,
            )
            figures = json.loads(run.stdout.strip().splitlines()[-1])
            print(
                f"{name:<30} {kind:<17} {figures['seconds']:8.3f} "
                f"{figures['seconds'] / LIMIT_SECONDS:6.2f} {figures['peak_mb']:8.0f} "
                f"{figures['peak_mb'] / LIMIT_MB:6.2f} {figures['added_mb']:5.0f}  "
                f"{figures['answer']}"
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4]))
    elif sys.argv[1:2] == ["--prepare"]:
        _prepare(Path(sys.argv[2]))
    else:
        main()
