"""The report as a workbook the client's analysts can work in (XlsxWriter).

A summary sheet, then one sheet per section: its tables one below the other, the header of
the first frozen, money in the workspace currency, and native Excel charts (not pictures)
drawn from the cells, so an analyst who edits a figure sees the chart follow. Every text cell
is written as a string and neutralised: a name like "=HYPERLINK(…)" stays inert.
"""

import io
from datetime import date

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from outsourcing.charts import OPTION_COLOURS
from outsourcing.imports.writer import neutralise
from portfolio.exports.tables import ReportTable, report_tables, unavailable
from portfolio.selectors.figures import SECTION_TITLES
from portfolio.selectors.scope import OPTION_LABELS

# Sheet names: at most 31 characters, unique.
SHEET_NAMES = {
    "summary": "Summary",
    "mix": "Sourcing mix",
    "matrix": "Strategic vs suitability",
    "robustness": "Robustness",
    "savings": "Projected savings",
    "concentration": "Concentration",
    "notices": "Notice deadlines",
    "sla": "SLAs and scorecards",
    "risks": "Risk flags",
    "methodology": "Methodology",
    "functions": "All functions",
}
CHARTED = {"summary", "mix", "matrix", "robustness", "risks", "methodology", "functions"}
LABEL_COLOURS = {OPTION_LABELS[key]: colour for key, colour in OPTION_COLOURS.items()}


class _Formats:
    def __init__(self, book: Workbook, currency: str):
        self.title = book.add_format({"bold": True, "font_size": 14, "font_color": "#1d3557"})
        self.subtitle = book.add_format({"bold": True, "font_size": 11})
        self.header = book.add_format(
            {"bold": True, "bg_color": "#f1f3f5", "bottom": 1, "text_wrap": True, "valign": "top"}
        )
        self.money = book.add_format({"num_format": f'"{currency}" #,##0.00'})
        self.percent = book.add_format({"num_format": "0.0%"})
        self.note = book.add_format({"italic": True, "font_color": "#6c757d"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})


def _write_cell(sheet: Worksheet, row: int, col: int, value, fmt=None) -> None:
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, fmt)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    elif hasattr(value, "as_tuple"):  # Decimal: Excel has no decimal type; cents survive
        sheet.write_number(row, col, float(value), fmt)
    else:
        sheet.write_string(row, col, neutralise(str(value)), fmt)


def _write_table(sheet: Worksheet, top: int, table: ReportTable, fmt: _Formats) -> int:
    """Write `table` with its header at row `top`; return the row after its last."""
    for col, header in enumerate(table.headers):
        sheet.write_string(top, col, neutralise(header), fmt.header)
    for r, values in enumerate(table.rows, start=top + 1):
        for col, value in enumerate(values):
            cell = (
                fmt.money if col in table.money else fmt.percent if col in table.percent else None
            )
            _write_cell(sheet, r, col, value, cell)
    return top + 1 + len(table.rows)


def _sheet_tables(sheet, tables: list[ReportTable], fmt: _Formats, top: int = 0) -> list[tuple]:
    """Tables one below the other (the first's header frozen); their (first, last) rows."""
    places = []
    for index, table in enumerate(tables):
        if index:
            sheet.write_string(top, 0, table.title, fmt.subtitle)
            top += 1
        elif top == 0:
            sheet.freeze_panes(1, 0)
        end = _write_table(sheet, top, table, fmt)
        places.append((top, end - 1))
        top = end + 1
    widths = [18] * max((len(t.headers) for t in tables), default=0)
    for table in tables:
        for col, header in enumerate(table.headers):
            longest = max([len(header), *(len(str(r[col] or "")) for r in table.rows[:200])])
            widths[col] = min(60, max(widths[col], longest + 2))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    return places


