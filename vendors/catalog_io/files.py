"""From uploaded files to one table per kind of catalog row.

A catalog arrives as one XLSX workbook (a sheet per kind, titled "vendors", "offerings",
"centres", "certifications", "rates"), as CSV files named after their kind
("vendors.csv", "acme-rates.csv"), or as a ZIP of such CSVs (what the CSV export gives).
The cell reading itself is `outsourcing.tabular`'s, the one reader of the project.
"""

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings

from outsourcing.tabular import Table, TableError, read_table, read_workbook
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


def read_catalog_files(files: UploadedFiles) -> CatalogTables:
    """Read every uploaded file into tables by kind; problems with whole files go to
    `errors` (a file that is not UTF-8, empty, of an unknown kind, a kind given twice)."""
    result = CatalogTables()
    if not files:
        result.errors.append("No file was uploaded.")
        return result
    max_bytes, max_rows = settings.IMPORT_MAX_BYTES, settings.IMPORT_MAX_ROWS
    for filename, data in _expand_zips(files, result):
        suffix = PurePosixPath(filename).suffix.lower()
        try:
            if suffix == ".xlsx" or data.startswith(b"PK\x03\x04"):
                sheets = read_workbook(
                    data, filename=filename, max_bytes=max_bytes, max_rows=max_rows
                )
                for title, table in sheets.items():
                    kind = kind_for(title)
                    if kind is None:
                        result.notices.append(
                            f"{filename}: sheet “{title}” is not one of {KIND_NAMES}; ignored."
                        )
                        continue
                    _add(result, kind, table, f"{filename} › {title}")
            else:
                kind = kind_for(PurePosixPath(filename).stem)
                if kind is None:
                    result.errors.append(
                        f"{filename}: the file name must say which kind of rows it holds "
                        f"({KIND_NAMES}), e.g. vendors.csv."
                    )
                    continue
                table = read_table(
                    data,
                    filename=filename,
                    max_bytes=max_bytes,
                    max_rows=max_rows,
                    allow_no_rows=True,
                )
                _add(result, kind, table, filename)
        except TableError as exc:
            result.errors.append(f"{filename}: {exc}")
    if not result.errors and not any(table.rows for table in result.tables.values()):
        result.errors.append(
            f"There is nothing to import: no rows under any of {KIND_NAMES}."
            if not result.notices
            else "There is nothing to import."
        )
    return result


def _add(result: CatalogTables, kind: Kind, table: Table, source: str) -> None:
    if kind.name in result.tables:
        result.errors.append(
            f"{source}: {kind.name} rows are also in {result.sources[kind.name]}; "
            "give each kind once."
        )
        return
    result.tables[kind.name] = table
    result.sources[kind.name] = source


def _expand_zips(files: UploadedFiles, result: CatalogTables) -> UploadedFiles:
    expanded: UploadedFiles = []
    for filename, data in files:
        if not filename.lower().endswith(".zip"):
            expanded.append((filename, data))
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir() and not info.filename.startswith(("__MACOSX/", "."))
            ]
        except zipfile.BadZipFile:
            result.errors.append(f"{filename}: not a readable ZIP archive.")
            continue
        if len(members) > MAX_ZIP_MEMBERS:
            result.errors.append(
                f"{filename}: holds {len(members)} files; expected one CSV per kind ({KIND_NAMES})."
            )
            continue
        for info in members:
            name = PurePosixPath(info.filename).name
            if info.file_size > settings.IMPORT_MAX_BYTES:
                # Checked before inflating, so a ZIP bomb costs nothing.
                result.errors.append(
                    f"{filename} › {name}: too large once unzipped "
                    f"({info.file_size / 1024 / 1024:.1f} MB)."
                )
                continue
            expanded.append((name, archive.read(info)))
    return expanded


def pack_files(files: UploadedFiles) -> bytes:
    """Keep uploaded files as one blob (a ZIP) until the curator confirms the import."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (filename, data) in enumerate(files):
            # The index keeps two uploads of the same name apart.
            archive.writestr(f"{index:02d}/{PurePosixPath(filename).name}", data)
    return buffer.getvalue()


def unpack_files(blob: bytes) -> UploadedFiles:
    with zipfile.ZipFile(io.BytesIO(bytes(blob))) as archive:
        return [
            (PurePosixPath(info.filename).name, archive.read(info))
            for info in sorted(archive.infolist(), key=lambda info: info.filename)
        ]


__all__ = ["KINDS", "CatalogTables", "UploadedFiles", "pack_files", "read_catalog_files"]
