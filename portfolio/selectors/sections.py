"""The sections of a portfolio report that today's data can fill, as plain JSON."""

from collections import Counter
from decimal import Decimal

from assessments import scoring
from assessments.models import Recommendation
from outsourcing.models import BusinessFunction, CurrentSourcing
from outsourcing.templatetags.sourcewise import money
from portfolio.selectors.hooks import contract_risks_section
from portfolio.selectors.scope import (
    BUBBLE_LIMIT,
    FRAGILE_SHARE,
    FUNCTION_COLUMNS,
    LIST_LIMIT,
    NO_DEPARTMENT,
    OPTION_LABELS,
    ROBUSTNESS_DRAWS,
    ROBUSTNESS_SPREAD,
    SENSITIVE_DATA,
    SURVIVES_SHARE,
    ReportScope,
    assessed_rows,
    flag,
    money_text,
    vendor_standing,
)
from vendors.models import Vendor


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
                "cost": money_text(value["cost"]),
            }
            for key, value in by_option.items()
            # No clear call is listed only when there is one: it is not an option to aim for.
            if key != Recommendation.NO_CALL or value["count"]
        ],
        "by_department": [
            {
                "department": department,
                "option": option or "NONE",
                "label": OPTION_LABELS.get(option, "Not assessed"),
                "count": value["count"],
                "cost": money_text(value["cost"]),
            }
            for (department, option), value in sorted(
                by_department.items(), key=lambda item: (item[0][0], item[0][1] or "~")
            )
        ],
    }


