"""The figures of a portfolio report, computed from the workspace as it is now.

`report_figures` reads every function in scope with one query, then builds each section
from those rows in Python (a 10,000-function workspace is a few megabytes). What it returns
is plain JSON: the report stores it as its snapshot, and the PDF, workbook and CSV files are
drawn from that snapshot alone, so a report re-downloaded a year later says what it said.
Money is kept as decimal strings so the snapshot compares exactly with a recomputation.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pandas as pd
from django.db.models import F

from assessments import scoring
from assessments.models import FACTOR_FIELDS, SourcingOption
from assessments.selectors import workspace_weights
from outsourcing.models import BusinessFunction, CurrentSourcing, Department, Workspace
from outsourcing.templatetags.sourcewise import money
from vendors.models import Certification, Vendor, VendorStatus

#: ±20 % on every weight, 1,000 draws: the same test as the function page (docs/domain.md,
#: *Portfolio view*); a call "survives" when it holds in at least 95 % of the draws.
ROBUSTNESS_SPREAD = 0.2
ROBUSTNESS_DRAWS = 1000
SURVIVES_SHARE = 0.95
FRAGILE_SHARE = 0.80
BUBBLE_LIMIT = 400  # the largest functions by cost; more bubbles make an unreadable page
LIST_LIMIT = 10
SENSITIVE_DATA = 4  # data sensitivity 4–5 (docs/domain.md, *Vendors*)

OPTION_LABELS = {option.value: option.label for option in SourcingOption}
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


def _money(value) -> str:
    return format(Decimal(value or 0).quantize(Decimal("0.01")), "f")


def _assessed(scope: ReportScope) -> list[dict]:
    return [row for row in scope.rows if row["recommendation"]]


def _robustness_shares(scope: ReportScope) -> dict[int, float]:
    """Each assessed function's share of ±20 % weightings that keep its recommendation."""
    assessed = _assessed(scope)
    if not assessed:
        return {}
    ratings = pd.DataFrame(
        [[row[f] for f in FACTOR_FIELDS] for row in assessed], columns=list(FACTOR_FIELDS)
    )
    shares = scoring.robustness(
        ratings, scope.weights, spread=ROBUSTNESS_SPREAD, draws=ROBUSTNESS_DRAWS, seed=0
    )
    return {row["pk"]: round(float(share), 3) for row, share in zip(assessed, shares, strict=True)}


def mix_section(scope: ReportScope) -> dict:
    """Count and annual cost by recommended option, and by department and option."""
    by_option = {key: {"count": 0, "cost": Decimal(0)} for key in [*OPTION_LABELS, None]}
    by_department: dict[tuple[str, str | None], dict] = {}
    for row in scope.rows:
        option = row["recommendation"]
        cost = row["annual_cost"] or Decimal(0)
        by_option[option]["count"] += 1
        by_option[option]["cost"] += cost
        cell = by_department.setdefault(
            (row["department_name"] or NO_DEPARTMENT, option), {"count": 0, "cost": Decimal(0)}
        )
        cell["count"] += 1
        cell["cost"] += cost
    return {
        "available": True,
        "by_option": [
            {
                "option": key or "NONE",
                "label": OPTION_LABELS.get(key, "Not assessed"),
                "count": value["count"],
                "cost": _money(value["cost"]),
            }
            for key, value in by_option.items()
        ],
        "by_department": [
            {
                "department": department,
                "option": option or "NONE",
                "label": OPTION_LABELS.get(option, "Not assessed"),
                "count": value["count"],
                "cost": _money(value["cost"]),
            }
            for (department, option), value in sorted(
                by_department.items(), key=lambda item: (item[0][0], item[0][1] or "~")
            )
        ],
    }


def matrix_section(scope: ReportScope) -> dict:
    """Strategic importance against the best outsourcing score, largest functions first."""
    assessed = _assessed(scope)
    points = [
        {
            "pk": row["pk"],
            "name": row["name"],
            "department": row["department_name"] or NO_DEPARTMENT,
            "option": row["recommendation"],
            "strategic": row["strategic_importance"],
            "suitability": round(max(row["score_bpo"], row["score_kpo"], row["score_ito"]), 1),
            "cost": _money(row["annual_cost"]),
        }
        for row in assessed[:BUBBLE_LIMIT]  # rows come largest cost first
    ]
    return {"available": True, "points": points, "assessed": len(assessed)}


