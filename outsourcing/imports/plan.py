"""What an import declares (its columns) and what checking a file gives (a plan).

A `Schema` maps a file's header onto the declared columns and parses each row with the
columns' cell parsers; every problem is a `Problem` naming the sheet, row and column.
A `Plan` holds the rows an import would write and the problems that stop it: only a plan
without problems is ever applied, and it is applied whole.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from outsourcing.imports.cells import CellError, normalise_header, quoted
from outsourcing.imports.reader import Table

MAX_PROBLEMS_SHOWN = 200


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: “rates row 7, column rate: “0” must be more than zero.”"""

    message: str
    row: int | None = None
    column: str | None = None
    sheet: str = ""  # the kind of rows, when a file holds several

    def __str__(self) -> str:
        where = f"{self.sheet} row {self.row}".strip() if self.row is not None else self.sheet
        if self.column:
            where = f"{where}, column {self.column}" if where else f"column {self.column}"
        return f"{where}: {self.message}" if where else self.message


def shown(problems: Sequence, limit: int = MAX_PROBLEMS_SHOWN) -> list[str]:
    """The problems as messages, the first `limit` of them and a count of the rest."""
    messages = [str(problem) for problem in problems[:limit]]
    if len(problems) > limit:
        messages.append(f"… and {len(problems) - limit:,} more problems.")
    return messages


class ImportInvalid(Exception):
    """The file has problems; nothing was, or will be, written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the file")
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        return shown(self.problems)


@dataclass
class Plan:
    """The rows an import would write, and the problems that stop it."""

    rows: list = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def raise_if_invalid(self) -> None:
        if self.problems:
            raise ImportInvalid(self.problems)


@dataclass(frozen=True)
class Column:
    """One column an import reads: its header, its cell parser and what a blank cell means."""

    name: str
    parse: Callable[[str], object]
    required: bool = False  # the column must be in the file and each cell filled
    field: str = ""  # the model field it fills ("" = same as name)
    empty: object = None  # the value of a blank cell
    ignored: bool = False  # accepted in the file (an export's extra columns) but not read

    @property
    def model_field(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class ParsedRow:
    number: int
    values: dict[str, object]  # column name → parsed value, for the columns in the file
    raw: dict[str, str]  # column name → cell text
    problems: list[Problem]


@dataclass(frozen=True)
class Schema:
    """The columns of one kind of row, and how a table of them is read."""

    columns: tuple[Column, ...]
    sheet: str = ""  # names the kind in messages ("vendors row 2, …"); "" for one-kind files

    def column(self, name: str) -> Column | None:
        return next((column for column in self.columns if column.name == name), None)

    @property
    def headers(self) -> list[str]:
        return [column.name for column in self.columns if not column.ignored]

    def map_header(self, headers: Sequence[str]) -> tuple[dict[str, int], list[Problem]]:
        """Where each declared column is in the file; problems for unknown, repeated or
        missing columns. Blank headers are skipped."""
        positions: dict[str, int] = {}
        problems = []
        for index, raw in enumerate(headers):
            name = normalise_header(raw)
            if not name:
                continue
            if self.column(name) is None:
                problems.append(
                    self._problem(
                        f"unknown column {quoted(raw)}; the columns are: {', '.join(self.headers)}"
                    )
                )
            elif name in positions:
                problems.append(self._problem(f"column {quoted(raw)} appears twice"))
            else:
                positions[name] = index
        problems += [
            self._problem(f"missing column “{column.name}”")
            for column in self.columns
            if column.required and column.name not in positions
        ]
        return positions, problems

    def parse(self, table: Table) -> tuple[list[ParsedRow] | None, list[Problem]]:
        """Every row of `table` parsed, and every problem; the rows are None when the
        header is unusable (its problems stop the reading before any row)."""
        positions, problems = self.map_header(table.headers)
        if problems:
            return None, problems
        rows = [
            self.parse_row(cells, table.row_number(index), positions, len(table.headers))
            for index, cells in enumerate(table.rows)
        ]
        return rows, [problem for row in rows for problem in row.problems]

    def parse_row(
        self, cells: list[str], number: int, positions: dict[str, int], width: int
    ) -> ParsedRow:
        values, raw, problems = {}, {}, []
        if len(cells) > width and any(cells[width:]):
            message = f"has {len(cells)} cells but the header has {width} columns"
            return ParsedRow(number, {}, {}, [self._problem(message, number)])
        for name, position in positions.items():
            column = self.column(name)
            if column.ignored:
                continue
            text = cells[position].strip() if position < len(cells) else ""
            raw[name] = text
            if not text:
                if column.required:
                    problems.append(self._problem("a value is required.", number, name))
                values[name] = column.empty
                continue
            try:
                values[name] = column.parse(text)
            except CellError as exc:
                problems.append(self._problem(str(exc), number, name))
        return ParsedRow(number, values, raw, problems)

    def _problem(self, message: str, row: int | None = None, column: str | None = None):
        return Problem(message, row, column, self.sheet)
