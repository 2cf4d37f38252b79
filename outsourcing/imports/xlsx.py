"""Streaming an .xlsx workbook row by row, within the limits, never trusting its own claims.

openpyxl is not used to read: its read-only sheets pad every row to the `<dimension>` the
file declares (a 2 KB file can declare A1:XFD1048576) and it loads shared strings at a
pace a crafted file turns into minutes. Here each part is walked with ElementTree's
iterparse (the C parser), row numbers and column letters are read from each cell, and
reading stops at the first row, column or element past the limits. A formula reads as
"=" and its text, for the cell parser to refuse.

XML entity tricks: no spreadsheet part has a DTD, so any part declaring one (or an
entity) is refused before the parser sees it (`_NoDtd`). Behind that, expat 2.4.1 and
later refuse entity amplification ("billion laughs") themselves and ElementTree never
fetches external entities. defusedxml is not used: it swaps in the pure-Python parser,
which doubles the time a large honest file takes.
"""

import io
import posixpath
from collections.abc import Iterator
from datetime import datetime
from xml.etree.ElementTree import ParseError, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel

from outsourcing.imports.archive import DAMAGED, open_archive, open_member
from outsourcing.imports.limits import Limits, TableError, past_last_row

RawRow = tuple[int, list[str]]  # (row number as the spreadsheet shows it, cell texts)
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _tag(element) -> str:
    return element.tag.rpartition("}")[2]


def _children(element) -> dict:
    """An element's children by local name (ElementTree's "{*}" lookups are slow)."""
    return {child.tag.rpartition("}")[2]: child for child in element}


def xlsx_sheets(
    data: bytes, *, limits: Limits, name: str
) -> Iterator[tuple[str, Iterator[RawRow]]]:
    """(title, rows) for each sheet in workbook order; rows are read lazily, one at a time.

    Raises TableError for anything damaged, hostile or over a limit, naming the sheet.
    """
    archive = open_archive(data, limits=limits, name=name)
    try:
        sheets = _sheet_paths(archive, limits)
        strings = _shared_strings(archive, limits)
        dates = _date_styles(archive, limits)
    except TableError as exc:
        raise TableError(f"“{name}”: {exc}") from None
    except (*DAMAGED, ParseError, KeyError, ValueError, IndexError):
        raise TableError(f"“{name}” is not a readable .xlsx workbook.") from None
    for title, path in sheets:
        yield title, _guarded(_sheet_rows(archive, path, strings, dates, limits), title)


ENTITY_REFUSAL = (
    "it declares XML entities or a DTD, which no spreadsheet needs (a “billion laughs” "
    "attack looks like this); refused."
)


class _NoDtd(io.RawIOBase):
    """A part's bytes, refused at the first DTD or entity declaration.

    The markers are searched in each chunk with the end of the previous one, so a
    declaration split across two reads is still seen.
    """

    MARKERS = (b"<!DOCTYPE", b"<!ENTITY")

    def __init__(self, raw):
        self.raw, self.tail = raw, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.raw.read(len(buffer))
        seen = self.tail + chunk
        if any(marker in seen for marker in self.MARKERS):
            raise TableError(ENTITY_REFUSAL)
        self.tail = seen[-8:]
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _guarded(rows: Iterator[RawRow], title: str) -> Iterator[RawRow]:
    try:
        yield from rows
    except TableError as exc:
        raise TableError(f"Sheet “{title}”: {exc}") from None
    except (*DAMAGED, ParseError, KeyError, ValueError, IndexError):
        raise TableError(
            f"Sheet “{title}” is damaged or not valid spreadsheet XML; save the file again."
        ) from None


def _parse(archive, member: str, limits: Limits, events=("end",), *, budget: int | None = None):
    """The part's elements as they end, refused past `budget` of them (by default the
    budget of a workbook's small parts: relationships, sheet list, styles)."""
    budget = budget or limits.max_part_elements
    with open_member(archive, member, limits=limits) as stream:
        for count, item in enumerate(iterparse(_NoDtd(stream), events=events)):
            if count >= budget:
                raise TableError(
                    f"{member} holds more than {budget:,} XML elements; no spreadsheet within "
                    "the limits needs that many."
                )
            yield item


