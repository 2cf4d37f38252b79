"""What every section of a portfolio report reads: the functions in scope, one query.

`report_scope` reads every active function of the workspace (or of some departments) with
its latest result in one query; the sections (sections.py, hooks.py) build their figures
from those rows in Python. Money is kept as decimal strings, so a snapshot compares exactly
with a recomputation.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd
from django.db.models import F

from assessments import scoring
from assessments.models import FACTOR_FIELDS, Recommendation
from assessments.selectors import workspace_weights
from outsourcing.models import BusinessFunction, Department, Workspace
from vendors.models import Certification, VendorStatus

#: ±20 % on every weight, 1,000 draws, as on the function page, but one shared set of draws
#: (seed 0) so every function faces the same scenarios; a call "holds" when it keeps its
#: recommendation in at least 95 % of them (docs/domain.md, *Portfolio view*).
ROBUSTNESS_SPREAD = 0.2
ROBUSTNESS_DRAWS = 1000
SURVIVES_SHARE = 0.95
FRAGILE_SHARE = 0.80
BUBBLE_LIMIT = 400  # the largest functions by cost; more bubbles make an unreadable page
LIST_LIMIT = 10
SENSITIVE_DATA = 4  # data sensitivity 4–5 (docs/domain.md, *Portfolio view*, risk flags)

# The options and "no clear call" (docs/domain.md): what a recommendation can be.
OPTION_LABELS = {option.value: option.label for option in Recommendation}
NO_DEPARTMENT = "No department"

FUNCTION_COLUMNS = [
    ("name", "Function"),
    ("department", "Department"),
    ("current_sourcing", "Sourced today"),
    ("service_line", "Service line"),
    ("annual_cost", "Annual cost"),
    ("fte", "FTE"),
    ("recommendation", "Recommendation"),
    ("runner_up", "Runner-up"),
    ("margin", "Margin (points)"),
    ("close_call", "Close call"),
    ("strategic_importance", "Strategic importance"),
    ("data_sensitivity", "Data sensitivity"),
    ("robustness", "Holds under ±20 % weights"),
    ("model_version", "Model version"),
]


@dataclass(frozen=True)
class ReportScope:
    """What every section reads: the workspace, its weights and the functions in scope."""

    workspace: Workspace
    weights: dict[str, float]
    rows: list[dict]
    department_names: list[str]
    today: date


def not_available(reason: str) -> dict:
    """A section whose data does not exist yet: one line, never an empty chart."""
    return {"available": False, "reason": reason}


def report_scope(*, workspace: Workspace, department_ids: list[int], today: date) -> ReportScope:
    """The active functions of the workspace (of some departments), with their latest result."""
    functions = BusinessFunction.objects.filter(workspace=workspace, is_archived=False)
    names: list[str] = []
    if department_ids:
        departments = Department.objects.filter(workspace=workspace, pk__in=department_ids)
        names = sorted(departments.values_list("name", flat=True))
        functions = functions.filter(department__in=departments)
    factor_fields = {name: F(f"latest_assessment__{name}") for name in FACTOR_FIELDS}
    rows = list(
        functions.order_by(F("annual_cost").desc(nulls_last=True), "name", "pk").values(
            "pk",
            "name",
            "annual_cost",
            "fte",
            "current_sourcing",
            "service_line_id",
            department_name=F("department__name"),
            service_line_name=F("service_line__name"),
            recommendation=F("latest_assessment__recommendation"),
            runner_up=F("latest_assessment__runner_up"),
            margin=F("latest_assessment__margin"),
            close_call=F("latest_assessment__close_call"),
            score_bpo=F("latest_assessment__score_bpo"),
            score_kpo=F("latest_assessment__score_kpo"),
            score_ito=F("latest_assessment__score_ito"),
            model_version=F("latest_assessment__model_version"),
            **factor_fields,
        )
    )
    return ReportScope(
        workspace=workspace,
        weights=workspace_weights(workspace=workspace),
        rows=rows,
        department_names=names,
        today=today,
    )


def money_text(value) -> str:
    return format(Decimal(value or 0).quantize(Decimal("0.01")), "f")


def assessed_rows(scope: ReportScope) -> list[dict]:
    return [row for row in scope.rows if row["recommendation"]]


def robustness_shares(scope: ReportScope) -> dict[int, float]:
    """Each assessed function's share of ±20 % weightings that keep its recommendation."""
    assessed = assessed_rows(scope)
    if not assessed:
        return {}
    ratings = pd.DataFrame(
        [[row[f] for f in FACTOR_FIELDS] for row in assessed], columns=list(FACTOR_FIELDS)
    )
    shares = scoring.robustness(
        ratings, scope.weights, spread=ROBUSTNESS_SPREAD, draws=ROBUSTNESS_DRAWS, seed=0
    )
    return {row["pk"]: round(float(share), 3) for row, share in zip(assessed, shares, strict=True)}


def flag(key: str, title: str, items: list[str]) -> dict:
    """A risk flag: how many, and the first few named."""
    return {"key": key, "title": title, "count": len(items), "items": items[:LIST_LIMIT]}


def vendor_standing(vendors, today: date) -> tuple[list[str], list[str]]:
    """Of `vendors`: the suspended ones, and those whose certificate of some kind has lapsed
    with no renewal in force (no later certificate of that kind), by name."""
    by_pk = {vendor.pk: vendor for vendor in vendors}
    suspended = sorted(v.name for v in by_pk.values() if v.status == VendorStatus.SUSPENDED)
    latest: dict[tuple[int, str], date | None] = {}
    for vendor_id, kind, expires_on in Certification.objects.filter(
        vendor__in=by_pk.keys()
    ).values_list("vendor_id", "kind", "expires_on"):
        known = latest.get((vendor_id, kind), date.min)
        latest[(vendor_id, kind)] = (
            None if expires_on is None or known is None else max(known, expires_on)
        )
    lapsed = {
        by_pk[vendor_id].name
        for (vendor_id, _kind), expires_on in latest.items()
        if expires_on is not None and expires_on < today
    }
    return suspended, sorted(lapsed)
