"""Contracts and measurements in and out of CSV and XLSX: a checked plan, then applied all
or nothing (like the function inventory).

Built on the import pipeline's bounded reader and cell parser (outsourcing.imports),
behind a small pair, `transfer_plan` and `transfer_apply`, so it moves to
the rebuilt import pipeline by swapping what those two call.

An XLSX workbook may hold a "Contracts" and a "Measurements" sheet; a CSV holds one of the
two, told apart by its columns. Contracts are matched by reference (an existing one is
updated, its status left to the contract's actions); measurements name their contract's
reference, the SLA's metric and the month, and replace what that month had.
"""

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
    parse_decimal,
    parse_text,
)
from outsourcing.imports.limits import Limits, TableError
from outsourcing.imports.plan import ImportInvalid, Problem
from outsourcing.imports.reader import Table, read_table, read_workbook
from outsourcing.imports.writer import write_csv, write_xlsx
from outsourcing.models import BusinessFunction, Membership, User, Workspace
from vendors.models import Vendor

from .models import OUTSOURCED_OPTIONS, Contract, Measurement, PricingModel
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


class TransferInvalid(ImportInvalid):
    """The file's problems, every one with its row and column (as for the inventory)."""


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
class TransferPlan:
    contracts: list[PlannedContract] = field(default_factory=list)
    measurements: list[PlannedMeasurement] = field(default_factory=list)

    @property
    def summary(self) -> str:
        new = sum(1 for c in self.contracts if c.existing is None)
        changed = sum(1 for m in self.measurements if m.replaces is not None)
        return (
            f"{new:,} contract(s) to add, {len(self.contracts) - new:,} to update; "
            f"{len(self.measurements):,} measurement(s), {changed:,} of them replacing a value."
        )


def _read(data: bytes, filename: str, max_bytes: int, max_rows: int) -> dict[str, Table]:
    limits = Limits.from_settings(max_bytes=max_bytes, max_rows=max_rows)
    if filename.lower().endswith(".xlsx") or data.startswith(b"PK\x03\x04"):
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


def _columns(table: Table, sheet: str, allowed, required) -> tuple[list[str], list[Problem]]:
    columns = [normalise_header(h) for h in table.headers]
    problems = [
        Problem(f"{sheet}: unknown column “{raw}”; the columns are: {', '.join(allowed)}")
        for raw, column in zip(table.headers, columns, strict=True)
        if column not in allowed
    ]
    problems += [
        Problem(f"{sheet}: column “{c}” appears twice")
        for c in set(columns)
        if columns.count(c) > 1
    ]
    problems += [Problem(f"{sheet}: missing column “{c}”") for c in required if c not in columns]
    return columns, problems


def transfer_plan(
    *, workspace: Workspace, data: bytes, filename: str, max_bytes: int, max_rows: int
) -> TransferPlan:
    """Check a whole file; return the plan, or raise TransferInvalid listing every problem
    (row and column named), or TableError when the file is not a table at all."""
    tables = _read(data, filename, max_bytes, max_rows)
    plan, problems = TransferPlan(), []
    if CONTRACTS in tables:
        problems += _plan_contracts(workspace, tables[CONTRACTS], plan)
    if MEASUREMENTS in tables:
        problems += _plan_measurements(workspace, tables[MEASUREMENTS], plan)
    if problems:
        raise TransferInvalid(problems)
    return plan


def _parse_date(text: str) -> date | None:
    text = parse_text(text)
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise CellError(f"“{text}” is not a date (YYYY-MM-DD)") from None


def _parse_month(text: str) -> date | None:
    text = parse_text(text)
    try:
        return date.fromisoformat(text[:7] + "-01") if text else None
    except ValueError:
        raise CellError(f"“{text}” is not a month (YYYY-MM)") from None


YES_NO = {
    **dict.fromkeys(("yes", "y", "true", "1"), "yes"),
    **dict.fromkeys(("no", "n", "false", "0"), "no"),
}


def _contract_parsers(workspace: Workspace) -> dict:
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

    def lookup(table: dict, what: str):
        def parse(text: str):
            text = parse_text(text)
            if text and text.lower() not in table:
                raise CellError(f"“{text}” is not {what}")
            return table.get(text.lower()) if text else None

        return parse

    def function_list(text: str) -> list:
        names = [n.strip() for n in parse_text(text).split(";") if n.strip()]
        return [lookup(functions, "a function of this workspace")(name) for name in names]

    def choice(values, what):
        return lambda t: parse_choice(t, {normalise_header(v): v for v in values}, what)

    return {
        "reference": lambda t: parse_text(t, max_length=60),
        "title": lambda t: parse_text(t, max_length=200),
        "vendor": lookup(vendors, "a vendor in the catalog"),
        "functions": function_list,
        "option": choice([o for o, _ in OUTSOURCED_OPTIONS], "a sourcing option"),
        "delivery_country": lambda t: parse_text(t, max_length=2).upper(),
        "pricing_model": choice(PricingModel.values, "a pricing model"),
        "currency": lambda t: parse_text(t, max_length=3).upper(),
        "annual_value": parse_decimal,
        "total_value": lambda t: parse_decimal(t, max_digits=16),
        "start_date": _parse_date,
        "end_date": _parse_date,
        "notice_period_days": parse_count,
        "auto_renew": lambda t: parse_choice(t, YES_NO, "yes or no") == "yes",
        "renewal_term_months": parse_count,
        "status": choice(["draft", "active"], "draft or active"),
        "owner_email": lookup(members, "a member of this workspace"),
        "at_risk_percent": lambda t: parse_decimal(t, max_digits=5),
        "notes": parse_text,
    }


