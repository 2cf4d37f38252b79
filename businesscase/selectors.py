"""Reads for business cases, always scoped to a workspace: the inputs of the numpy
calculation (functions, assumptions, converted rate cards) in a fixed number of queries,
whatever the number of functions or vendors."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import numpy as np
from django.db.models import Q, QuerySet

from businesscase import calculation
from businesscase.models import BusinessCaseDefaults, FunctionAssumptions
from businesscase.presentation import flip_rows, number_words, shore_sentence, tornado_chart
from outsourcing.currencies import (
    ExchangeRate,
    NotConvertible,
    convertible_currencies,
    exchange_rate,
)
from outsourcing.models import BusinessFunction, Workspace
from vendors.geography import Shore, shore_of
from vendors.models import RateCard, VendorStatus
from vendors.pricing import NEEDS, UNIT_INDEX

SHORES = [Shore(value) for value in calculation.SHORES]

# The function columns the calculation reads, with the assumption overrides joined in.
FUNCTION_FIELDS = (
    "pk",
    "annual_cost",
    "fte",
    "monthly_volume",
    "service_line_id",
    "business_case_assumptions__transition_cost",
    "business_case_assumptions__exit_cost",
    "business_case_assumptions__governance_pct",
    "business_case_assumptions__discount_rate_pct",
    "business_case_assumptions__term_years",
)


def business_case_defaults(*, workspace: Workspace) -> BusinessCaseDefaults:
    """The workspace's defaults, or the product's (unsaved) when an owner never set any."""
    defaults = BusinessCaseDefaults.objects.filter(workspace=workspace).first()
    return defaults or BusinessCaseDefaults(workspace=workspace)


def function_assumptions(*, function: BusinessFunction) -> FunctionAssumptions:
    """The function's own assumptions, or blank ones (every figure the workspace default)."""
    own = FunctionAssumptions.objects.filter(function=function).select_related("updated_by")
    return own.first() or FunctionAssumptions(function=function)


