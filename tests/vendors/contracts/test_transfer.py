"""Contracts and measurements in and out of CSV/XLSX: previewed, all or nothing, every
problem named by row and column."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from outsourcing.imports.writer import write_csv
from tests.factories import BusinessFunctionFactory
from tests.vendors.contracts.factories import (
    ContractFactory,
    MeasurementFactory,
    ServiceLevelFactory,
)
from tests.vendors.factories import VendorFactory
from vendors.contracts.models import Contract, Measurement
from vendors.contracts.transfer import CONTRACT_COLUMNS, MEASUREMENT_COLUMNS

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


def test_import_previews_then_creates_on_confirmation(client_for, workspace, owner, catalog):
    client = client_for(owner)
    response = upload(client, workspace, contracts_csv(ROW))
    assert "1 contract(s) to add" in response.content.decode()
    assert not Contract.objects.exists()  # the preview writes nothing
    client.post(reverse("contracts:contract_import_confirm", args=[workspace.slug]))
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
    ],
)
def test_bad_rows_are_named_and_nothing_is_saved(
    client_for, workspace, owner, catalog, change, expected
):
    good = {**ROW, "reference": "OK-1"}
    response = upload(client_for(owner), workspace, contracts_csv(good, {**ROW, **change}))
    problems = response.context.get("problems") or []
    assert any(p.startswith(expected) for p in problems), problems
    assert not Contract.objects.exists()


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
    assert "row 3, column period: duplicate of row 2" in message
    assert "row 4, column period: Jan 2031 is outside the contract" in message
    assert "row 5, column value: A percentage cannot be above 100" in message
    assert "row 6, column metric: no SLA “Unknown metric”" in message
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


def test_a_confirmation_without_a_preview_imports_nothing(client_for, workspace, owner):
    response = client_for(owner).post(
        reverse("contracts:contract_import_confirm", args=[workspace.slug]), follow=True
    )
    assert "upload the file again" in response.content.decode()
