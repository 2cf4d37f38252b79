"""Benchmark: a portfolio report of a 10,000-function workspace, all three formats, in one
process (one worker). Prints each step, and the total time and peak memory as ratios to the
limits (20 s, 1 GB); asserts nothing.

Runs on a throwaway SQLite file (or DATABASE_URL if you point it elsewhere); never on the
development database. Wall and CPU seconds are both printed: on a shared machine the CPU
seconds (this process and its reaped children) say more.
"""

import os
import resource
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
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp())

import django  # noqa: E402

django.setup()

from bench_inventory import ROWS, _inventory  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessments.inventory.importer import inventory_plan  # noqa: E402
from assessments.inventory.services import inventory_import  # noqa: E402
from outsourcing.imports.limits import Limits  # noqa: E402
from outsourcing.imports.reader import read_table  # noqa: E402
from outsourcing.models import Membership, Role, User, Workspace  # noqa: E402
from portfolio.exports.csvzip import report_csv_zip  # noqa: E402
from portfolio.exports.images import svg_renderer  # noqa: E402
from portfolio.exports.pdf import report_charts, report_pdf  # noqa: E402
from portfolio.exports.xlsx import report_xlsx  # noqa: E402
from portfolio.selectors.figures import SECTION_TITLES, report_figures  # noqa: E402
from portfolio.services import portfolio_report_make_now  # noqa: E402

LIMIT_SECONDS = 20.0
LIMIT_BYTES = 1024**3


def _workspace() -> Workspace:
    call_command("migrate", verbosity=0)
    workspace, _ = Workspace.objects.get_or_create(
        slug="bench", defaults={"name": "Bench Industries", "country": "DE", "currency": "EUR"}
    )
    user, _ = User.objects.get_or_create(email="bench@example.com")
    Membership.objects.get_or_create(user=user, workspace=workspace, defaults={"role": Role.OWNER})
    if not workspace.functions.exists():
        limits = Limits(max_bytes=10**9, max_rows=10**6)
        table = read_table(_inventory(ROWS), filename="x.csv", limits=limits)
        plan = inventory_plan(workspace=workspace, table=table)
        inventory_import(workspace=workspace, plan=plan, imported_by=user)
    return workspace


def _timed(label, function, results):
    start, cpu = time.perf_counter(), _cpu()
    value = function()
    results.append((label, time.perf_counter() - start, _cpu() - cpu))
    return value


def _cpu() -> float:
    # This process and its reaped children (Chromium once the charts are drawn): on a
    # shared machine CPU seconds say more than wall seconds.
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _steps(workspace: Workspace, results: list) -> None:
    """Each step of a report on its own, to see where the time goes."""
    figures = _timed(
        "figures (incl. robustness, 1,000 draws)",
        lambda: report_figures(
            workspace=workspace,
            sections=list(SECTION_TITLES),
            department_ids=[],
            today=timezone.localdate(),
        ),
        results,
    )

    def charts():
        with svg_renderer() as render:
            return report_charts(figures, render)

    drawn = _timed("charts (Chromium start + SVG export)", charts, results)
    pdf = _timed("PDF", lambda: report_pdf(figures, drawn, requested_by="", language="en"), results)
    xlsx = _timed("XLSX", lambda: report_xlsx(figures), results)
    csv = _timed("CSV zip", lambda: report_csv_zip(figures), results)
    results.append(
        (
            f"  sizes: PDF {len(pdf) / 1e6:.1f} MB, XLSX {len(xlsx) / 1e6:.1f} MB, "
            f"CSV zip {len(csv) / 1e6:.1f} MB",
            None,
            None,
        )
    )


def main() -> None:
    workspace = _workspace()
    results: list[tuple[str, float | None, float | None]] = []
    _steps(workspace, results)
    report = _timed(
        f"whole report, {ROWS:,} functions, all three formats (as the worker runs it)",
        lambda: portfolio_report_make_now(
            workspace=workspace, sections=list(SECTION_TITLES), department_ids=[], language="en"
        ),
        results,
    )
    assert report.generated_at is not None, report.job.message
    _label, total, total_cpu = results[-1]
    # ru_maxrss is in kilobytes on Linux.
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    width = max(len(label) for label, *_ in results)
    print(f"{'step':<{width}}  wall s   CPU s")
    for label, seconds, cpu in results:
        print(f"{label:<{width}}  {seconds:6.2f}  {cpu:6.2f}" if seconds is not None else label)
    print(
        f"time / limit:   wall {total:.1f} s / {LIMIT_SECONDS:.0f} s = "
        f"{total / LIMIT_SECONDS:.2f}; CPU {total_cpu:.1f} s / {LIMIT_SECONDS:.0f} s = "
        f"{total_cpu / LIMIT_SECONDS:.2f}"
    )
    print(
        f"memory / limit: {own / 1e6:.0f} MB / {LIMIT_BYTES / 1e6:,.0f} MB = "
        f"{own / LIMIT_BYTES:.2f} (peak of this process; Chromium, which draws the charts, "
        "is a process of its own)"
    )


if __name__ == "__main__":
    main()