def function_assumptions_history(*, function: BusinessFunction, limit: int = 10) -> list:
    """Who changed the function's assumptions and when, newest first."""
    return list(
        FunctionAssumptions.history.filter(function_id=function.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )


@dataclass
class Rates:
    """The converted rate cards behind a calculation, and what could not be converted."""

    table: calculation.RateTable
    exchanges: list[ExchangeRate] = field(default_factory=list)
    unconvertible: dict[str, int] = field(default_factory=dict)  # currency → cards
    units: dict[int, set[str]] = field(default_factory=dict)  # service line → units seen


def converted_rates(*, workspace: Workspace, line_ids: set[int], today: date) -> Rates:
    """Current rate cards of non-suspended vendors for these service lines, in the
    workspace currency, with their shore relative to the workspace (one query)."""
    cards = (
        RateCard.objects.filter(service_line_id__in=line_ids, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .exclude(vendor__status=VendorStatus.SUSPENDED)
        .values_list("vendor_id", "service_line_id", "delivery_country", "currency", "unit", "rate")
    )
    columns: dict[str, list] = {"line": [], "group": [], "shore": [], "unit": [], "rate": []}
    groups: dict[tuple[int, int], int] = {}
    rates = Rates(calculation.RateTable(*(np.array([]) for _ in range(5))))
    exchanges: dict[str, ExchangeRate] = {}
    for vendor_id, line_id, country, currency, unit, rate in cards:
        rates.units.setdefault(line_id, set()).add(unit)
        try:
            exchange = exchanges.get(currency) or exchange_rate(currency, workspace.currency)
        except NotConvertible:
            rates.unconvertible[currency] = rates.unconvertible.get(currency, 0) + 1
            continue
        exchanges[currency] = exchange
        shore = calculation.SHORES.index(shore_of(str(country), str(workspace.country)).value)
        columns["line"].append(line_id)
        columns["group"].append(groups.setdefault((vendor_id, shore), len(groups)))
        columns["shore"].append(shore)
        columns["unit"].append(UNIT_INDEX[unit])
        columns["rate"].append(float(exchange.rate * rate))
    rates.table = calculation.RateTable(
        line=np.array(columns["line"], dtype=int),
        group=np.array(columns["group"], dtype=int),
        shore=np.array(columns["shore"], dtype=int),
        unit=np.array(columns["unit"], dtype=int),
        rate=np.array(columns["rate"], dtype=float),
    )
    rates.exchanges = sorted((e for e in exchanges.values() if e.rate_date), key=lambda e: e.source)
    return rates


def _number(values, default=None) -> np.ndarray:
    """A float column, None → default (NaN when there is none)."""
    fill = np.nan if default is None else float(default)
    return np.array([fill if v is None else float(v) for v in values], dtype=float)


@dataclass
class PortfolioInputs:
    rows: list[dict]
    defaults: BusinessCaseDefaults
    rates: Rates
    result: calculation.Portfolio


def portfolio_cases(
    *,
    workspace: Workspace,
    functions: QuerySet[BusinessFunction],
    today: date | None = None,
    extra_fields: tuple[str, ...] = (),
) -> PortfolioInputs:
    """The business cases of `functions` (of `workspace`) × 3 shores, in one numpy pass;
    `extra_fields` are read into the rows alongside."""
    rows = list(functions.filter(workspace=workspace).values(*FUNCTION_FIELDS, *extra_fields))
    defaults = business_case_defaults(workspace=workspace)
    line_ids = {row["service_line_id"] for row in rows if row["service_line_id"]}
    rates = converted_rates(workspace=workspace, line_ids=line_ids, today=today or date.today())

    def column(name, default=None):
        return _number([row[name] for row in rows], default)

    prefix = "business_case_assumptions__"
    result = calculation.portfolio(
        annual_cost=column("annual_cost"),
        fte=column("fte"),
        monthly_volume=column("monthly_volume"),
        line=np.array([row["service_line_id"] or -1 for row in rows], dtype=int),
        loaded_cost_per_fte=np.full(len(rows), float(defaults.loaded_cost_per_fte or np.nan)),
        hours_per_fte_year=float(defaults.hours_per_fte_year),
        transition=column(prefix + "transition_cost", 0),
        governance=column(prefix + "governance_pct", defaults.governance_pct) / 100,
        exit_cost=column(prefix + "exit_cost", 0),
        term_years=column(prefix + "term_years", defaults.term_years),
        discount_rate=column(prefix + "discount_rate_pct", defaults.discount_rate_pct) / 100,
        rates=rates.table,
    )
    return PortfolioInputs(rows, defaults, rates, result)


def missing_data(*, function: BusinessFunction, inputs: PortfolioInputs, row: int = 0) -> list[str]:
    """What keeps `function` from being costed, each said once (empty when it can be)."""
    missing = []
    if np.isnan(inputs.result.in_house[row]):
        if function.fte and not inputs.defaults.loaded_cost_per_fte:
            missing.append(
                "an annual in-house cost, or a loaded cost per FTE in the workspace's "
                "business-case settings (the function has FTE but no cost)"
            )
        else:
            missing.append("an annual in-house cost, or its FTE")
    if not function.service_line_id:
        missing.append("a service line, to find the rate cards that price it")
    elif not np.isfinite(inputs.result.costs.median[row]).any():
        units = inputs.rates.units.get(function.service_line_id, set())
        needs = sorted({NEEDS[u] for u in units if not _has(function, NEEDS[u])})
        if needs:
            missing.append(
                f"its {' and '.join(needs)}: the {function.service_line.name} rate cards "
                "price it by " + ", ".join(sorted(u.replace("_", "-") for u in units))
            )
        elif not units:
            missing.append(
                f"a vendor (not suspended) with a current rate card for "
                f"{function.service_line.name}: the catalog has none"
            )
        elif function.workspace.currency not in convertible_currencies():
            missing.append(
                f"rate cards in {function.workspace.currency}: the ECB publishes no reference "
                "rate for the workspace currency, so other currencies cannot be converted"
            )
        else:
            missing.append(
                f"a rate card for {function.service_line.name} in a currency the ECB quotes"
            )
    return missing


def _has(function: BusinessFunction, need: str) -> bool:
    return bool(function.fte if need == "FTE" else function.monthly_volume)


def projected_savings_summary(*, workspace: Workspace) -> dict:
    """The dashboard's projected savings, computed now for every active function: the
    total a year if everything went to each shore, and per department × recommendation at
    each function's best shore (a fixed number of queries, one numpy pass)."""
    functions = BusinessFunction.objects.filter(is_archived=False)
    inputs = portfolio_cases(
        workspace=workspace,
        functions=functions,
        extra_fields=("department__name", "latest_assessment__recommendation"),
    )
    result = inputs.result
    saving = result.median.annual_saving
    best = result.at_best_shore(saving)
    by_department: dict[tuple, float] = {}
    for row, value in zip(inputs.rows, best, strict=True):
        if np.isfinite(value):
            key = (row["department__name"], row["latest_assessment__recommendation"])
            by_department[key] = by_department.get(key, 0.0) + float(value)
    return {
        "shores": [
            (shore, float(np.nansum(saving[:, index]))) for index, shore in enumerate(SHORES)
        ],
        "costed": int(np.isfinite(best).sum()),
        "functions": len(inputs.rows),
        "by_department": [
            {
                "function__department__name": department,
                "function__latest_assessment__recommendation": option,
                "saving": value,
            }
            for (department, option), value in sorted(
                by_department.items(), key=lambda item: (item[0][0] or "", item[0][1] or "")
            )
        ],
    }


@dataclass(frozen=True)
class ShoreCase:
    """One column of the business-case page: a delivery shore at the median vendor price
    (and, for comparison, at the best)."""

    shore: Shore
    vendors: int
    outsourced: float  # median vendor price a year
    outsourced_best: float
    governance_cost: float
    annual_saving: float
    saving_pct: float
    npv: float
    best_npv: float
    payback_months: float
    pays_back: bool
    break_even_governance: float
    sentence: str

    @property
    def costed(self) -> bool:
        return self.vendors > 0


@dataclass
class FunctionBusinessCase:
    function: BusinessFunction
    defaults: BusinessCaseDefaults
    assumptions: FunctionAssumptions
    in_house: float | None
    missing: list[str]
    shores: list[ShoreCase]
    exchanges: list[ExchangeRate]
    unconvertible: dict[str, int]
    term_years: int
    discount_rate_pct: Decimal
    governance_pct: Decimal
    sensitivity_shore: ShoreCase | None = None
    sensitivity: calculation.Sensitivity | None = None
    tornado_chart: dict | None = None
    flips: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def any_costed(self) -> bool:
        return any(shore.sentence for shore in self.shores)

    @property
    def effective(self) -> list[tuple[str, str]]:
        """The assumptions in force, as a person reads them."""
        return [
            ("Transition cost (one-off)", self.assumptions.transition_cost),
            ("Exit cost (end of term)", self.assumptions.exit_cost),
            ("Retained governance", f"{number_words(self.governance_pct)} % of the contract value"),
            ("Discount rate", f"{number_words(self.discount_rate_pct)} %"),
            ("Contract term", f"{self.term_years} years"),
        ]


def function_business_case(
    *, workspace: Workspace, function: BusinessFunction, shore: str | None = None
) -> FunctionBusinessCase:
    """The business case of one function of `workspace` per shore, with the sensitivity of
    `shore` (by default the shore with the highest NPV). Queries do not grow with vendors."""
    inputs = portfolio_cases(
        workspace=workspace, functions=BusinessFunction.objects.filter(pk=function.pk)
    )
    assumptions = function_assumptions(function=function)
    defaults = inputs.defaults
    governance = _first_set(assumptions.governance_pct, defaults.governance_pct)
    discount = _first_set(assumptions.discount_rate_pct, defaults.discount_rate_pct)
    term = assumptions.term_years or defaults.term_years
    result = inputs.result
    in_house = float(result.in_house[0])
    case = FunctionBusinessCase(
        function=function,
        defaults=defaults,
        assumptions=assumptions,
        in_house=None if np.isnan(in_house) else in_house,
        missing=missing_data(function=function, inputs=inputs),
        shores=[],
        exchanges=inputs.rates.exchanges,
        # Cards left out one currency at a time, unless the workspace's own currency is
        # the reason, which the missing-data box says once.
        unconvertible=(
            inputs.rates.unconvertible if workspace.currency in convertible_currencies() else {}
        ),
        term_years=term,
        discount_rate_pct=discount,
        governance_pct=governance,
    )
    case.shores = _shore_cases(result, case, workspace.currency)
    costed = [s for s in case.shores if s.sentence]
    if costed:
        chosen = next((s for s in costed if s.shore == shore), None)
        _add_sensitivity(case, chosen or max(costed, key=lambda s: s.npv), workspace.currency)
    return case


def _shore_cases(
    result: calculation.Portfolio, case: FunctionBusinessCase, currency: str
) -> list[ShoreCase]:
    """Row 0 of `result` as one ShoreCase per shore, with its sentence when it is costed."""
    median, best, costs = result.median, result.best, result.costs
    shores = []
    for index, each in enumerate(SHORES):
        values = {
            "shore": each,
            "vendors": int(costs.vendors[0, index]),
            "outsourced": float(costs.median[0, index]),
            "outsourced_best": float(costs.best[0, index]),
            "governance_cost": float(median.governance_cost[0, index]),
            "annual_saving": float(median.annual_saving[0, index]),
            "saving_pct": float(median.saving_pct[0, index]),
            "npv": float(median.npv[0, index]),
            "best_npv": float(best.npv[0, index]),
            "payback_months": float(median.payback_months[0, index]),
            "pays_back": bool(median.pays_back[0, index]),
            "break_even_governance": float(median.break_even_governance[0, index]),
        }
        costed = values["vendors"] > 0 and case.in_house is not None
        values["sentence"] = (
            shore_sentence(values, currency, case.term_years, case.discount_rate_pct)
            if costed
            else ""
        )
        shores.append(ShoreCase(**values))
    return shores


def _add_sensitivity(case: FunctionBusinessCase, chosen: ShoreCase, currency: str) -> None:
    case.sensitivity_shore = chosen
    case.sensitivity = calculation.sensitivity(
        in_house=case.in_house,
        outsourced=chosen.outsourced,
        transition=float(case.assumptions.transition_cost),
        governance=float(case.governance_pct) / 100,
        exit_cost=float(case.assumptions.exit_cost),
        term_years=float(case.term_years),
        discount_rate=float(case.discount_rate_pct) / 100,
    )
    case.tornado_chart = tornado_chart(case.sensitivity, chosen, currency)
    case.flips = flip_rows(case.sensitivity, currency)


def _first_set(*values):
    return next(value for value in values if value is not None)
