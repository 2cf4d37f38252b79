"""Contracts and measurements in and out of CSV and XLSX, on the one import pipeline
(`outsourcing.imports`): each kind of row declares its columns as a `Schema`, the file is
checked whole into a `TransferPlan`, and only a plan without problems is applied, all or
nothing. Every problem names its sheet, row and column.

An XLSX workbook may hold a "Contracts" and a "Measurements" sheet; a CSV holds one of the
two, told apart by its columns. Contracts are matched by reference (an existing one is
updated, its status left to the contract's actions); measurements name their contract's
reference, the SLA's metric and the month, and replace what that month had.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django_countries import countries

from outsourcing.currencies import is_currency_code
from outsourcing.imports.cells import (
    CellError,
    normalise_header,
    parse_choice,
    parse_count,
    parse_date,
    parse_decimal,
    parse_text,
    quoted,
)
from outsourcing.imports.limits import Limits, TableError
from outsourcing.imports.plan import Column, ImportInvalid, ParsedRow, Plan, Problem, Schema
from outsourcing.imports.reader import ZIP_MAGIC, Table, read_table, read_workbook
from outsourcing.imports.writer import write_csv, write_xlsx
from outsourcing.models import BusinessFunction, Membership, User, Workspace
from vendors.models import Vendor

from .models import OUTSOURCED_OPTIONS, Contract, Measurement, PricingModel, ServiceLevel
from .services import (
    contract_save,
    contract_term_errors,
    measurement_value_error,
    period_bounds_error,
)

CONTRACTS, MEASUREMENTS = "Contracts", "Measurements"
CONTRACT_COLUMNS = (
    "reference", "title", "vendor", "functions", "option", "delivery_country", "pricing_model",
    "currency", "annual_value", "total_value", "start_date", "end_date", "notice_period_days",
    "auto_renew", "renewal_term_months", "status", "owner_email", "at_risk_percent", "notes",
)  # fmt: skip
CONTRACT_REQUIRED = tuple(c for c in CONTRACT_COLUMNS[:13] if c != "functions")
COUNTRY_CODES = frozenset(code for code, _ in countries)
MEASUREMENT_COLUMNS = ("reference", "metric", "period", "value")


@dataclass
class PlannedContract:
    number: int
    values: dict
    functions: list[BusinessFunction]
    existing: Contract | None


@dataclass
class PlannedMeasurement:
    number: int
    sla_id: int
    period_start: date
    value: Decimal
    replaces: Decimal | None


@dataclass
class TransferPlan(Plan):
    contracts: list[PlannedContract] = field(default_factory=list)
    measurements: list[PlannedMeasurement] = field(default_factory=list)

    @property
    def new_contracts(self) -> int:
        return sum(1 for c in self.contracts if c.existing is None)

    @property
    def replaced_measurements(self) -> int:
        """Measurements that change a value already recorded (the same value is no change)."""
        return sum(1 for m in self.measurements if m.replaces not in (None, m.value))

    @property
    def summary(self) -> str:
        return (
            f"{self.new_contracts:,} contract(s) to add, "
            f"{len(self.contracts) - self.new_contracts:,} to update; "
            f"{len(self.measurements):,} measurement(s), "
            f"{self.replaced_measurements:,} of them changing a recorded value."
        )


def _read(data: bytes, filename: str, limits: Limits) -> dict[str, Table]:
    if filename.lower().endswith(".xlsx") or data.startswith(ZIP_MAGIC):
        sheets = read_workbook(data, filename=filename, limits=limits)
        known = {normalise_header(t): t for t in (CONTRACTS, MEASUREMENTS)}
        tables = {
            known[normalise_header(t)]: table
            for t, table in sheets.items()
            if normalise_header(t) in known
        }
        if not tables:
            raise TableError("The workbook has neither a “Contracts” nor a “Measurements” sheet.")
        return tables
    table = read_table(data, filename=filename, limits=limits)
    headers = {normalise_header(h) for h in table.headers}
    return {MEASUREMENTS if {"metric", "period"} <= headers else CONTRACTS: table}


def transfer_plan(
    *, workspace: Workspace, data: bytes, filename: str, limits: Limits
) -> TransferPlan:
    """Check a whole file within `limits`; return the plan, or raise ImportInvalid listing
    every problem (sheet, row and column named), or TableError when the file is not a table
    at all."""
    tables = _read(data, filename, limits)
    plan = TransferPlan()
    if CONTRACTS in tables:
        _plan_contracts(workspace, tables[CONTRACTS], plan)
    if MEASUREMENTS in tables:
        _plan_measurements(workspace, tables[MEASUREMENTS], plan)
    plan.raise_if_invalid()
    return plan


def _parse_month(text: str) -> date | None:
    """A month as YYYY-MM (a full date names its month)."""
    cleaned = parse_text(text)
    if not cleaned:
        return None
    if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", cleaned):
        try:
            return date.fromisoformat(cleaned[:7] + "-01")
        except ValueError:
            pass
    raise CellError(f"{quoted(cleaned)} is not a month (use YYYY-MM)")


YES_NO = {
    **dict.fromkeys(("yes", "y", "true", "1"), "yes"),
    **dict.fromkeys(("no", "n", "false", "0"), "no"),
}


def _lookup(table: dict, what: str):
    """A parser reading a name (any case) as one of `table`'s objects."""

    def parse(text: str):
        text = parse_text(text)
        if text and text.lower() not in table:
            raise CellError(f"{quoted(text)} is not {what}")
        return table.get(text.lower()) if text else None

    return parse


