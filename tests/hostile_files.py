"""Hostile spreadsheets, built in memory: what an attacker would upload to sink an import.

Used by the tests (every import refuses each of them) and by bench/bench_hostile.py (how
long and how much memory the refusal takes). Each builder takes the sheet title, so the
same attack can be aimed at the inventory ("Functions") and at the catalog ("vendors").
"""

import io
import zipfile
from functools import cache

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OOXML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (
    f'<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{OOXML}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OOXML}.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
    f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
    f'Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">'
HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>{header}</t></is></c></row>'


def _workbook(title: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<sheets><sheet name="{title}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )


def xlsx(title: str, sheet_chunks, *, stored: bool = False, parts: dict | None = None) -> bytes:
    """A minimal workbook whose one sheet's XML is `sheet_chunks` (bytes, streamed in),
    with any other `parts` (path → bytes)."""
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", _workbook(title))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for path, content in (parts or {}).items():
            archive.writestr(path, content)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for chunk in sheet_chunks:
                sheet.write(chunk)
    return buffer.getvalue()


def dimension_bomb(title: str, header: str) -> bytes:
    """About 1 KB that declares the whole sheet, A1:XFD1048576, with a cell in the last row."""
    sheet = (
        f'{SHEET_START}<dimension ref="A1:XFD1048576"/><sheetData>'
        f"{HEADER_ROW.format(header=header)}"
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    return xlsx(title, [sheet.encode()])


@cache
def zip_bomb(title: str, header: str, unzipped_mb: int = 64) -> bytes:
    """A sheet padded with `unzipped_mb` MB of blanks: a few hundred KB that inflate 1000:1."""
    start = f"{SHEET_START}<sheetData>{HEADER_ROW.format(header=header)}".encode()
    padding = (b" " * (1024 * 1024) for _ in range(unzipped_mb))
    return xlsx(title, [start, *padding, b"</sheetData></worksheet>"])


@cache
def zip_bomb_of_csvs(name: str, unzipped_mb: int = 64) -> bytes:
    """A .zip holding one CSV of `unzipped_mb` MB of blank lines."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        for _ in range(unzipped_mb):
            member.write(b"\n" * (1024 * 1024))
    return buffer.getvalue()


@cache
def million_rows_xlsx(title: str, header: str) -> bytes:
    """A sheet of a million one-cell rows (without row numbers, as some writers do)."""
    rows = (b"<row><c><v>1</v></c></row>" * 10_000 for _ in range(100))
    start = f"{SHEET_START}<sheetData>{HEADER_ROW.format(header=header)}".encode()
    return xlsx(title, [start, *rows, b"</sheetData></worksheet>"])


@cache
def million_rows_csv(header: str, row: str) -> bytes:
    return (header + "\n" + (row + "\n") * 1_000_000).encode()


@cache
def shared_strings_flood(title: str, header: str, count: int = 1_000_000) -> bytes:
    """A 2.5 MB workbook whose string table holds a million distinct texts (20 MB of XML)."""
    table = "".join(f"<si><t>{i:x}</t></si>" for i in range(count))
    strings = f'<sst xmlns="{MAIN}">{table}</sst>'.encode()
    sheet = f"{SHEET_START}<sheetData>{HEADER_ROW.format(header=header)}</sheetData></worksheet>"
    return xlsx(title, [sheet.encode()], parts={"xl/sharedStrings.xml": strings})


def billion_laughs(title: str, header: str) -> bytes:
    """Nested entities that expand a few hundred bytes to gigabytes if the parser lets them."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [{entities}]>'
        f'<worksheet xmlns="{MAIN}"><sheetData>{HEADER_ROW.format(header=header)}'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    return xlsx(title, [sheet.encode()])


def bad_crc(title: str, header: str) -> bytes:
    """A readable workbook with one byte of its sheet changed after the checksum was taken."""
    sheet = (
        f"{SHEET_START}<sheetData>{HEADER_ROW.format(header=header)}"
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Payroll</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    data = xlsx(title, [sheet.encode()], stored=True)
    return data.replace(b"Payroll", b"Paxroll", 1)