def matrix_section(scope: ReportScope) -> dict:
    """Strategic importance against the best outsourcing score, largest functions first."""
    assessed = assessed_rows(scope)
    points = [
        {
            "pk": row["pk"],
            "name": row["name"],
            "department": row["department_name"] or NO_DEPARTMENT,
            "option": row["recommendation"],
            "strategic": row["strategic_importance"],
            "suitability": round(max(row["score_bpo"], row["score_kpo"], row["score_ito"]), 1),
            "cost": money_text(row["annual_cost"]),
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


def _vendor_flags(scope: ReportScope) -> tuple[list[str], list[str]]:
    """Suspended vendors, and vendors with a lapsed certificate, among those offering the
    service lines of the functions in scope."""
    lines = {row["service_line_id"] for row in scope.rows if row["service_line_id"]}
    if not lines:
        return [], []
    return vendor_standing(
        Vendor.objects.filter(offerings__service_line__in=lines).distinct(), scope.today
    )


def risks_section(scope: ReportScope) -> dict:
    """The risk flags: from the functions and the catalog, and from active contracts."""
    unassessed = [row["name"] for row in scope.rows if not row["recommendation"]]
    sensitive = [
        f"{row['name']} ({OPTION_LABELS[row['recommendation']]})"
        for row in assessed_rows(scope)
        if row["data_sensitivity"] >= SENSITIVE_DATA
        and row["recommendation"] not in (Recommendation.IN_HOUSE, Recommendation.NO_CALL)
    ]
    suspended, lapsed = _vendor_flags(scope)
    contracts = contract_risks_section(scope)
    return {
        "available": True,
        "flags": [
            flag("never_assessed", "Functions never assessed", unassessed),
            flag(
                "sensitive_outsourced",
                "Sensitive data (4–5) recommended for outsourcing",
                sensitive,
            ),
            flag("suspended_vendors", "Suspended vendors offering these services", suspended),
            flag("expired_certificates", "Vendors with a lapsed certificate", lapsed),
            *(contracts["flags"] if contracts["available"] else []),
        ],
        "contracts": contracts,
    }


def methodology_section(scope: ReportScope) -> dict:
    """Criteria, the weights in force, the model version and what a close call is."""
    versions = sorted({row["model_version"] for row in assessed_rows(scope)})
    return {
        "available": True,
        "model_version": scoring.MODEL_VERSION,
        "versions_in_use": versions,
        "no_clear_call_margin": scoring.NO_CLEAR_CALL_MARGIN,
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
            money_text(row["annual_cost"]) if row["annual_cost"] is not None else None,
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
    if row["recommendation"] == Recommendation.NO_CALL:
        return False  # no clear call: nothing to decide yet
    keep = row["recommendation"] == Recommendation.IN_HOUSE
    return keep == (row["current_sourcing"] == CurrentSourcing.OUTSOURCED)


def _mix_word(total: dict) -> str:
    words = {Recommendation.IN_HOUSE: "kept in-house", Recommendation.NO_CALL: "with no clear call"}
    return words.get(total["option"], total["label"])


def _listing(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _opening(scope: ReportScope, assessed: list[dict], total: Decimal) -> str:
    where = f" in {_listing(scope.department_names)}" if scope.department_names else ""
    if not scope.rows:
        return (
            f"{scope.workspace.name} has no active business functions{where} yet. Add or "
            "import them and assess each one: this report then shows the recommended mix, "
            "the costs in scope and the calls to revisit."
        )
    count = len(scope.rows)
    return (
        f"{scope.workspace.name} has {count} active function{'s' if count != 1 else ''}"
        f"{where}, {len(assessed)} of them assessed; together they cost "
        f"{money(total, scope.workspace.currency)} a year in-house."
    )


def _mix_sentence(mix: dict, currency: str) -> list[str]:
    counted = [o for o in mix["by_option"] if o["option"] != "NONE" and o["count"]]
    if not counted:
        return []
    parts = [f"{o['count']} {_mix_word(o)} ({money(o['cost'], currency)})" for o in counted]
    return [f"The recommended mix is {_listing(parts)}."]


def _decision_sentence(assessed: list[dict], decisions: list[dict], currency: str) -> list[str]:
    if not assessed:
        return []
    if not decisions:
        return ["No recommendation changes how a function is sourced today."]
    parts = [
        f"{row['name']} ({money(row['annual_cost'], currency)}) to "
        f"{OPTION_LABELS[row['recommendation']]}"
        for row in decisions
    ]
    return [f"The biggest decisions, by annual cost: {_listing(parts)}."]


def _close_sentence(assessed: list[dict], close: list[dict]) -> list[str]:
    if not assessed:
        return []
    if not close:
        return ["No call is close: no single step on one rating would overturn any of them."]
    parts = [
        f"{row['name']} ({OPTION_LABELS[row['recommendation']]} over "
        f"{OPTION_LABELS[row['runner_up']]} by {row['margin']:.1f} points)"
        for row in close[:3]
    ]
    return [
        f"{len(close)} call{'s are' if len(close) != 1 else ' is'} close (a single step on one "
        f"rating would overturn {'them' if len(close) != 1 else 'it'}), among them "
        f"{_listing(parts)}: revisit their ratings before acting."
    ]


def _no_call_sentence(assessed: list[dict]) -> list[str]:
    level = [row["name"] for row in assessed if row["recommendation"] == Recommendation.NO_CALL]
    if not level:
        return []
    some = _listing(level[:3]) + (f" and {len(level) - 3} more" if len(level) > 3 else "")
    return [
        f"{len(level)} function{'s have' if len(level) != 1 else ' has'} no clear call (the "
        f"best options within {scoring.NO_CLEAR_CALL_MARGIN:g} point of each other): {some}; "
        "the model does not choose for you there."
    ]


def summary_section(scope: ReportScope, mix: dict, robust: dict, savings: dict) -> dict:
    """The executive summary in sentences, and the few figures they quote."""
    currency = scope.workspace.currency
    assessed = assessed_rows(scope)
    total = sum((row["annual_cost"] or Decimal(0) for row in scope.rows), Decimal(0))
    decisions = [row for row in assessed if _changes_sourcing(row)][:3]
    close = sorted((row for row in assessed if row["close_call"]), key=lambda r: r["margin"])
    sentences = [_opening(scope, assessed, total)]
    if scope.rows:
        sentences += _mix_sentence(mix, currency)
        sentences.append(
            savings["sentences"][0]
            if savings["available"]
            else f"Projected savings are not available yet: {savings['reason']}."
        )
        sentences += _decision_sentence(assessed, decisions, currency)
        sentences += _close_sentence(assessed, close)
        sentences += _no_call_sentence(assessed)
    if robust["assessed"]:
        sentences.append(
            f"{robust['bands'][0]['count']} of {robust['assessed']} recommendations hold when "
            "every criterion weight moves by up to ±20 %."
        )
    return {
        "available": True,
        "sentences": sentences,
        "by_option": mix["by_option"],
        "total_cost": money_text(total),
        "function_count": len(scope.rows),
        "assessed_count": len(assessed),
        "decisions": [
            {
                "name": r["name"],
                "cost": money_text(r["annual_cost"]),
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