def _choice(values, what: str):
    return lambda t: parse_choice(t, {normalise_header(v): v for v in values}, what)


def _contract_lookups(workspace: Workspace) -> dict:
    """The parsers of the columns that name things: vendors, functions, members."""
    vendors = {}
    for vendor in Vendor.objects.only("pk", "legal_name", "display_name"):
        vendors.setdefault(vendor.legal_name.lower(), vendor)
        if vendor.display_name:
            vendors.setdefault(vendor.display_name.lower(), vendor)
    functions = {f.name.lower(): f for f in BusinessFunction.objects.filter(workspace=workspace)}
    members = {
        m.user.email.lower(): m.user
        for m in Membership.objects.filter(workspace=workspace).select_related("user")
    }
    function = _lookup(functions, "a function of this workspace")
    return {
        "vendor": _lookup(vendors, "a vendor in the catalog"),
        "functions": lambda t: [
            function(name) for name in (n.strip() for n in parse_text(t).split(";")) if name
        ],
        "owner_email": _lookup(members, "a member of this workspace"),
    }


def contract_schema(workspace: Workspace) -> Schema:
    """The Contracts sheet's columns and their cell rules (the workspace's names as now)."""
    parsers = {
        "reference": lambda t: parse_text(t, max_length=60),
        "title": lambda t: parse_text(t, max_length=200),
        "option": _choice([o for o, _ in OUTSOURCED_OPTIONS], "a sourcing option"),
        "delivery_country": lambda t: parse_text(t, max_length=2).upper(),
        "pricing_model": _choice(PricingModel.values, "a pricing model"),
        "currency": lambda t: parse_text(t, max_length=3).upper(),
        "annual_value": parse_decimal,
        "total_value": lambda t: parse_decimal(t, max_digits=16),
        "start_date": parse_date,
        "end_date": parse_date,
        "notice_period_days": parse_count,
        "auto_renew": lambda t: parse_choice(t, YES_NO, "yes or no") == "yes",
        "renewal_term_months": parse_count,
        "status": _choice(["draft", "active"], "draft or active"),
        "at_risk_percent": lambda t: parse_decimal(t, max_digits=5),
        "notes": parse_text,
        **_contract_lookups(workspace),
    }
    columns = (
        Column(
            c,
            parsers[c],
            required=c in CONTRACT_REQUIRED,
            empty=False if c == "auto_renew" else None,  # a blank auto_renew means no
        )
        for c in CONTRACT_COLUMNS
    )
    return Schema(tuple(columns), sheet=CONTRACTS)


