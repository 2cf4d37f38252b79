"""The report's files, opened as a reader would: the PDF's text, the workbook's sheets and
charts, the CSV files. Charts are drawn by a stand-in here (one small SVG each) so these
tests need no browser; test_reports.py makes real reports end to end."""

import csv
import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from pypdf import PdfReader

from portfolio.exports.csvzip import report_csv_zip
from portfolio.exports.pdf import report_charts, report_pdf
from portfolio.exports.xlsx import SHEET_NAMES, report_xlsx
from portfolio.selectors.figures import SECTION_TITLES, report_figures
from tests.factories import (
    CORE_STRATEGY,
    IT_HELPDESK,
    MARKET_RESEARCH,
    PAYROLL,
    BusinessFunctionFactory,
    assess,
)

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'  # noqa: E501
EVIL = '=HYPERLINK("http://evil.example","click")'
CHART_SHEETS = [
    "Summary",
    "Sourcing mix",
    "Strategic vs suitability",
    "Robustness",
    "Risk flags",
    "Methodology",
]


def _render(figure, width, height):
    return SVG


def _figures(workspace):
    figures = report_figures(
        workspace=workspace,
        sections=list(SECTION_TITLES),
        department_ids=[],
        today=date(2026, 6, 30),
    )
    return json.loads(json.dumps(figures))  # as stored: JSON, nothing richer


@pytest.fixture
def figures(workspace):
    for name, ratings, cost in [
        ("Payroll processing", PAYROLL, 400_000),
        ("IT helpdesk", IT_HELPDESK, 300_000),
        ("Market research", MARKET_RESEARCH, 50_000),
        ("Corporate strategy", CORE_STRATEGY, 900_000),
        (EVIL, PAYROLL, 1_000),
    ]:
        assess(
            BusinessFunctionFactory(workspace=workspace, name=name, annual_cost=Decimal(cost)),
            ratings,
        )
    BusinessFunctionFactory(workspace=workspace, name="Never rated", annual_cost=Decimal(10))
    return _figures(workspace)


def _text(reader) -> str:
    # Whitespace as one space: the PDF wraps lines where the layout needs.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _pdf(figures):
    charts = report_charts(figures, _render)
    return PdfReader(io.BytesIO(report_pdf(figures, charts, requested_by="Olivia", language="en")))


def test_pdf_holds_every_section_title_and_the_key_figures(figures):
    text = _text(_pdf(figures))
    for title in SECTION_TITLES.values():
        assert title in text
    assert "EUR 1,651,010" in text  # total annual cost in scope
    assert "Payroll processing" in text
    assert "Not available yet: " in text  # the hooks, one line each


def test_pdf_is_a4_with_the_workspace_date_and_page_number_on_every_page(figures):
    reader = _pdf(figures)
    assert len(reader.pages) > 3
    for number, page in enumerate(reader.pages[1:], start=2):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        text = page.extract_text()
        assert "Acme Manufacturing" in text
        assert "30 June 2026" in text
        assert f"Page {number} of {len(reader.pages)}" in text


def test_pdf_contents_point_at_the_sections_pages(figures):
    reader = _pdf(figures)
    contents = reader.pages[1].extract_text()
    assert "Contents" in contents
    assert "1. Executive summary" in contents


def test_workbook_has_a_summary_and_a_sheet_per_section(figures):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(figures)))
    assert book.sheetnames == [SHEET_NAMES[key] for key in SECTION_TITLES]
    assert "Not available yet" in book["Projected savings"]["A2"].value


def test_workbook_draws_native_charts_in_every_chart_section(figures):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(figures)))
    for name in CHART_SHEETS:
        assert book[name]._charts, f"no native chart on {name}"
    assert type(book["Strategic vs suitability"]._charts[0]).__name__ == "ScatterChart"


def test_workbook_freezes_headers_and_formats_money_in_the_workspace_currency(figures):
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(figures)))["All functions"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    cost = sheet.cell(row=2, column=header.index("Annual cost") + 1)
    assert cost.value == 900_000
    assert '"EUR"' in cost.number_format


def test_text_cells_are_neutralised_in_the_workbook_and_the_csv(figures):
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(figures)))
    names = [row[0].value for row in book["All functions"].iter_rows(min_row=2)]
    assert "'" + EVIL in names
    assert EVIL not in names
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {sheet.title}!{cell.coordinate}"

    archive = zipfile.ZipFile(io.BytesIO(report_csv_zip(figures)))
    rows = list(csv.DictReader(io.StringIO(archive.read("functions.csv").decode())))
    assert "'" + EVIL in [row["Function"] for row in rows]


def test_csv_zip_has_one_file_per_table(figures):
    archive = zipfile.ZipFile(io.BytesIO(report_csv_zip(figures)))
    assert {
        "summary_sentences.csv",
        "mix_by_option.csv",
        "mix_by_department.csv",
        "strategic_vs_suitability.csv",
        "robustness_bands.csv",
        "risk_flags.csv",
        "methodology_criteria.csv",
        "functions.csv",
        "not_available.csv",
    } <= set(archive.namelist())
    rows = list(csv.DictReader(io.StringIO(archive.read("mix_by_option.csv").decode())))
    assert {r["Option"]: r["Annual cost"] for r in rows}["BPO"] == "401000.00"


def test_empty_workspace_files_are_short_and_correct(workspace):
    figures = _figures(workspace)
    pdf = _pdf(figures)
    text = _text(pdf)
    assert "has no active business functions" in text
    # One line where there is nothing to draw, no empty chart, and so a short document.
    assert "No function is assessed yet: there is no recommendation to test." in text
    charts = report_charts(figures, _render)
    assert charts["mix"] == charts["matrix"] == charts["robustness"] == charts["risks"] == []
    assert len(pdf.pages) <= 7
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(figures)))
    assert book["All functions"].max_row == 1  # the header alone
    archive = zipfile.ZipFile(io.BytesIO(report_csv_zip(figures)))
    assert archive.read("functions.csv").decode().count("\n") == 1


def test_a_wired_hook_renders_in_every_format(workspace, monkeypatch):
    # What the lead does at merge: a hook returns figures instead of "not available yet".
    def savings(scope):
        return {
            "available": True,
            "sentences": ["Projected savings are EUR 120,000 a year."],
            "tables": [
                {
                    "name": "savings_by_option",
                    "title": "Savings by option",
                    "headers": ["Option", "Annual saving"],
                    "rows": [["BPO", 100000], ["ITO", 20000]],
                }
            ],
        }

    monkeypatch.setattr("portfolio.selectors.figures.savings_section", savings)
    assess(BusinessFunctionFactory(workspace=workspace), PAYROLL)
    figures = _figures(workspace)
    assert (
        "Projected savings are EUR 120,000 a year." in figures["sections"]["summary"]["sentences"]
    )
    text = _text(_pdf(figures))
    assert (
        "Savings by option" in text and "Not available yet: it needs the business case" not in text
    )
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(figures)))["Projected savings"]
    assert sheet["B2"].value == 100000 and sheet._charts
    archive = zipfile.ZipFile(io.BytesIO(report_csv_zip(figures)))
    assert "BPO,100000" in archive.read("savings_by_option.csv").decode()


def test_hindi_names_are_set_in_the_vendored_devanagari_font(workspace):
    BusinessFunctionFactory(workspace=workspace, name="वेतन प्रसंस्करण")  # payroll processing
    reader = _pdf(_figures(workspace))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
        if "/BaseFont" in font.get_object()
    }
    assert any("Devanagari" in name for name in fonts), fonts
