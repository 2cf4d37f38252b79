"""Checking an inventory file and turning it into a plan, before anything is written.

The whole file is checked; every problem is reported as “row 7, column data_sensitivity:
6 is not between 1 and 5”; only a file without problems becomes a plan.
"""

from dataclasses import dataclass, field

from assessments.inventory.columns import (
    EXPORT_COLUMNS,
    INPUT_COLUMNS,
    REQUIRED_COLUMNS,
    RESULT_COLUMNS,
    normalise_header,
)
from assessments.models import FACTOR_FIELDS
from outsourcing.cells import (
    CellError,
    parse_choice,
    parse_count,
    parse_decimal,
    parse_rating,
    parse_text,
)
from outsourcing.models import BusinessFunction, CurrentSourcing, Workspace
from outsourcing.tabular import Table

MAX_PROBLEMS_SHOWN = 200


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"row {self.row}" if self.row is not None else "",
                f"column {self.column}" if self.column else "",
            )
            if part
        )
        return f"{where}: {self.message}" if where else self.message


class InventoryInvalid(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the file")
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            shown.append(f"… and {len(self.problems) - MAX_PROBLEMS_SHOWN:,} more problems.")
        return shown


@dataclass
class PlannedRow:
    number: int
    values: dict  # parsed input columns present in the file, factors excluded
    ratings: dict[str, int] | None
    existing: BusinessFunction | None = None


@dataclass
class InventoryPlan:
    columns: list[str]  # the input columns the file has
    rows: list[PlannedRow] = field(default_factory=list)

    @property
    def creates(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.existing is None]

    @property
    def updates(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.existing is not None]

    @property
    def assessed(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.ratings is not None]


def _check_header(headers: list[str]) -> tuple[list[str], list[Problem]]:
    columns = [normalise_header(h) for h in headers]
    problems = []
    seen = set()
    for position, (raw, column) in enumerate(zip(headers, columns, strict=True), start=1):
        if not column:
            problems.append(Problem(f"column {position} has no header"))
        elif column in seen:
            problems.append(Problem(f"column “{raw}” appears twice"))
        elif column not in EXPORT_COLUMNS:
            problems.append(
                Problem(f"unknown column “{raw}”; the columns are: {', '.join(INPUT_COLUMNS)}")
            )
        seen.add(column)
    problems += [Problem(f"missing column “{c}”") for c in REQUIRED_COLUMNS if c not in seen]
    return columns, problems


SOURCING_CHOICES = {
    "in_house": CurrentSourcing.IN_HOUSE,
    "inhouse": CurrentSourcing.IN_HOUSE,
    "outsourced": CurrentSourcing.OUTSOURCED,
}


def _service_line_parser():
    """Reads a service line by its code or its name, in any case."""
    # The taxonomy lives in the vendors app, above this one: reach it through the field
    # that points at it rather than importing upwards.
    service_lines = BusinessFunction._meta.get_field("service_line").related_model
    lines = {}
    for line in service_lines.objects.all():
        lines[line.code.lower()] = line
        lines[normalise_header(line.name)] = line

    def parse(text: str):
        text = parse_text(text)
        if not text:
            return None
        line = lines.get(text.lower()) or lines.get(normalise_header(text))
        if line is None:
            raise CellError(
                f"“{text}” is not a service line code (e.g. payroll, it-support, market-research)"
            )
        return line

    return parse


def inventory_plan(*, workspace: Workspace, table: Table) -> InventoryPlan:
    """Check every row of `table`; return the plan, or raise InventoryInvalid listing all
    problems. Functions are matched to existing ones by name, ignoring case."""
    columns, problems = _check_header(table.headers)
    if problems:
        raise InventoryInvalid(problems)
    present = [c for c in columns if c in INPUT_COLUMNS]
    factor_columns = [f for f in FACTOR_FIELDS if f in present]
    parsers = {
        "name": lambda t: parse_text(t, max_length=200),
        "department": lambda t: parse_text(t, max_length=100),
        "description": parse_text,
        "annual_cost": parse_decimal,
        "fte": lambda t: parse_decimal(t, max_digits=8),
        "monthly_volume": parse_count,
        "service_line": _service_line_parser(),
        "current_sourcing": lambda t: parse_choice(t, SOURCING_CHOICES, "in_house or outsourced"),
        **dict.fromkeys(FACTOR_FIELDS, parse_rating),
    }
    plan = InventoryPlan(columns=present)
    first_row_of = {}
    for index, cells in enumerate(table.rows):
        number = table.row_number(index)
        if len(cells) > len(columns) and any(cells[len(columns) :]):
            problems.append(
                Problem(f"has {len(cells)} cells but the header has {len(columns)} columns", number)
            )
            continue
        values = {}
        for column, text in zip(columns, cells, strict=False):
            if column in RESULT_COLUMNS:
                continue
            try:
                values[column] = parsers[column](text)
            except CellError as exc:
                problems.append(Problem(str(exc), number, column))
        name = values.get("name")
        if "name" in values and not name:
            problems.append(Problem("the name is empty", number, "name"))
        elif name:
            key = name.lower()
            if key in first_row_of:
                problems.append(
                    Problem(
                        f"“{name}” appears again (first in row {first_row_of[key]})", number, "name"
                    )
                )
            first_row_of.setdefault(key, number)
        given = [f for f in factor_columns if values.get(f) is not None]
        ratings = None
        if given and len(given) < len(FACTOR_FIELDS):
            missing = [f for f in FACTOR_FIELDS if f not in given]
            problems.append(
                Problem(
                    f"has {len(given)} of the 8 factor ratings; give all eight or none "
                    f"(missing: {', '.join(missing)})",
                    number,
                )
            )
        elif given:
            ratings = {f: values[f] for f in FACTOR_FIELDS}
        plan.rows.append(
            PlannedRow(
                number=number,
                values={k: v for k, v in values.items() if k not in FACTOR_FIELDS},
                ratings=ratings,
            )
        )
    if problems:
        raise InventoryInvalid(problems)
    existing = {
        f.name.lower(): f
        for f in BusinessFunction.objects.filter(workspace=workspace).select_related(
            "latest_assessment"
        )
    }
    for row in plan.rows:
        row.existing = existing.get(row.values["name"].lower())
    return plan