MEASUREMENT_SCHEMA = Schema(
    (
        Column("reference", parse_text, required=True),
        Column("metric", parse_text, required=True),
        Column("period", _parse_month, required=True),
        Column("value", lambda t: parse_decimal(t, places=3), required=True),
    ),
    sheet=MEASUREMENTS,
)


def _contract_problems(workspace, values: dict, number: int) -> list[Problem]:
    """The domain's rules for one parsed contract row (codes, then the term's rules)."""
    problems = []
    if values.get("delivery_country") and values["delivery_country"] not in COUNTRY_CODES:
        problems.append(
            Problem(
                f"{quoted(values['delivery_country'])} is not an ISO country code (e.g. IN, PL)",
                number,
                "delivery_country",
                CONTRACTS,
            )
        )
    if values.get("currency") and not is_currency_code(values["currency"]):
        problems.append(
            Problem(
                f"{quoted(values['currency'])} is not an ISO 4217 code",
                number,
                "currency",
                CONTRACTS,
            )
        )
    if not problems:
        draft = Contract(workspace=workspace, **_contract_fields(values))
        problems += [
            Problem(m, number, c, CONTRACTS) for c, m in contract_term_errors(draft).items()
        ]
    return problems


def _contract_fields(values: dict) -> dict:
    """The row's values as contract_save's keyword arguments (functions aside)."""
    fields = {k: v for k, v in values.items() if k not in ("functions", "owner_email")}
    if "owner_email" in values:
        fields["owner"] = values["owner_email"]
    if fields.get("at_risk_percent") is None:
        fields.pop("at_risk_percent", None)
    fields["notes"] = fields.get("notes") or ""
    fields["reference"] = fields.get("reference") or ""
    fields["status"] = fields.get("status") or "active"
    return fields


def _plan_contracts(workspace: Workspace, table: Table, plan: TransferPlan) -> None:
    rows, problems = contract_schema(workspace).parse(table)
    plan.problems += problems
    existing = {c.reference.lower(): c for c in Contract.objects.filter(workspace=workspace)}
    first_row_of: dict[str, int] = {}
    for row in rows or []:
        values = row.values
        if not row.problems:
            plan.problems += _contract_problems(workspace, values, row.number)
        reference = (values.get("reference") or "").lower()
        if reference in first_row_of:
            plan.problems.append(
                Problem(
                    f"appears again (first in row {first_row_of[reference]})",
                    row.number,
                    "reference",
                    CONTRACTS,
                )
            )
        first_row_of.setdefault(reference, row.number)
        current = existing.get(reference)
        if current is not None:
            values.pop("status", None)  # an existing contract's status moves by its actions
        plan.contracts.append(
            PlannedContract(row.number, values, values.get("functions") or [], current)
        )


def _plan_measurements(workspace: Workspace, table: Table, plan: TransferPlan) -> None:
    rows, problems = MEASUREMENT_SCHEMA.parse(table)
    plan.problems += problems
    slas = {
        (s.contract.reference.lower(), s.metric.lower()): s
        for s in ServiceLevel.objects.filter(contract__workspace=workspace).select_related(
            "contract"
        )
    }
    recorded = {
        (sla_id, period): value
        for sla_id, period, value in Measurement.objects.filter(
            sla__contract__workspace=workspace
        ).values_list("sla_id", "period_start", "value")
    }
    first_row_of: dict[tuple, int] = {}
    for row in rows or []:
        if row.problems:
            continue
        planned = _planned_measurement(row, slas, first_row_of, plan)
        if planned is not None:
            planned.replaces = recorded.get((planned.sla_id, planned.period_start))
            plan.measurements.append(planned)


