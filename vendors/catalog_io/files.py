"""From uploaded files to one table per kind of catalog row.

A catalog arrives as one XLSX workbook (a sheet per kind, titled "vendors", "offerings",
"centres", "certifications", "rates"), as CSV files named after their kind
("vendors.csv", "acme-rates.csv"), or as a ZIP of such CSVs (what the CSV export gives).
Every file goes through the one bounded reader of the project (`outsourcing.imports`).
"""

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from outsourcing.imports.archive import open_archive, read_member
from outsourcing.imports.limits import Limits, TableError
from outsourcing.imports.reader import ZIP_MAGIC, Table, read_table, read_workbook
from vendors.catalog_io.schema import KIND_NAMES, KINDS, Kind, kind_for

UploadedFiles = list[tuple[str, bytes]]  # (file name, content)

# A ZIP holds at most one file per kind; this bounds what we agree to inflate.
MAX_ZIP_MEMBERS = 10


@dataclass
class CatalogTables:
    tables: dict[str, Table] = field(default_factory=dict)  # kind name → table
    sources: dict[str, str] = field(default_factory=dict)  # kind name → "file" or "file › sheet"
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def read_catalog_files(files: UploadedFiles, *, limits: Limits | None = None) -> CatalogTables:
    """Read every uploaded file into tables by kind; problems with whole files go to
    `errors` (a file that is not UTF-8, empty, damaged, over a limit, of an unknown kind,
    a kind given twice)."""
    result = CatalogTables()
    if not files:
        result.errors.append("No file was uploaded.")
        return result
    limits = limits or Limits.from_settings()
    for filename, data in _expand_zips(files, result, limits):
        try:
            if PurePosixPath(filename).suffix.lower() == ".xlsx" or data.startswith(ZIP_MAGIC):
                _read_workbook(result, filename, data, limits)
            else:
                _read_csv(result, filename, data, limits)
        except TableError as exc:
            result.errors.append(f"{filename}: {exc}")
    if not result.errors and not any(table.rows for table in result.tables.values()):
        result.errors.append(
            f"There is nothing to import: no rows under any of {KIND_NAMES}."
            if not result.notices
            else "There is nothing to import."
        )
    return result


def _read_workbook(result: CatalogTables, filename: str, data: bytes, limits: Limits) -> None:
    for title, table in read_workbook(data, filename=filename, limits=limits).items():
        kind = kind_for(title)
        if kind is None:
            result.notices.append(
                f"{filename}: sheet “{title}” is not one of {KIND_NAMES}; ignored."
            )
            continue
        _add(result, kind, table, f"{filename} › {title}")


def _read_csv(result: CatalogTables, filename: str, data: bytes, limits: Limits) -> None:
    kind = kind_for(PurePosixPath(filename).stem)
    if kind is None:
        result.errors.append(
            f"{filename}: the file name must say which kind of rows it holds "
            f"({KIND_NAMES}), e.g. vendors.csv."
        )
        return
    table = read_table(data, filename=filename, limits=limits, allow_no_rows=True)
    _add(result, kind, table, filename)


def _add(result: CatalogTables, kind: Kind, table: Table, source: str) -> None:
    if kind.name in result.tables:
        result.errors.append(
            f"{source}: {kind.name} rows are also in {result.sources[kind.name]}; "
            "give each kind once."
        )
        return
    result.tables[kind.name] = table
    result.sources[kind.name] = source


def _expand_zips(files: UploadedFiles, result: CatalogTables, limits: Limits) -> UploadedFiles:
    expanded: UploadedFiles = []
    for filename, data in files:
        if not filename.lower().endswith(".zip"):
            expanded.append((filename, data))
            continue
        try:
            expanded += _unzip(filename, data, limits)
        except TableError as exc:
            result.errors.append(f"{filename}: {exc}")
    return expanded


def _unzip(filename: str, data: bytes, limits: Limits) -> UploadedFiles:
    """The CSVs in a ZIP; its directory is checked against the limits before inflating."""
    archive = open_archive(data, limits=limits, name=filename)
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir() and not info.filename.startswith(("__MACOSX/", "."))
    ]
    if len(members) > MAX_ZIP_MEMBERS:
        raise TableError(f"holds {len(members)} files; expected one CSV per kind ({KIND_NAMES}).")
    return [
        (PurePosixPath(info.filename).name, read_member(archive, info.filename, limits=limits))
        for info in members
    ]


def pack_files(files: UploadedFiles) -> bytes:
    """Keep uploaded files as one blob (a ZIP) until the curator confirms the import."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (filename, data) in enumerate(files):
            # The index keeps two uploads of the same name apart.
            archive.writestr(f"{index:02d}/{PurePosixPath(filename).name}", data)
    return buffer.getvalue()


def unpack_files(blob: bytes) -> UploadedFiles:
    """The files `pack_files` kept, in upload order, read within the limits like any ZIP."""
    # Our own ZIP of files that each passed the reader: bounded in size, but its ratio
    # says nothing about an attack (an honest CSV may compress well).
    limits = Limits.from_settings(max_unzipped_bytes=Limits.max_unzipped_bytes * 5, max_ratio=10**9)
    archive = open_archive(bytes(blob), limits=limits, name="the kept upload")
    return [
        (PurePosixPath(info.filename).name, read_member(archive, info.filename, limits=limits))
        for info in sorted(archive.infolist(), key=lambda info: info.filename)
    ]


__all__ = ["KINDS", "CatalogTables", "UploadedFiles", "pack_files", "read_catalog_files"]