def _bar_chart(book, sheet_name, first, last, *, kind="bar", title, value_col=1, colours=None):
    chart = book.add_chart({"type": kind})
    series = {
        "name": title,
        "categories": [sheet_name, first + 1, 0, last, 0],
        "values": [sheet_name, first + 1, value_col, last, value_col],
    }
    if colours:
        series["points"] = [{"fill": {"color": c}} for c in colours]
    chart.add_series(series)
    chart.set_title({"name": title})
    chart.set_legend({"none": True})
    if kind == "bar":
        chart.set_y_axis({"reverse": True})
    return chart


def _mix_charts(book, sheet, name, tables, places, fmt) -> None:
    (first, last), _ = places
    colours = [LABEL_COLOURS.get(row[0], "#adb5bd") for row in tables[0].rows]
    count = _bar_chart(
        book, name, first, last, kind="column", title="Functions by option", colours=colours
    )
    cost = _bar_chart(
        book,
        name,
        first,
        last,
        kind="column",
        title="Annual cost by option",
        value_col=2,
        colours=colours,
    )
    sheet.insert_chart(first, 6, count, {"x_scale": 1.1, "y_scale": 1.0})
    sheet.insert_chart(first + 16, 6, cost, {"x_scale": 1.1, "y_scale": 1.0})
    # Cost by department, stacked by option: a pivot of the second table, to the right.
    rows = tables[1].rows
    if not rows:
        return
    departments = sorted({row[0] for row in rows})
    labels = [
        label
        for label in [*OPTION_LABELS.values(), "Not assessed"]
        if any(row[1] == label for row in rows)
    ]
    left = 14
    top = first + 32
    sheet.write_string(top, left, "Department", fmt.header)
    for j, label in enumerate(labels, start=1):
        sheet.write_string(top, left + j, label, fmt.header)
    costs = {(row[0], row[1]): row[3] for row in rows}
    for i, department in enumerate(departments, start=1):
        sheet.write_string(top + i, left, neutralise(department))
        for j, label in enumerate(labels, start=1):
            _write_cell(sheet, top + i, left + j, costs.get((department, label), 0), fmt.money)
    stacked = book.add_chart({"type": "bar", "subtype": "stacked"})
    for j, label in enumerate(labels, start=1):
        stacked.add_series(
            {
                "name": [name, top, left + j],
                "categories": [name, top + 1, left, top + len(departments), left],
                "values": [name, top + 1, left + j, top + len(departments), left + j],
                "fill": {"color": LABEL_COLOURS.get(label, "#adb5bd")},
            }
        )
    stacked.set_title({"name": "Annual cost by department"})
    stacked.set_y_axis({"reverse": True})
    sheet.insert_chart(first + 32, 6, stacked, {"x_scale": 1.1, "y_scale": 1.4})


def _matrix_chart(book, sheet, name, tables, places, fmt) -> None:
    first, _last = places[0]
    rows = tables[0].rows  # grouped by option (see tables._matrix): one range per series
    chart = book.add_chart({"type": "scatter"})
    for label in OPTION_LABELS.values():
        indexes = [first + 1 + i for i, row in enumerate(rows) if row[2] == label]
        if not indexes:
            continue
        start, end = indexes[0], indexes[-1]
        chart.add_series(
            {
                "name": label,
                "categories": [name, start, 3, end, 3],
                "values": [name, start, 4, end, 4],
                "marker": {
                    "type": "circle",
                    "size": 7,
                    "fill": {"color": LABEL_COLOURS[label]},
                    "border": {"color": "white"},
                },
            }
        )
    chart.set_title({"name": "Strategic importance vs outsourcing suitability"})
    chart.set_x_axis({"name": "Strategic importance (1–5)", "min": 0.5, "max": 5.5})
    chart.set_y_axis({"name": "Best outsourcing score (0–100)", "min": 0, "max": 100})
    sheet.insert_chart(first, 8, chart, {"x_scale": 1.4, "y_scale": 1.5})


