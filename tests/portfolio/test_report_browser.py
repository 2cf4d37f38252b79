"""A consultant makes a report in a real browser: starts it, watches the progress bar fill
as the worker goes through its steps, and downloads each file."""

import threading
from pathlib import Path

import pytest

from outsourcing.models import Role
from portfolio.tasks import generate_portfolio_report
from tests.factories import (
    PAYROLL,
    BusinessFunctionFactory,
    MembershipFactory,
    UserFactory,
    WorkspaceFactory,
    assess,
)
from tests.test_journey import _sign_in, browser_type_launch_args  # noqa: F401 (a fixture)

# PostgreSQL: the stand-in worker thread writes the report while the live server's thread
# answers the progress polls; SQLite's shared in-memory test database locks the table.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


class _Worker:
    """Stands in for the Celery worker: runs the real task in a thread, so the page can be
    seen polling while the report is being made (an eager task would finish before the
    page even opened)."""

    def __init__(self):
        self.threads = []

    def apply_async(self, args, **options):  # how outsourcing.services.jobs sends a job
        thread = threading.Thread(target=generate_portfolio_report.run, args=tuple(args))
        thread.start()
        self.threads.append(thread)


def test_start_a_report_watch_it_reach_100_and_download_each_file(page, live_server, monkeypatch):
    workspace = WorkspaceFactory(name="Acme Manufacturing", slug="acme")
    user = UserFactory(email="consultant@example.com")
    MembershipFactory(user=user, workspace=workspace, role=Role.EDITOR)
    assess(BusinessFunctionFactory(workspace=workspace, name="Payroll processing"), PAYROLL)
    worker = _Worker()
    monkeypatch.setattr(generate_portfolio_report, "apply_async", worker.apply_async)

    _sign_in(page, live_server, "consultant@example.com")
    page.wait_for_url("**/w/acme/")
    page.get_by_role("link", name="Reports", exact=True).first.click()
    page.get_by_role("link", name="Make the first report").click()
    page.get_by_role("button", name="Make the report").click()

    bar = page.get_by_role("progressbar")
    seen = []
    for _ in range(600):  # at most a minute
        value = int(bar.get_attribute("aria-valuenow"))
        if not seen or seen[-1] != value:
            seen.append(value)
        if value == 100:
            break
        page.wait_for_timeout(100)
    assert seen[-1] == 100
    assert seen == sorted(seen) and len(seen) > 1, seen  # it moved, and only forwards
    page.get_by_text("Ready.").wait_for()

    for name, suffix in [
        ("PDF", ".pdf"),
        ("Workbook (XLSX)", ".xlsx"),
        ("CSV files (zip)", ".zip"),
    ]:
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        assert download.value.suggested_filename.endswith(suffix)
        assert Path(download.value.path()).read_bytes()[:2] in (b"%P", b"PK")
    for thread in worker.threads:
        thread.join()
