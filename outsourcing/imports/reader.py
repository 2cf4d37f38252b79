"""Reading an upload into a header and rows of text, row by row, within the limits.

CSV is decoded once (the upload is already capped at `max_bytes`) and walked by the csv
module; XLSX is streamed by `outsourcing.imports.xlsx`. Both stop at the first row, column
or cell past the limits, so the work done on a hostile file is bounded by the limits, not
by what the file claims.
"""

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from outsourcing.imports.limits import Limits, TableError, human_size, past_last_row
from outsourcing.imports.xlsx import RawRow, xlsx_sheets

ZIP_MAGIC = b"PK\x03\x04"


@dataclass(frozen=True)
class Table:
    headers: list[str]  # as written in the file, stripped
    rows: list[list[str]]  # text cells, stripped; "" for empty
    numbers: list[int] = field(default_factory=list)  # each row's number in the file

    def row_number(self, index: int) -> int:
        """The row as the spreadsheet numbers it (the header is row 1, blank rows count)."""
        return self.numbers[index] if self.numbers else index + 2


def read_table(data: bytes, *, filename: str, limits: Limits, allow_no_rows: bool = False) -> Table:
    """The first sheet of an XLSX, or a CSV, as text rows.

    Raises TableError for a file too large, of another format, damaged, not UTF-8, empty,
    or past a limit. Blank rows are skipped; a row's cells are padded to the header. A
    header with no rows under it is refused unless `allow_no_rows`.
    """
    _check_upload(data, limits)
    name = filename.lower()
    if data.startswith(ZIP_MAGIC) or name.endswith(".xlsx"):
        _, rows = next(iter(xlsx_sheets(data, limits=limits, name=filename)), ("", iter(())))
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data, limits)
    else:
        raise TableError(f"“{filename}” is neither a .csv nor an .xlsx file.")
    table = _table(rows, limits=limits, allow_no_rows=allow_no_rows)
    if table is None:
        raise TableError("The file is empty.")
    return table


def read_workbook(data: bytes, *, filename: str, limits: Limits) -> dict[str, Table]:
    """Every sheet of an XLSX by title, with `read_table`'s rules (limits apply per sheet).

    Blank sheets are left out; a sheet with a header and no rows is an empty Table.
    """
    _check_upload(data, limits)
    if not data.startswith(ZIP_MAGIC):
        raise TableError(f"“{filename}” is not an .xlsx workbook.")
    tables = {}
    for title, rows in xlsx_sheets(data, limits=limits, name=filename):
        table = _table(rows, limits=limits, allow_no_rows=True)
        if table is not None:
            tables[title] = table
    if not tables:
        raise TableError("The file is empty.")
    return tables


def _check_upload(data: bytes, limits: Limits) -> None:
    if len(data) > limits.max_bytes:
        raise TableError(
            f"The file is {human_size(len(data))}; the limit is {human_size(limits.max_bytes)}. "
            "Split it into smaller files."
        )
    if not data.strip():
        raise TableError("The file is empty.")


def _table(raw_rows: Iterable[RawRow], *, limits: Limits, allow_no_rows: bool) -> Table | None:
    """Header and padded rows from numbered raw rows; None when there is no header at all."""
    rows_iter = (row for row in _bounded(raw_rows, limits) if any(row[1]))
    first = next(rows_iter, None)
    if first is None:
        return None
    header = first[1]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    rows: list[list[str]] = []
    numbers: list[int] = []
    for number, cells in rows_iter:
        rows.append((cells + [""] * width)[: max(width, len(cells))])
        numbers.append(number)
    if not rows and not allow_no_rows:
        raise TableError("The file has a header row but no data rows.")
    return Table(headers=header[:width], rows=rows, numbers=numbers)


def _bounded(raw_rows: Iterable[RawRow], limits: Limits) -> Iterator[RawRow]:
    for number, cells in raw_rows:
        refusal = past_last_row(number, limits)
        if refusal:
            raise refusal
        yield number, cells


def _csv_rows(data: bytes, limits: Limits) -> Iterator[RawRow]:
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
        for number, cells in enumerate(reader, start=1):
            if len(cells) > limits.max_columns:
                raise TableError(
                    f"Row {number:,} has {len(cells):,} cells; the limit is "
                    f"{limits.max_columns} columns."
                )
            for column, cell in enumerate(cells, start=1):
                if len(cell) > limits.max_cell_chars:
                    raise TableError(
                        f"Row {number:,}, column {column}: the cell holds {len(cell):,} "
                        f"characters; the limit is {limits.max_cell_chars:,}."
                    )
            yield number, [cell.strip() for cell in cells]
    except csv.Error as exc:
        raise TableError(f"The CSV cannot be read (line {reader.line_num:,}): {exc}.") from None
