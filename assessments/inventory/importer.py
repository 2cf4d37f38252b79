"""Checking an inventory file and turning it into a plan, before anything is written.

The file goes through the one import pipeline (`outsourcing.imports`): the whole file is
checked and every problem reported as “row 7, column data_sensitivity: 6 is not between
1 and 5”; only a file without problems becomes a plan.
"""

from dataclasses import dataclass, field

from assessments.inventory.columns import INPUT_COLUMNS, REQUIRED_COLUMNS, RESULT_COLUMNS
from assessments.models import FACTOR_FIELDS
from outsourcing.imports.cells import (
    CellError,
    normalise_header,
    parse_choice,
    parse_count,
    parse_decimal,
    parse_rating,
    parse_text,
    quoted,
)
from outsourcing.imports.plan import Column, ImportInvalid, ParsedRow, Plan, Problem, Schema
from outsourcing.imports.reader import Table
from outsourcing.models import BusinessFunction, CurrentSourcing, Workspace

# The name the views and commands have always caught; the pipeline's one error type.
InventoryInvalid = ImportInvalid


@dataclass
class PlannedRow:
    number: int
    values: dict  # parsed input columns present in the file, factors excluded
    ratings: dict[str, int] | None
    existing: BusinessFunction | None = None


@dataclass
class InventoryPlan(Plan):
    columns: list[str] = field(default_factory=list)  # the input columns the file has

    @property
    def creates(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.existing is None]

    @property
    def updates(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.existing is not None]

    @property
    def assessed(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.ratings is not None]


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
        line = lines.get(text.lower()) or lines.get(normalise_header(text))
        if line is None:
            raise CellError(
                f"{quoted(text)} is not a service line code (e.g. payroll, it-support, "
                "market-research)"
            )
        return line

    return parse


def inventory_schema() -> Schema:
    """The inventory's columns and their cell rules (the service lines as they are now)."""
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
    return Schema(
        (
            *(Column(c, parsers[c], required=c in REQUIRED_COLUMNS) for c in INPUT_COLUMNS),
            *(Column(c, str, ignored=True) for c in RESULT_COLUMNS),
        )
    )


def inventory_plan(*, workspace: Workspace, table: Table) -> InventoryPlan:
    """Check every row of `table`; return the plan, or raise InventoryInvalid listing all
    problems. Functions are matched to existing ones by name, ignoring case."""
    rows, problems = inventory_schema().parse(table)
    if rows is None:
        raise InventoryInvalid(problems)
    headers = [normalise_header(header) for header in table.headers]
    columns = [column for column in headers if column in INPUT_COLUMNS]
    plan = InventoryPlan(columns=columns, problems=problems)
    _check_names(rows, plan)
    for row in rows:
        plan.rows.append(_planned_row(row, columns, plan))
    plan.raise_if_invalid()
    _match_existing(plan, workspace)
    return plan


def _check_names(rows: list[ParsedRow], plan: InventoryPlan) -> None:
    """A name given twice in one file (in any case) is a problem at its second row."""
    first_row_of: dict[str, int] = {}
    for row in rows:
        name = row.values.get("name")
        if not name:
            continue
        key = name.lower()
        if key in first_row_of:
            plan.problems.append(
                Problem(
                    f"{quoted(name)} appears again (first in row {first_row_of[key]})",
                    row.number,
                    "name",
                )
            )
        first_row_of.setdefault(key, row.number)


def _planned_row(row: ParsedRow, columns: list[str], plan: InventoryPlan) -> PlannedRow:
    """The row's values and its ratings, which come all eight or none."""
    given = [f for f in FACTOR_FIELDS if f in columns and row.values.get(f) is not None]
    ratings = None
    if given and len(given) < len(FACTOR_FIELDS):
        missing = [f for f in FACTOR_FIELDS if f not in given]
        plan.problems.append(
            Problem(
                f"has {len(given)} of the 8 factor ratings; give all eight or none "
                f"(missing: {', '.join(missing)})",
                row.number,
            )
        )
    elif given:
        ratings = {f: row.values[f] for f in FACTOR_FIELDS}
    values = {k: v for k, v in row.values.items() if k not in FACTOR_FIELDS}
    return PlannedRow(number=row.number, values=values, ratings=ratings)


def _match_existing(plan: InventoryPlan, workspace: Workspace) -> None:
    existing = {
        f.name.lower(): f
        for f in BusinessFunction.objects.filter(workspace=workspace).select_related(
            "latest_assessment"
        )
    }
    for row in plan.rows:
        row.existing = existing.get(row.values["name"].lower())
