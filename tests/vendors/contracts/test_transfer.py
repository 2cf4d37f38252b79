"""Contracts and measurements in and out of CSV/XLSX: previewed, all or nothing, every
problem named by row and column."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from outsourcing.imports.writer import write_csv
from outsourcing.models import Job
from tests.factories import BusinessFunctionFactory, JobFactory
from tests.vendors.contracts.factories import (
    ContractFactory,
    MeasurementFactory,
    ServiceLevelFactory,
)
from tests.vendors.factories import VendorFactory
from vendors.contracts.models import Contract, Measurement
from vendors.contracts.transfer import CONTRACT_COLUMNS, MEASUREMENT_COLUMNS
from vendors.models import Vendor

pytestmark = pytest.mark.django_db

ROW = {
    "reference": "AP-1",
    "title": "Accounts payable",
    "vendor": "Baltic FinOps",
    "functions": "Accounts payable; Purchase orders",
    "option": "BPO",
    "delivery_country": "PL",
    "pricing_model": "transaction",
    "currency": "EUR",
    "annual_value": "420,000",
    "total_value": "1260000",
    "start_date": "2026-01-01",
    "end_date": "2028-12-31",
    "notice_period_days": "180",
    "auto_renew": "yes",
    "renewal_term_months": "12",
    "status": "active",
    "owner_email": "owner@example.com",
    "at_risk_percent": "10",
    "notes": "",
}


@pytest.fixture
def catalog(workspace):
    VendorFactory(legal_name="Baltic Finance Operations sp. z o.o.", display_name="Baltic FinOps")
    BusinessFunctionFactory(workspace=workspace, name="Accounts payable")
    BusinessFunctionFactory(workspace=workspace, name="Purchase orders")


def contracts_csv(*rows: dict) -> bytes:
    return write_csv(CONTRACT_COLUMNS, [[row[c] for c in CONTRACT_COLUMNS] for row in rows])


def upload(client, workspace, data: bytes, name="contracts.csv"):
    return client.post(
        reverse("contracts:contract_import", args=[workspace.slug]),
        {"file": SimpleUploadedFile(name, data)},
    )


def test_import_previews_then_creates_on_confirmation(
    client_for, workspace, owner, catalog, django_capture_on_commit_callbacks
):
    client = client_for(owner)
    response = upload(client, workspace, contracts_csv(ROW))
    job = Job.objects.get(kind=Job.Kind.IMPORT_CONTRACTS, status=Job.Status.PREVIEW)
    assert response.url == reverse("contracts:import_preview", args=[workspace.slug, job.pk])
    preview = client.get(response.url).content.decode()
    assert "1 contract(s) to add" in preview and "Baltic" in preview
    assert not Contract.objects.exists()  # the preview writes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("contracts:import_confirm", args=[workspace.slug, job.pk]))
    assert done.url == reverse("job_detail", args=[workspace.slug, job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and "1 contract(s) added" in job.message
    contract = Contract.objects.get()
    assert contract.annual_value == Decimal("420000")
    assert contract.notice_deadline == date(2028, 7, 4)
    assert contract.functions.count() == 2 and contract.owner == owner


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"end_date": "2025-06-30"}, "row 3, column end_date: The end date must be after"),
        ({"notice_period_days": "1500"}, "row 3, column notice_period_days: The notice period"),
        ({"annual_value": "0"}, "row 3, column annual_value: Enter an amount greater than zero"),
        ({"vendor": "Nobody Ltd"}, "row 3, column vendor: “Nobody Ltd” is not a vendor"),
        ({"functions": "Payroll"}, "row 3, column functions: “Payroll” is not a function"),
        ({"start_date": "31/01/2026"}, "row 3, column start_date: “31/01/2026” is not a date"),
        ({"title": ""}, "row 3, column title: a value is required"),
    ],
)
def test_bad_rows_are_named_and_nothing_is_saved(
    client_for, workspace, owner, catalog, change, expected
):
    good = {**ROW, "reference": "OK-1"}
    response = upload(client_for(owner), workspace, contracts_csv(good, {**ROW, **change}))
    assert response.status_code == 400
    problems = response.context.get("problems") or []
    assert any(p.startswith(f"Contracts {expected}") for p in problems), problems
    assert not Contract.objects.exists()
    assert not Job.objects.exists()  # a refused file is not kept


def test_export_then_import_round_trips_and_updates_by_reference(workspace, owner, tmp_path):
    contract = ContractFactory(workspace=workspace, reference="IT-7", title="Helpdesk")
    sla = ServiceLevelFactory(contract=contract, metric="Calls answered")
    MeasurementFactory(sla=sla, period_start=date(2025, 3, 1), value=Decimal("81"))
    path = tmp_path / "out.xlsx"
    call_command("export_contracts", "--workspace", workspace.slug, "--output", str(path))
    contract.title = "Changed meanwhile"
    contract.save()
    call_command("import_contracts", str(path), "--workspace", workspace.slug)
    contract.refresh_from_db()
    assert contract.title == "Helpdesk"
    assert Contract.objects.count() == 1 and Measurement.objects.count() == 1


def test_a_dry_run_counts_only_measurements_that_change(workspace, tmp_path):
    sla = ServiceLevelFactory(contract__workspace=workspace, contract__reference="C-1")
    MeasurementFactory(sla=sla, period_start=date(2025, 3, 1), value=Decimal("81"))
    MeasurementFactory(sla=sla, period_start=date(2025, 4, 1), value=Decimal("82"))
    rows = [["C-1", sla.metric, "2025-03", "81"], ["C-1", sla.metric, "2025-04", "90"]]
    path = tmp_path / "measurements.csv"
    path.write_bytes(write_csv(MEASUREMENT_COLUMNS, rows))
    out = io.StringIO()
    call_command(
        "import_contracts", str(path), "--workspace", workspace.slug, "--dry-run", stdout=out
    )
    assert "2 measurement(s), 1 of them changing a recorded value" in out.getvalue()
    assert Measurement.objects.get(period_start=date(2025, 4, 1)).value == Decimal("82")


def test_measurement_import_refuses_duplicates_and_periods_outside_the_contract(
    workspace, tmp_path
):
    sla = ServiceLevelFactory(contract__workspace=workspace, contract__reference="C-1")
    rows = [
        ["C-1", sla.metric, "2025-04", "82"],
        ["C-1", sla.metric, "2025-04", "83"],
        ["C-1", sla.metric, "2031-01", "80"],
        ["C-1", sla.metric, "2025-05", "140"],
        ["C-1", "Unknown metric", "2025-05", "80"],
    ]
    path = tmp_path / "measurements.csv"
    path.write_bytes(write_csv(MEASUREMENT_COLUMNS, rows))
    with pytest.raises(CommandError) as refused:
        call_command("import_contracts", str(path), "--workspace", workspace.slug)
    message = str(refused.value)
    assert "Measurements row 3, column period: duplicate of row 2" in message
    assert "Measurements row 4, column period: Jan 2031 is outside the contract" in message
    assert "Measurements row 5, column value: A percentage cannot be above 100" in message
    assert "Measurements row 6, column metric: no SLA “Unknown metric”" in message
    assert not Measurement.objects.exists()


def test_import_and_export_pages_by_role(client_for, workspace, viewer, outsider):
    ContractFactory(workspace=workspace, title="Visible")
    export = client_for(viewer).get(
        reverse("contracts:contract_export", args=[workspace.slug]), {"format": "csv"}
    )
    assert export.status_code == 200 and b"Visible" in export.content
    assert (
        client_for(viewer)
        .get(reverse("contracts:contract_import", args=[workspace.slug]))
        .status_code
        == 403
    )
    assert (
        client_for(outsider)
        .get(reverse("contracts:contract_export", args=[workspace.slug]))
        .status_code
        == 404
    )


def _preview(client, workspace, data: bytes) -> Job:
    upload(client, workspace, data)
    return Job.objects.get(kind=Job.Kind.IMPORT_CONTRACTS, status=Job.Status.PREVIEW)


def test_cancelling_a_preview_forgets_it_and_its_file(client_for, workspace, owner, catalog):
    client = client_for(owner)
    job = _preview(client, workspace, contracts_csv(ROW))
    kept = job.source_file.name
    assert default_storage.exists(kept)
    response = client.post(reverse("contracts:import_cancel", args=[workspace.slug, job.pk]))
    assert response.url == reverse("contracts:contract_list", args=[workspace.slug])
    assert not Job.objects.exists() and not default_storage.exists(kept)
    assert not Contract.objects.exists()


def test_a_second_confirmation_imports_nothing_more(
    client_for, workspace, owner, catalog, django_capture_on_commit_callbacks
):
    client = client_for(owner)
    job = _preview(client, workspace, contracts_csv(ROW))
    confirm = reverse("contracts:import_confirm", args=[workspace.slug, job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm)
    again = client.post(confirm, follow=True)
    assert "already started" in again.content.decode()
    assert Contract.objects.count() == 1


def test_a_file_that_went_stale_fails_its_job_and_writes_nothing(
    client_for, workspace, owner, catalog, django_capture_on_commit_callbacks
):
    client = client_for(owner)
    job = _preview(client, workspace, contracts_csv(ROW))
    Vendor.objects.all().delete()  # meanwhile the vendor left the catalog
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("contracts:import_confirm", args=[workspace.slug, job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "Contracts row 2, column vendor" in job.message
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    ("name", "method", "owner_status"),
    [
        ("import_preview", "get", 200),
        ("import_confirm", "post", 302),
        ("import_cancel", "post", 302),
    ],
)
def test_preview_pages_by_role(
    client_for, workspace, owner, viewer, outsider, catalog, name, method, owner_status
):
    job = _preview(client_for(owner), workspace, contracts_csv(ROW))
    url = reverse(f"contracts:{name}", args=[workspace.slug, job.pk])
    assert getattr(client_for(viewer), method)(url).status_code == 403
    assert getattr(client_for(outsider), method)(url).status_code == 404
    assert getattr(Client(), method)(url).status_code == 302  # anonymous: sent to sign in
    assert Job.objects.get().status == Job.Status.PREVIEW  # none of them touched it
    assert getattr(client_for(owner), method)(url).status_code == owner_status


def test_another_kind_of_job_is_not_a_contracts_preview(client_for, workspace, owner):
    job = JobFactory(workspace=workspace, kind=Job.Kind.IMPORT_FUNCTIONS, status="preview")
    url = reverse("contracts:import_preview", args=[workspace.slug, job.pk])
    assert client_for(owner).get(url).status_code == 404