def _section_sheet(book, key: str, tables: list[ReportTable], fmt: _Formats) -> None:
    name = SHEET_NAMES[key]
    sheet = book.add_worksheet(name)
    places = _sheet_tables(sheet, tables, fmt)
    if key == "mix":
        _mix_charts(book, sheet, name, tables, places, fmt)
    elif key == "matrix" and tables[0].rows:
        _matrix_chart(book, sheet, name, tables, places, fmt)
    elif key not in CHARTED and tables:
        # A wired hook: a bar chart of each table whose second column holds numbers.
        for (first, last), table in zip(places, tables, strict=True):
            if table.rows and all(isinstance(r[1], int | float) for r in table.rows):
                chart = _bar_chart(book, name, first, last, title=table.title)
                sheet.insert_chart(first, len(table.headers) + 1, chart)
    elif key in ("robustness", "risks", "methodology") and any(r[1] for r in tables[0].rows):
        first, last = places[0]
        title = {
            "robustness": "Recommendations under ±20 % weight changes",
            "risks": "Risk flags raised",
            "methodology": "Criteria weights",
        }[key]
        chart = _bar_chart(book, name, first, last, title=title)
        if key == "methodology":
            chart.set_x_axis({"num_format": "0%"})
        sheet.insert_chart(first, len(tables[0].headers) + 1, chart)


def _summary_sheet(book, figures: dict, tables: list[ReportTable], fmt: _Formats) -> None:
    sheet = book.add_worksheet(SHEET_NAMES["summary"])
    sheet.write_string(
        0, 0, neutralise(f"Portfolio report · {figures['workspace']['name']}"), fmt.title
    )
    scope = ", ".join(figures["departments"]) or "All departments"
    facts = [
        ("Date", date.fromisoformat(figures["as_of"]).strftime("%-d %B %Y")),
        ("Scope", scope),
        ("Currency", figures["workspace"]["currency"]),
        ("Scoring model", figures["model_version"]),
    ]
    for i, (label, value) in enumerate(facts, start=2):
        sheet.write_string(i, 0, label, fmt.subtitle)
        sheet.write_string(i, 1, neutralise(value))
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 3, 22)
    top = len(facts) + 3
    if tables:
        # Sentences first, in one wide column; then the key figures.
        for i, (sentence,) in enumerate(tables[0].rows):
            sheet.merge_range(top + i, 0, top + i, 7, neutralise(sentence), fmt.wrap)
            sheet.set_row(top + i, 32)
        top += len(tables[0].rows) + 1
        for table in tables[1:]:
            sheet.write_string(top, 0, table.title, fmt.subtitle)
            end = _write_table(sheet, top + 1, table, fmt)
            if table.name == "summary_mix" and any(row[1] for row in table.rows):
                chart = _bar_chart(
                    book,
                    sheet.name,
                    top + 1,
                    end - 1,
                    kind="column",
                    title="Annual cost by recommended option",
                    value_col=2,
                    colours=[LABEL_COLOURS.get(r[0], "#adb5bd") for r in table.rows],
                )
                sheet.insert_chart(top, 5, chart)
            top = end + 1
    for title, reason in unavailable(figures):
        sheet.write_string(top, 0, title, fmt.subtitle)
        sheet.write_string(top, 1, f"Not available yet: {reason}.", fmt.note)
        top += 1


def report_xlsx(figures: dict) -> bytes:
    """The workbook of a report snapshot."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    fmt = _Formats(book, figures["workspace"]["currency"])
    tables = report_tables(figures)
    _summary_sheet(book, figures, tables.get("summary", []), fmt)
    for key, data in figures["sections"].items():
        if key == "summary":
            continue
        if not data.get("available"):
            sheet = book.add_worksheet(SHEET_NAMES[key])
            sheet.write_string(0, 0, SECTION_TITLES[key], fmt.title)
            sheet.write_string(1, 0, f"Not available yet: {data['reason']}.", fmt.note)
            continue
        _section_sheet(book, key, tables[key], fmt)
    book.close()
    return buffer.getvalue()