def _sheet_paths(archive, limits: Limits) -> list[tuple[str, str]]:
    targets = {}
    for _, element in _parse(archive, "xl/_rels/workbook.xml.rels", limits):
        if _tag(element) == "Relationship":
            target = element.get("Target", "")
            targets[element.get("Id")] = (
                target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            )
    sheets = []
    for _, element in _parse(archive, "xl/workbook.xml", limits):
        if _tag(element) == "sheet":
            sheets.append((element.get("name", ""), targets[element.get(f"{REL_NS}id")]))
    return sheets


def _shared_strings(archive, limits: Limits) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    budget = 4 * limits.max_shared_strings  # <si>, <t> and perhaps a run or two each
    for _, element in _parse(archive, "xl/sharedStrings.xml", limits, budget=budget):
        if element.tag[-2:] == "si" and _tag(element) == "si":
            strings.append(_text_of(element))
            element.clear()
            if len(strings) > limits.max_shared_strings:
                raise TableError(
                    f"the workbook holds more than {limits.max_shared_strings:,} distinct texts."
                )
    return strings


def _text_of(element) -> str:
    """The text of a string item or inline string: its runs, without phonetic hints."""
    if len(element) == 1 and _tag(element[0]) == "t":  # the usual case: plain text
        return element[0].text or ""
    parts = []
    for child in element:
        tag = child.tag.rpartition("}")[2]
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":  # a rich-text run; phonetic hints (rPh) are left out
            parts.extend(sub.text or "" for sub in child if sub.tag.rpartition("}")[2] == "t")
    return "".join(parts)


def _date_styles(archive, limits: Limits) -> set[int]:
    """Indexes of the cell styles that show a number as a date."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    formats = dict(BUILTIN_FORMATS)
    styles: list[int] = []
    in_cell_xfs = False
    for event, element in _parse(archive, "xl/styles.xml", limits, events=("start", "end")):
        tag = _tag(element)
        if tag == "numFmt" and event == "end":
            formats[int(element.get("numFmtId"))] = element.get("formatCode", "")
        elif tag == "cellXfs":
            in_cell_xfs = event == "start"
        elif tag == "xf" and event == "end" and in_cell_xfs:
            styles.append(int(element.get("numFmtId", 0)))
    return {
        index for index, fmt in enumerate(styles) if fmt in formats and is_date_format(formats[fmt])
    }


def _sheet_rows(archive, path, strings, dates, limits: Limits) -> Iterator[RawRow]:
    number = 0
    for _, element in _parse(archive, path, limits, budget=limits.max_sheet_elements):
        if element.tag[-3:] != "row" or _tag(element) != "row":
            continue
        number = int(element.get("r") or number + 1)
        refusal = past_last_row(number, limits)
        if refusal:
            raise refusal
        cells: list[str] = []
        for cell in element:
            if cell.tag[-1] != "c" or _tag(cell) != "c":
                continue
            column = _column(cell, len(cells) + 1)
            if column > limits.max_columns:
                raise TableError(
                    f"row {number:,} has a cell in column {cell.get('r') or column}; the limit "
                    f"is {limits.max_columns} columns."
                )
            text = _cell_text(cell, strings, dates)
            if len(text) > limits.max_cell_chars:
                raise TableError(
                    f"row {number:,}, column {column}: the cell holds {len(text):,} characters; "
                    f"the limit is {limits.max_cell_chars:,}."
                )
            cells.extend([""] * (column - 1 - len(cells)))
            cells.append(text)
        element.clear()
        yield number, cells


def _column(cell, default: int) -> int:
    reference = cell.get("r")
    if not reference:
        return default
    return column_index_from_string(reference.rstrip("0123456789"))


def _cell_text(cell, strings: list[str], dates: set[int]) -> str:
    parts = _children(cell)
    if "f" in parts:
        return "=" + (parts["f"].text or "")
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return (_text_of(parts["is"]) if "is" in parts else "").strip()
    value = parts["v"].text if "v" in parts else None
    if value is None:
        return ""
    if kind == "s":
        return strings[int(value)].strip()
    if kind == "b":
        return "TRUE" if value.strip() == "1" else "FALSE"
    if kind == "n":
        return _number_text(value.strip(), int(cell.get("s", 0)) in dates)
    return value.strip()


def _number_text(value: str, is_date: bool) -> str:
    try:
        number = float(value)
    except ValueError:
        return value  # left for the cell parser to name
    if is_date and 0 <= number < 2958466:  # the last day Excel can show, 9999-12-31
        moment = from_excel(number)
        if isinstance(moment, datetime):
            return (
                moment.date().isoformat()
                if moment.time() == datetime.min.time()
                else (moment.isoformat())
            )
        return moment.isoformat()
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return value