def robustness_section(scope: ReportScope, shares: dict[int, float]) -> dict:
    """How many calls hold when every weight moves by up to ±20 %, and the shakiest ones."""
    bands = Counter(
        "holds" if share >= SURVIVES_SHARE else "mostly" if share >= FRAGILE_SHARE else "fragile"
        for share in shares.values()
    )
    by_pk = {row["pk"]: row for row in scope.rows}
    shakiest = sorted(shares.items(), key=lambda item: (item[1], by_pk[item[0]]["name"]))
    return {
        "available": True,
        "spread": ROBUSTNESS_SPREAD,
        "draws": ROBUSTNESS_DRAWS,
        "assessed": len(shares),
        "bands": [
            {"band": "holds", "label": "Holds (95 % of draws or more)", "count": bands["holds"]},
            {"band": "mostly", "label": "Mostly holds (80–95 %)", "count": bands["mostly"]},
            {"band": "fragile", "label": "Fragile (below 80 %)", "count": bands["fragile"]},
        ],
        "shakiest": [
            {
                "name": by_pk[pk]["name"],
                "recommendation": OPTION_LABELS[by_pk[pk]["recommendation"]],
                "runner_up": OPTION_LABELS[by_pk[pk]["runner_up"]],
                "share": share,
            }
            for pk, share in shakiest[:LIST_LIMIT]
            if share < SURVIVES_SHARE
        ],
    }


def _flag(key: str, title: str, items: list[str]) -> dict:
    return {"key": key, "title": title, "count": len(items), "items": items[:LIST_LIMIT]}


def _vendor_flags(scope: ReportScope) -> tuple[list[str], list[str]]:
    """Suspended vendors, and vendors whose certificate of some kind has lapsed with no
    renewal in force, among those offering the service lines of the functions in scope."""
    lines = {row["service_line_id"] for row in scope.rows if row["service_line_id"]}
    if not lines:
        return [], []
    vendors = {
        vendor.pk: vendor
        for vendor in Vendor.objects.filter(offerings__service_line__in=lines).distinct()
    }
    suspended = sorted(v.name for v in vendors.values() if v.status == VendorStatus.SUSPENDED)
    latest: dict[tuple[int, str], date | None] = {}
    for vendor_id, kind, expires_on in Certification.objects.filter(
        vendor__in=vendors.keys()
    ).values_list("vendor_id", "kind", "expires_on"):
        known = latest.get((vendor_id, kind), date.min)
        latest[(vendor_id, kind)] = (
            None if expires_on is None or known is None else max(known, expires_on)
        )
    lapsed = {
        vendors[vendor_id].name
        for (vendor_id, _kind), expires_on in latest.items()
        if expires_on is not None and expires_on < scope.today
    }
    return suspended, sorted(lapsed)


def risks_section(scope: ReportScope) -> dict:
    """The risk flags today's data can raise; those needing contracts are a hook below."""
    unassessed = [row["name"] for row in scope.rows if not row["recommendation"]]
    sensitive = [
        f"{row['name']} ({OPTION_LABELS[row['recommendation']]})"
        for row in _assessed(scope)
        if row["data_sensitivity"] >= SENSITIVE_DATA
        and row["recommendation"] != SourcingOption.IN_HOUSE
    ]
    suspended, lapsed = _vendor_flags(scope)
    return {
        "available": True,
        "flags": [
            _flag("never_assessed", "Functions never assessed", unassessed),
            _flag(
                "sensitive_outsourced",
                "Sensitive data (4–5) recommended for outsourcing",
                sensitive,
            ),
            _flag("suspended_vendors", "Suspended vendors offering these services", suspended),
            _flag("expired_certificates", "Vendors with a lapsed certificate", lapsed),
        ],
        "contracts": contract_risks_section(scope),
    }


# Hooks: sections whose data is being built elsewhere. Each returns `not_available(...)`
# today; wire the real computation in here (same signature, `"available": True` and the
# section's figures), and the PDF, workbook and CSV pick it up by its key.


def savings_section(scope: ReportScope) -> dict:
    """Projected savings by option and shore, from the business case."""
    return not_available("it needs the business case (costed options by shore), not built yet")