def _planned_measurement(
    row: ParsedRow, slas: dict, first_row_of: dict, plan: TransferPlan
) -> PlannedMeasurement | None:
    """One measurement row checked against its SLA and the rows before it."""
    values, number = row.values, row.number

    def problem(message: str, column: str) -> None:
        plan.problems.append(Problem(message, number, column, MEASUREMENTS))

    sla = slas.get((values["reference"].lower(), values["metric"].lower()))
    if sla is None:
        problem(
            f"no SLA {quoted(values['metric'])} on a contract with reference "
            f"{quoted(values['reference'])}",
            "metric",
        )
        return None
    key = (sla.pk, values["period"])
    why = period_bounds_error(sla.contract, sla, values["period"])
    if why:
        problem(why, "period")
    elif key in first_row_of:
        problem(f"duplicate of row {first_row_of[key]} (same SLA and period)", "period")
    why = measurement_value_error(sla, values["value"])
    if why:
        problem(why, "value")
    first_row_of.setdefault(key, number)
    return PlannedMeasurement(number, sla.pk, values["period"], values["value"], None)


@transaction.atomic
def transfer_apply(*, workspace: Workspace, plan: TransferPlan, by: User | None) -> str:
    """Write a checked plan, all or nothing. The services check each contract again (the
    database may have changed since the preview); any refusal raises ImportInvalid and
    rolls everything back."""
    problems = []
    for row in plan.contracts:
        contract = row.existing or Contract(workspace=workspace)
        try:
            contract_save(
                contract=contract, by=by, functions=row.functions, **_contract_fields(row.values)
            )
        except ValidationError as exc:
            problems += [
                Problem(" ".join(messages), row.number, column, CONTRACTS)
                for column, messages in exc.message_dict.items()
            ]
    if problems:
        transaction.set_rollback(True)
        raise ImportInvalid(problems)
    for row in plan.measurements:
        Measurement.objects.update_or_create(
            sla_id=row.sla_id, period_start=row.period_start, defaults={"value": row.value}
        )
    return "Imported: " + plan.summary.replace(" to add", " added").replace(
        " to update", " updated"
    )


def _contract_rows(workspace: Workspace):
    contracts = (
        Contract.objects.filter(workspace=workspace)
        .select_related("vendor", "owner")
        .prefetch_related("functions")
        .order_by("reference", "pk")
    )
    for c in contracts:
        yield [
            c.reference, c.title, c.vendor.legal_name, "; ".join(f.name for f in c.functions.all()),
            c.option, c.delivery_country.code, c.pricing_model, c.currency, c.annual_value,
            c.total_value, c.start_date.isoformat(), c.end_date.isoformat(), c.notice_period_days,
            "yes" if c.auto_renew else "no", c.renewal_term_months, c.status,
            c.owner.email if c.owner else "", c.at_risk_percent, c.notes,
        ]  # fmt: skip


def _measurement_rows(workspace: Workspace):
    measurements = (
        Measurement.objects.filter(sla__contract__workspace=workspace)
        .select_related("sla__contract")
        .order_by("sla__contract__reference", "sla__metric", "period_start")
    )
    for m in measurements.iterator(chunk_size=5000):
        yield [m.sla.contract.reference, m.sla.metric, m.period_start.strftime("%Y-%m"), m.value]


def transfer_export(*, workspace: Workspace, file_format: str, what: str = CONTRACTS) -> bytes:
    """The workspace's contracts and measurements: both sheets in XLSX, one `what` in CSV.
    What it writes, `transfer_plan` reads back unchanged."""
    if file_format == "xlsx":
        return write_xlsx(
            {
                CONTRACTS: (CONTRACT_COLUMNS, _contract_rows(workspace)),
                MEASUREMENTS: (MEASUREMENT_COLUMNS, _measurement_rows(workspace)),
            }
        )
    if what == MEASUREMENTS:
        return write_csv(MEASUREMENT_COLUMNS, _measurement_rows(workspace))
    return write_csv(CONTRACT_COLUMNS, _contract_rows(workspace))
