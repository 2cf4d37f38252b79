"""The report's tables as CSV files in one zip: one file per table, text cells neutralised."""

import io
import zipfile

from outsourcing.imports.writer import write_csv
from portfolio.exports.tables import report_tables, unavailable


def report_csv_zip(figures: dict) -> bytes:
    """A zip of `<table>.csv` files, plus `not_available.csv` naming the sections to come."""
    files = {
        f"{table.name}.csv": write_csv(table.headers, table.rows)
        for tables in report_tables(figures).values()
        for table in tables
    }
    missing = unavailable(figures)
    if missing:
        files["not_available.csv"] = write_csv(["Section", "Not available yet because it"], missing)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