def concentration_section(scope: ReportScope) -> dict:
    """Contracted spend by vendor and by delivery country, with the HHI."""
    return not_available("it needs contracts with their values and vendors, not recorded yet")


def notices_section(scope: ReportScope) -> dict:
    """Contracts whose notice deadline falls in the next 12 months."""
    return not_available("it needs contracts with end dates and notice periods, not recorded yet")


def sla_section(scope: ReportScope) -> dict:
    """SLA attainment and scorecard bands by vendor."""
    return not_available("it needs contracts with SLAs and their measurements, not recorded yet")


def contract_risks_section(scope: ReportScope) -> dict:
    """Sensitive data delivered offshore, lapsed certificates and suspended vendors under
    contract: the risk flags that need to know who delivers what, from where."""
    return not_available(
        "flags on contracts (sensitive data delivered offshore, suspended vendors or "
        "lapsed certificates under contract) need contracts, not recorded yet"
    )


def methodology_section(scope: ReportScope) -> dict:
    """Criteria, the weights in force, the model version and what a close call is."""
    versions = sorted({row["model_version"] for row in _assessed(scope)})
    return {
        "available": True,
        "model_version": scoring.MODEL_VERSION,
        "versions_in_use": versions,
        "close_call_margin": scoring.CLOSE_CALL_MARGIN,
        "criteria": [
            {
                "key": key,
                "label": info.label,
                "description": info.description,
                "weight": round(scope.weights[key], 4),
                "factors": [scoring.FACTOR_INFO[f].label for f in info.factors],
            }
            for key, info in scoring.CRITERION_INFO.items()
        ],
    }


def functions_section(scope: ReportScope, shares: dict[int, float]) -> dict:
    """Every function in scope, largest annual cost first."""
    current = dict(BusinessFunction._meta.get_field("current_sourcing").choices)
    rows = [
        [
            row["name"],
            row["department_name"] or "",
            str(current.get(row["current_sourcing"], row["current_sourcing"])),
            row["service_line_name"] or "",
            _money(row["annual_cost"]) if row["annual_cost"] is not None else None,
            format(row["fte"], "f") if row["fte"] is not None else None,
            OPTION_LABELS.get(row["recommendation"], ""),
            OPTION_LABELS.get(row["runner_up"], ""),
            round(row["margin"], 1) if row["margin"] is not None else None,
            bool(row["close_call"]) if row["recommendation"] else None,
            row["strategic_importance"],
            row["data_sensitivity"],
            shares.get(row["pk"]),
            row["model_version"] or "",
        ]
        for row in scope.rows
    ]
    return {"available": True, "columns": [list(c) for c in FUNCTION_COLUMNS], "rows": rows}


def _changes_sourcing(row: dict) -> bool:
    keep = row["recommendation"] == SourcingOption.IN_HOUSE
    return keep == (row["current_sourcing"] == CurrentSourcing.OUTSOURCED)


def _mix_word(total: dict) -> str:
    return "kept in-house" if total["option"] == SourcingOption.IN_HOUSE else total["label"]


