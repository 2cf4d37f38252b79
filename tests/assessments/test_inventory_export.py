"""Exporting the inventory: the latest result in every row, and a file that imports back."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from assessments.inventory.columns import EXPORT_COLUMNS
from assessments.inventory.exporter import inventory_file
from assessments.inventory.importer import inventory_plan
from assessments.inventory.services import inventory_import
from outsourcing.imports.limits import Limits
from outsourcing.imports.reader import read_table
from outsourcing.models import BusinessFunction
from tests.factories import MARKET_RESEARCH, PAYROLL, BusinessFunctionFactory, assess

LIMITS = Limits(max_bytes=10**8, max_rows=10**6)


@pytest.fixture
def inventory(workspace):
    assess(BusinessFunctionFactory(workspace=workspace, name="Payroll processing"), PAYROLL)
    assess(BusinessFunctionFactory(workspace=workspace, name="=cmd|' /C calc'!A0"), MARKET_RESEARCH)
    BusinessFunctionFactory(workspace=workspace, name="Unrated", description="+SUM(1)")
    return workspace


def test_csv_has_the_result_columns_and_neutralised_text(inventory):
    _, content, count = inventory_file(workspace=inventory, file_format="csv")
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert count == 3
    assert list(rows[0].keys()) == list(EXPORT_COLUMNS)
    by_name = {row["name"]: row for row in rows}
    assert by_name["Payroll processing"]["recommendation"] == "BPO"
    assert by_name["Payroll processing"]["model_version"]
    assert "'=cmd|' /C calc'!A0" in by_name
    assert by_name["Unrated"]["description"] == "'+SUM(1)"
    assert by_name["Unrated"]["recommendation"] == ""


def test_xlsx_export_has_the_same_rows(inventory):
    _, content, _ = inventory_file(workspace=inventory, file_format="xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header = [cell.value for cell in sheet[1]]
    assert header == list(EXPORT_COLUMNS)
    assert sheet.max_row == 4


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_round_trips_through_import(inventory, other_workspace, file_format):
    _, content, _ = inventory_file(workspace=inventory, file_format=file_format)
    table = read_table(content, filename=f"x.{file_format}", limits=LIMITS)
    # Into an empty workspace: the same functions, the same ratings, the same calls.
    result = inventory_import(
        workspace=other_workspace,
        plan=inventory_plan(workspace=other_workspace, table=table),
        imported_by=None,
    )
    assert (result.created, result.updated) == (3, 0)
    # The apostrophe that kept "=cmd…" inert in a spreadsheet is read back as plain text.
    assert BusinessFunction.objects.filter(
        workspace=other_workspace, name="=cmd|' /C calc'!A0"
    ).exists()
    payroll = BusinessFunction.objects.get(workspace=other_workspace, name="Payroll processing")
    assert payroll.latest_assessment.ratings == dict(
        BusinessFunction.objects.get(
            workspace=inventory, name="Payroll processing"
        ).latest_assessment.ratings
    )
    assert payroll.latest_assessment.recommendation == "BPO"
    # And into the workspace it came from: nothing to add, nothing new to assess.
    again = inventory_import(
        workspace=inventory, plan=inventory_plan(workspace=inventory, table=table), imported_by=None
    )
    assert (again.created, again.updated, again.unchanged, again.assessed) == (0, 0, 3, 0)


def test_export_command_writes_the_file(inventory, tmp_path, capsys):
    output = tmp_path / "acme.xlsx"
    call_command(
        "export_functions",
        "--workspace",
        inventory.slug,
        "--format",
        "xlsx",
        "--output",
        str(output),
    )
    assert openpyxl.load_workbook(output).active.max_row == 4
    assert "3 functions written" in capsys.readouterr().out


def test_import_command_is_all_or_nothing(workspace, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,fte\nPayroll,1\nHelpdesk,-1\n")
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="row 3, column fte"):
        call_command("import_functions", str(bad), "--workspace", workspace.slug)
    assert not BusinessFunction.objects.exists()
    good = tmp_path / "good.csv"
    good.write_text("name,fte\nPayroll,1\nHelpdesk,2\n")
    call_command("import_functions", str(good), "--workspace", workspace.slug)
    assert BusinessFunction.objects.count() == 2


def test_an_export_says_no_clear_call_and_what_would_change_a_close_call(workspace):
    assess(BusinessFunctionFactory(workspace=workspace, name="Level"), (3,) * 8)
    assess(BusinessFunctionFactory(workspace=workspace, name="Fragile"), (4, 4, 4, 2, 2, 4, 3, 3))
    _, content, _ = inventory_file(workspace=workspace, file_format="csv")
    by_name = {row["name"]: row for row in csv.DictReader(io.StringIO(content.decode()))}
    assert by_name["Level"]["recommendation"] == "NO_CALL"
    assert by_name["Level"]["close_call"] == "False"
    assert (
        "one step more repetitiveness would make it BPO" in by_name["Level"]["what_would_change_it"]
    )
    assert by_name["Fragile"]["close_call"] == "True"
    assert by_name["Fragile"]["what_would_change_it"].startswith(
        "one step more strategic importance would make it in-house; "
    )
