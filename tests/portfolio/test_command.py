"""manage.py portfolio_report: for consultants who script their deliverables."""

import zipfile

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from portfolio.models import PortfolioReport
from tests.factories import PAYROLL, BusinessFunctionFactory, assess


def test_the_command_writes_each_format_asked_and_keeps_the_report(workspace, tmp_path):
    assess(BusinessFunctionFactory(workspace=workspace, name="Payroll"), PAYROLL)
    call_command(
        "portfolio_report",
        "--workspace",
        "acme",
        "--format",
        "pdf,xlsx,csv",
        "--output",
        str(tmp_path / "out"),
    )
    report = PortfolioReport.objects.get()
    stem = tmp_path / "out" / f"acme-portfolio-report-{report.pk}"
    assert "Payroll" in PdfReader(stem.with_suffix(".pdf")).pages[2].extract_text()
    assert "Summary" in openpyxl.load_workbook(stem.with_suffix(".xlsx")).sheetnames
    assert "functions.csv" in zipfile.ZipFile(stem.with_suffix(".zip")).namelist()
    assert report.generated_at is not None  # in the workspace's report history


def test_the_command_writes_only_the_formats_asked(workspace, tmp_path):
    out = tmp_path / "out"
    call_command("portfolio_report", "--workspace", "acme", "--format", "csv", "--output", str(out))
    assert [p.suffix for p in out.iterdir()] == [".zip"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--workspace", "nowhere"], "No workspace “nowhere”"),
        (["--workspace", "acme", "--format", "pdf,docx"], "--format takes pdf, xlsx and csv"),
    ],
)
def test_the_command_refuses_bad_arguments_clearly(workspace, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("portfolio_report", *arguments)
    assert not PortfolioReport.objects.exists()