def _listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def summary_section(scope: ReportScope, mix: dict, robust: dict, savings: dict) -> dict:
    """The executive summary in sentences, and the few figures they quote."""
    currency = scope.workspace.currency
    assessed = _assessed(scope)
    total = sum((row["annual_cost"] or Decimal(0) for row in scope.rows), Decimal(0))
    where = f" in {_listing(scope.department_names)}" if scope.department_names else ""
    if not scope.rows:
        sentences = [
            f"{scope.workspace.name} has no active business functions{where} yet. Add or "
            "import them and assess each one: this report then shows the recommended mix, "
            "the costs in scope and the calls to revisit."
        ]
        return {
            "available": True,
            "sentences": sentences,
            "by_option": mix["by_option"],
            "total_cost": _money(0),
            "function_count": 0,
            "assessed_count": 0,
            "decisions": [],
            "close_calls": [],
        }
    sentences = [
        f"{scope.workspace.name} has {len(scope.rows)} active function"
        f"{'s' if len(scope.rows) != 1 else ''}{where}, {len(assessed)} of them assessed; "
        f"together they cost {money(total, currency)} a year in-house."
    ]
    counted = [o for o in mix["by_option"] if o["option"] != "NONE" and o["count"]]
    if counted:
        sentences.append(
            "The recommended mix is "
            + _listing(
                [f"{o['count']} {_mix_word(o)} ({money(o['cost'], currency)})" for o in counted]
            )
            + "."
        )
    sentences.append(
        savings["sentence"]
        if savings["available"]
        else f"Projected savings are not available yet: {savings['reason']}."
    )
    decisions = [row for row in assessed if _changes_sourcing(row)][:3]
    if decisions:
        sentences.append(
            "The biggest decisions, by annual cost: "
            + _listing(
                [
                    f"{row['name']} ({money(row['annual_cost'], currency)}) to "
                    f"{OPTION_LABELS[row['recommendation']]}"
                    for row in decisions
                ]
            )
            + "."
        )
    elif assessed:
        sentences.append("No recommendation changes how a function is sourced today.")
    close = sorted((row for row in assessed if row["close_call"]), key=lambda r: r["margin"])
    if close:
        sentences.append(
            f"{len(close)} call{'s are' if len(close) != 1 else ' is'} close (the runner-up "
            f"within {scoring.CLOSE_CALL_MARGIN:g} points), the closest "
            + _listing(
                [
                    f"{row['name']} ({OPTION_LABELS[row['recommendation']]} over "
                    f"{OPTION_LABELS[row['runner_up']]} by {row['margin']:.1f})"
                    for row in close[:3]
                ]
            )
            + ": revisit their ratings before acting."
        )
    elif assessed:
        sentences.append("No call is close: every recommendation wins by a clear margin.")
    if robust["assessed"]:
        holds = robust["bands"][0]["count"]
        sentences.append(
            f"{holds} of {robust['assessed']} recommendations hold when every criterion "
            "weight moves by up to ±20 %."
        )
    return {
        "available": True,
        "sentences": sentences,
        "by_option": mix["by_option"],
        "total_cost": _money(total),
        "function_count": len(scope.rows),
        "assessed_count": len(assessed),
        "decisions": [
            {
                "name": r["name"],
                "cost": _money(r["annual_cost"]),
                "recommendation": OPTION_LABELS[r["recommendation"]],
            }
            for r in decisions
        ],
        "close_calls": [
            {
                "name": r["name"],
                "recommendation": OPTION_LABELS[r["recommendation"]],
                "runner_up": OPTION_LABELS[r["runner_up"]],
                "margin": round(r["margin"], 1),
            }
            for r in close[:LIST_LIMIT]
        ],
    }


def report_figures(
    *, workspace: Workspace, sections: list[str], department_ids: list[int], today: date
) -> dict:
    """Every figure of a report, as JSON, for the sections asked (in the house order)."""
    scope = report_scope(workspace=workspace, department_ids=department_ids, today=today)
    shares = _robustness_shares(scope)
    mix = mix_section(scope)
    robust = robustness_section(scope, shares)
    savings = savings_section(scope)
    computed = {
        "summary": lambda: summary_section(scope, mix, robust, savings),
        "mix": lambda: mix,
        "matrix": lambda: matrix_section(scope),
        "robustness": lambda: robust,
        "savings": lambda: savings,
        "concentration": lambda: concentration_section(scope),
        "notices": lambda: notices_section(scope),
        "sla": lambda: sla_section(scope),
        "risks": lambda: risks_section(scope),
        "methodology": lambda: methodology_section(scope),
        "functions": lambda: functions_section(scope, shares),
    }
    return {
        "workspace": {
            "name": workspace.name,
            "slug": workspace.slug,
            "currency": workspace.currency,
            "country": str(workspace.country.name),
        },
        "as_of": today.isoformat(),
        "departments": scope.department_names,
        "model_version": scoring.MODEL_VERSION,
        "weights": scope.weights,
        "sections": {key: computed[key]() for key in SECTION_TITLES if key in sections},
    }


#: The report's sections in order, with their titles; the hooks say "not available yet".
SECTION_TITLES = {
    "summary": "Executive summary",
    "mix": "Sourcing mix",
    "matrix": "Strategic importance and suitability",
    "robustness": "Robustness of the recommendations",
    "savings": "Projected savings",
    "concentration": "Concentration of contracted spend",
    "notices": "Notice deadlines in the next 12 months",
    "sla": "Service levels and vendor scorecards",
    "risks": "Risk flags",
    "methodology": "Methodology",
    "functions": "All functions",
}