def _row_cells(columns, cells, number, parsers, problems) -> dict:
    values = {}
    for column, text in zip(columns, cells, strict=False):
        try:
            values[column] = parsers[column](text)
        except CellError as exc:
            problems.append(Problem(str(exc), number, column))
    return values


def _contract_problems(workspace, values: dict, number: int) -> list[Problem]:
    problems = [
        Problem("is empty", number, column)
        for column in CONTRACT_REQUIRED
        if column in values and values[column] in (None, "", [])
    ]
    if values.get("delivery_country") and values["delivery_country"] not in COUNTRY_CODES:
        problems.append(
            Problem(
                f"“{values['delivery_country']}” is not an ISO country code (e.g. IN, PL)",
                number,
                "delivery_country",
            )
        )
    if values.get("currency") and not is_currency_code(values["currency"]):
        problems.append(
            Problem(f"“{values['currency']}” is not an ISO 4217 code", number, "currency")
        )
    if not problems:
        draft = Contract(workspace=workspace, **_contract_fields(values))
        problems += [Problem(m, number, c) for c, m in contract_term_errors(draft).items()]
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


def _plan_contracts(workspace: Workspace, table: Table, plan: TransferPlan) -> list[Problem]:
    columns, problems = _columns(table, CONTRACTS, CONTRACT_COLUMNS, CONTRACT_REQUIRED)
    if problems:
        return problems
    parsers = _contract_parsers(workspace)
    existing = {c.reference.lower(): c for c in Contract.objects.filter(workspace=workspace)}
    first_row_of = {}
    for index, cells in enumerate(table.rows):
        number = table.row_number(index)
        row_problems = []
        values = _row_cells(columns, cells, number, parsers, row_problems)
        row_problems += [] if row_problems else _contract_problems(workspace, values, number)
        reference = (values.get("reference") or "").lower()
        if reference in first_row_of:
            row_problems.append(
                Problem(
                    f"appears again (first in row {first_row_of[reference]})", number, "reference"
                )
            )
        first_row_of.setdefault(reference, number)
        problems += row_problems
        current = existing.get(reference)
        if current is not None:
            values.pop("status", None)  # an existing contract's status moves by its actions
        plan.contracts.append(
            PlannedContract(number, values, values.get("functions") or [], current)
        )
    return problems


def _slas_by_key(workspace: Workspace) -> dict:
    from .models import ServiceLevel

    slas = ServiceLevel.objects.filter(contract__workspace=workspace).select_related("contract")
    return {(s.contract.reference.lower(), s.metric.lower()): s for s in slas}


def _plan_measurements(workspace: Workspace, table: Table, plan: TransferPlan) -> list[Problem]:
    columns, problems = _columns(table, MEASUREMENTS, MEASUREMENT_COLUMNS, MEASUREMENT_COLUMNS)
    if problems:
        return problems
    slas = _slas_by_key(workspace)
    recorded = {
        (sla_id, period): value
        for sla_id, period, value in Measurement.objects.filter(
            sla__contract__workspace=workspace
        ).values_list("sla_id", "period_start", "value")
    }
    parsers = {
        "reference": parse_text,
        "metric": parse_text,
        "period": _parse_month,
        "value": lambda t: parse_decimal(t, places=3),
    }
    first_row_of = {}
    for index, cells in enumerate(table.rows):
        number = table.row_number(index)
        row_problems = []
        values = _row_cells(columns, cells, number, parsers, row_problems)
        row_problems += [
            Problem("is empty", number, c)
            for c in MEASUREMENT_COLUMNS
            if values.get(c) in (None, "")
        ]
        if row_problems:
            problems += row_problems
            continue
        sla = slas.get((values["reference"].lower(), values["metric"].lower()))
        if sla is None:
            problems.append(
                Problem(
                    f"no SLA “{values['metric']}” on a contract with reference "
                    f"“{values['reference']}”",
                    number,
                    "metric",
                )
            )
            continue
        key = (sla.pk, values["period"])
        why = period_bounds_error(sla.contract, sla, values["period"])
        if why:
            problems.append(Problem(why, number, "period"))
        elif key in first_row_of:
            problems.append(
                Problem(
                    f"duplicate of row {first_row_of[key]} (same SLA and period)", number, "period"
                )
            )
        why = measurement_value_error(sla, values["value"])
        if why:
            problems.append(Problem(why, number, "value"))
        first_row_of.setdefault(key, number)
        plan.measurements.append(
            PlannedMeasurement(number, sla.pk, values["period"], values["value"], recorded.get(key))
        )
    return problems


@transaction.atomic
def transfer_apply(*, workspace: Workspace, plan: TransferPlan, by: User | None) -> str:
    """Write a checked plan, all or nothing. The services check each contract again (the
    database may have changed since the preview); any refusal raises TransferInvalid and
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
                Problem(" ".join(messages), row.number, column)
                for column, messages in exc.message_dict.items()
            ]
    if problems:
        transaction.set_rollback(True)
        raise TransferInvalid(problems)
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
