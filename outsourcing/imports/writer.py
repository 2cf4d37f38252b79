"""The spreadsheets people take away: CSV and XLSX, written one way.

Writing neutralises spreadsheet formulas in every text cell, so a vendor named
"=HYPERLINK(…)" cannot run anything in the analyst's Excel; the cell parser undoes the
apostrophe on the way back in, so an export imports back unchanged.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Cells starting with these are treated as formulas (or DDE payloads) by spreadsheet apps.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Make a text cell inert in spreadsheet apps by prefixing an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """A UTF-8 CSV, text cells neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return neutralise(value)


def write_xlsx(sheets: dict[str, tuple[Sequence[str], Iterable[Sequence]]]) -> bytes:
    """An XLSX workbook, one sheet per entry, bold frozen header, text cells neutralised."""
    workbook = openpyxl.Workbook(write_only=True)
    for title, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        for index, header in enumerate(headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 2)
        header_cells = []
        for header in headers:
            cell = openpyxl.cell.WriteOnlyCell(sheet, value=header)
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    if isinstance(value, Decimal):
        # Excel has no decimal type; money to the cent survives a float.
        return float(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return neutralise(value)
