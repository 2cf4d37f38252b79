"""The report as a board-ready PDF: WeasyPrint over an HTML template, charts as SVG."""

import base64

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_date
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from outsourcing.charts import OPTION_NAMES
from portfolio.exports.charts import section_figures
from portfolio.exports.images import Render
from portfolio.selectors.figures import SECTION_TITLES

#: A 10,000-row table is 250 pages nobody reads on paper: the PDF lists the largest
#: functions, and says the workbook and CSV files hold them all.
PDF_TABLE_LIMIT = 200
FONTS_DIR = settings.BASE_DIR / "static" / "fonts"
# Sections with a layout of their own; any other (a hook once wired) uses the generic one:
# its sentences, then its tables.
LAYOUTS = {"summary", "mix", "matrix", "robustness", "risks", "methodology", "functions"}


def report_charts(figures: dict, render: Render) -> dict[str, list[dict]]:
    """Each section's charts as SVG data URIs (the step the progress bar calls "charts")."""
    currency = figures["workspace"]["currency"]
    charts = {}
    for key, data in figures["sections"].items():
        charts[key] = [
            {
                "title": figure.layout.title.text or "",
                "uri": "data:image/svg+xml;base64,"
                + base64.b64encode(render(figure, width, height)).decode(),
            }
            for figure, width, height in section_figures(key, data, currency)
        ]
    return charts


# What each section says when the workspace has nothing for it yet (one line, no chart).
NOTHING_YET = {
    "mix": "No active functions in scope yet.",
    "matrix": "No function is assessed yet.",
    "robustness": "No function is assessed yet: there is no recommendation to test.",
    "risks": "No risk flag is raised.",
    "functions": "No active functions in scope yet.",
}


def _nothing_yet(key: str, data: dict) -> str:
    """The one line a section shows instead of empty charts and tables, or ""."""
    if key not in LAYOUTS:  # a wired hook: its sentences, when it has no rows to show
        if data.get("available") and not any(t["rows"] for t in data.get("tables", [])):
            return " ".join(data.get("sentences", [])) or "Nothing to show yet."
        return ""
    empty = {
        "mix": lambda: not any(row["count"] for row in data["by_option"]),
        "matrix": lambda: not data["points"],
        "robustness": lambda: not data["assessed"],
        "risks": lambda: not any(flag["count"] for flag in data["flags"]),
        "functions": lambda: not data["rows"],
    }.get(key)
    return NOTHING_YET[key] if data.get("available") and empty and empty() else ""


def _cell(value) -> dict:
    """A generic table's cell as printed: numbers grouped and right-aligned."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return {"text": "" if value is None else str(value), "number": False}
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}".removesuffix(".0")
    return {"text": text, "number": True}


def _printed(data: dict) -> dict:
    """A wired hook's section with its tables' cells ready to print."""
    tables = []
    for table in data.get("tables", []):
        rows = [[_cell(v) for v in row] for row in table["rows"][:PDF_TABLE_LIMIT]]
        numeric = [
            i for i in range(len(table["headers"])) if rows and all(r[i]["number"] for r in rows)
        ]
        tables.append({**table, "rows": rows, "numeric": numeric})
    return {**data, "tables": tables}


def report_pdf(
    figures: dict, charts: dict[str, list[dict]], *, requested_by: str, language: str
) -> bytes:
    """The PDF of a report snapshot: cover, contents, one chapter per section."""
    sections = []
    for key, data in figures["sections"].items():
        if key == "matrix" and data.get("available"):
            data = {
                **data,
                "points": [
                    {**p, "option_label": OPTION_NAMES[p["option"]]} for p in data["points"]
                ],
            }
        if key not in LAYOUTS and data.get("available"):
            data = _printed(data)
        sections.append(
            {
                "key": key,
                "title": SECTION_TITLES[key],
                "data": data,
                "template": f"portfolio/report_pdf/_{key if key in LAYOUTS else 'generic'}.html",
                "charts": charts.get(key, []),
                "nothing_yet": _nothing_yet(key, data),
            }
        )
    functions = figures["sections"].get("functions", {})
    with translation.override(language):
        html = render_to_string(
            "portfolio/report_pdf/report.html",
            {
                "f": figures,
                "sections": sections,
                "as_of": parse_date(figures["as_of"]),
                "requested_by": requested_by,
                "language": language,
                "fonts": FONTS_DIR.as_uri(),
                "shown_rows": functions.get("rows", [])[:PDF_TABLE_LIMIT],
            },
        )
    # Nothing leaves the machine: the fonts are local files, the charts data URIs.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf()
