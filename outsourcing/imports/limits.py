"""How much of a file an import agrees to read, and the error for a file it will not."""

from dataclasses import dataclass

from django.conf import settings


class TableError(ValueError):
    """The file cannot be read as a table at all (size, format, damage, limits, emptiness)."""


@dataclass(frozen=True)
class Limits:
    """Every bound the reader enforces, each checked before the work it bounds is done."""

    max_bytes: int  # the upload itself
    max_rows: int  # data rows under the header, per sheet
    max_columns: int = 100
    max_cell_chars: int = 10_000
    max_unzipped_bytes: int = 40 * 1024 * 1024  # an .xlsx or .zip, all members together
    max_ratio: int = 100  # unzipped : zipped, per member
    max_members: int = 50

    @property
    def max_shared_strings(self) -> int:
        """Distinct texts a workbook may hold: five per allowed row (an inventory row has
        two or three: name, description, department), which bounds the time a crafted
        string table can cost to about a second."""
        return max(5 * self.max_rows, 10_000)

    @property
    def max_sheet_elements(self) -> int:
        """XML elements a sheet may hold: every allowed row full of 30 cells (an exported
        inventory has 25 columns). Bounds the time a sheet of junk elements can cost."""
        return 61 * (self.max_rows + 1)

    # The other parts (relationships, sheet list, styles) are small in any real workbook.
    max_part_elements = 100_000

    @classmethod
    def from_settings(cls, **overrides) -> "Limits":
        """The limits of uploads through the site (IMPORT_MAX_BYTES, IMPORT_MAX_ROWS)."""
        values = {"max_bytes": settings.IMPORT_MAX_BYTES, "max_rows": settings.IMPORT_MAX_ROWS}
        return cls(**{**values, **overrides})


def human_size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def past_last_row(number: int, limits: Limits) -> TableError | None:
    """The refusal for a sheet that reaches row `number`, when that is past the limit.

    Rows are counted by their number, blank ones included, so the bound holds before any
    cell of a far-away row is read.
    """
    if number <= limits.max_rows + 1:  # the header is row 1
        return None
    return TableError(
        f"The file goes on to row {number:,}; the limit is {limits.max_rows:,} rows under "
        "the header. Split it into smaller files."
    )
