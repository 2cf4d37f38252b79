"""The spreadsheets people bring in and take away: CSV and XLSX, read and written one way.

Reading turns an upload into a header and rows of text, or a TableError that says what is
wrong with the file as a whole. Writing neutralises spreadsheet formulas in every text
cell, so a vendor named "=HYPERLINK(…)" cannot run anything in the analyst's Excel.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Cells starting with these are treated as formulas (or DDE payloads) by spreadsheet apps.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file cannot be read as a table at all (size, format, encoding, emptiness)."""


@dataclass(frozen=True)
class Table:
    headers: list[str]  # as written in the file, stripped
    rows: list[list[str]]  # text cells, stripped; "" for empty
    first_row_number: int = 2  # the header is row 1, as a spreadsheet numbers it

    def row_number(self, index: int) -> int:
        return self.first_row_number + index


def neutralise(value):
    """Make a text cell inert in spreadsheet apps by prefixing an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def read_table(
    data: bytes, *, filename: str, max_bytes: int, max_rows: int, allow_no_rows: bool = False
) -> Table:
    """Parse an uploaded CSV or XLSX (first sheet) into text rows.

    Raises TableError for a file too large, of another format, not UTF-8, empty, or with
    more rows than allowed. Blank lines are skipped; a row's cells are padded to the header.
    A header with no rows under it is refused unless `allow_no_rows`.
    """
    _check_upload(data, max_bytes=max_bytes)
    name = filename.lower()
    if data.startswith(XLSX_MAGIC) or name.endswith(".xlsx"):
        raw_rows = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        raw_rows = _csv_rows(data)
    else:
        raise TableError(f"“{filename}” is neither a .csv nor an .xlsx file.")
    table = _table(raw_rows, max_rows=max_rows, allow_no_rows=allow_no_rows)
    if table is None:
        raise TableError("The file is empty.")
    return table


def read_workbook(data: bytes, *, filename: str, max_bytes: int, max_rows: int) -> dict[str, Table]:
    """Parse every sheet of an uploaded XLSX, by sheet title, with `read_table`'s cell rules.

    Blank sheets are left out; a sheet with a header and no rows is an empty Table.
    Raises TableError as `read_table` does (`max_rows` applies to each sheet).
    """
    _check_upload(data, max_bytes=max_bytes)
    if not data.startswith(XLSX_MAGIC):
        raise TableError(f"“{filename}” is not an .xlsx workbook.")
    tables = {}
    for title, raw_rows in _xlsx_sheets(data):
        try:
            table = _table(raw_rows, max_rows=max_rows, allow_no_rows=True)
        except TableError as exc:
            raise TableError(f"Sheet “{title}”: {exc}") from None
        if table is not None:
            tables[title] = table
    if not tables:
        raise TableError("The file is empty.")
    return tables


def _check_upload(data: bytes, *, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise TableError(
            f"The file is {_human_size(len(data))}; the limit is {_human_size(max_bytes)}. "
            "Split it into smaller files."
        )
    if not data.strip():
        raise TableError("The file is empty.")


def _table(raw_rows: Iterable[list[str]], *, max_rows: int, allow_no_rows: bool) -> Table | None:
    """Header and padded rows from raw cell rows; None when there is no header at all."""
    rows_iter = iter(raw_rows)
    header = next(rows_iter, None)
    while header is not None and not any(header):
        header = next(rows_iter, None)
    if header is None:
        return None
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    headers = header[:width]
    rows: list[list[str]] = []
    for row in rows_iter:
        if not any(row):
            continue
        if len(rows) >= max_rows:
            raise TableError(
                f"The file has more than {max_rows:,} rows; the limit is {max_rows:,}. "
                "Split it into smaller files."
            )
        rows.append((row + [""] * width)[: max(width, len(row))])
    if not rows and not allow_no_rows:
        raise TableError("The file has a header row but no data rows.")
    return Table(headers=headers, rows=rows)


def _csv_rows(data: bytes) -> Iterable[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(
            f"The file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}). "
            "Save it as “CSV UTF-8” and upload it again."
        ) from None
    # The header line decides the delimiter (Excel writes ";" in some locales). csv.Sniffer
    # is not used: quotes and apostrophes in the data fool it.
    header_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:
        raise TableError(f"The CSV cannot be read: {exc}.") from None


def _xlsx_rows(data: bytes) -> Iterable[list[str]]:
    return next(iter(_xlsx_sheets(data, first_only=True)), ("", []))[1]


def _xlsx_sheets(data: bytes, *, first_only: bool = False) -> list[tuple[str, list[list[str]]]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:
        raise TableError("The file is not a readable .xlsx workbook.") from None
    sheets = []
    for sheet in workbook.worksheets[:1] if first_only else workbook.worksheets:
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        sheets.append((sheet.title, rows))
    workbook.close()
    return sheets


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
