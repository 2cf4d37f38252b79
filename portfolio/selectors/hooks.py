"""Sections whose data comes from other apps: the business case (projected savings) and
contracts (concentration of spend, notice deadlines, scorecards, the risk flags on
contracts). A section whose data cannot exist yet returns `not_available(why)`, which every
format renders as one line "Not available yet: why." A section returns

    {"available": True, "sentences": [...],
     "tables": [{"name": "csv_stem", "title": "…", "headers": [...], "rows": [[...]]}]}

and the PDF (generic layout), the workbook (a sheet per section, a native bar chart of each
table whose second column holds numbers) and the CSV zip render it with no other change;
the savings section's first sentence also goes into the executive summary. A section that
needs its own layout adds templates/portfolio/report_pdf/_<key>.html and a builder in
portfolio/exports/tables.py.
"""

from collections import Counter, defaultdict
from decimal import Decimal

from django_countries import countries

from businesscase.selectors import projected_savings_summary
from outsourcing.currencies import NotConvertible, convert
from outsourcing.templatetags.sourcewise import money
from portfolio.selectors.scope import (
    SENSITIVE_DATA,
    ReportScope,
    flag,
    not_available,
    vendor_standing,
)
from vendors.contracts.models import ContractStatus
from vendors.contracts.performance import SCORE_BANDS, TOP_BAND, score_band
from vendors.contracts.selectors import (
    contract_performance,
    contract_queryset,
    upcoming_deadlines,
)
from vendors.geography import Shore, shore_of

NOTICE_WINDOW_DAYS = 365
#: Above this Herfindahl–Hirschman index (shares in %, 0–10,000) spend is concentrated
#: (docs/domain.md, *Portfolio view*).
HHI_CONCENTRATED = 2500
#: A critical service: a contracted function rated 4 or 5 on strategic importance ("strategic"
#: or "core differentiator"). One vendor holding more than a third of them is a warning of its
#: own, whatever the HHI of the spend says (docs/domain.md, *Portfolio view*).
CRITICAL_IMPORTANCE = 4
CRITICAL_SHARE = Decimal(1) / 3
SCORE_BAND_ORDER = [TOP_BAND, *reversed([band for _bound, band in SCORE_BANDS])]


def savings_section(scope: ReportScope) -> dict:
    """Projected annual savings of the workspace's active functions, by shore, from the
    business case (median vendor price; functions without the data to cost are left out)."""
    summary = projected_savings_summary(workspace=scope.workspace)
    if not summary["costed"]:
        return not_available(
            "no function has what a business case needs yet (an annual cost or FTE, and a "
            "service line with rate cards)"
        )
    currency = scope.workspace.currency
    rows = [[shore.capitalize(), round(value, 2)] for shore, value in summary["shores"]]
    best = max(rows, key=lambda row: row[1])
    where = " (the whole workspace)" if scope.department_names else ""
    sentences = [
        f"Projected savings{where}: up to {money(best[1], currency)} a year if every costed "
        f"function went {best[0].lower()} ({summary['costed']} of {summary['functions']} "
        "functions have the data to be costed)."
    ]
    return {
        "available": True,
        "sentences": sentences,
        "tables": [
            {
                "name": "savings_by_shore",
                "title": "Projected annual savings by shore",
                "headers": ["Shore", f"Annual saving ({currency})"],
                "rows": rows,
            }
        ],
    }


def _shares(values: dict[str, Decimal]) -> tuple[list[list], int]:
    """Rows (name, annual value, share %) largest first, and the HHI of the shares."""
    total = sum(values.values(), Decimal(0))
    rows = [
        [name, round(float(value), 2), round(float(value / total * 100), 1)]
        for name, value in sorted(values.items(), key=lambda item: (-item[1], item[0]))
    ]
    return rows, round(sum(float(value / total * 100) ** 2 for value in values.values()))


def _hhi_sentence(label: str, rows: list[list], hhi: int) -> str:
    reading = (
        "concentrated: losing the largest would hurt, consider a second source"
        if hhi > HHI_CONCENTRATED
        else "not concentrated"
    )
    return (
        f"By {label}, the HHI is {hhi:,} ({reading}); the largest, {rows[0][0]}, holds "
        f"{rows[0][2]:g} % of the spend."
    )


def _critical_dependence(contracts: list) -> str | None:
    """The warning when one vendor delivers more than a third of the critical services
    under active contracts, or None."""
    vendors_of: dict[int, set[str]] = defaultdict(set)
    for contract in contracts:
        for function in contract.functions.all():
            assessment = function.latest_assessment
            if assessment and assessment.strategic_importance >= CRITICAL_IMPORTANCE:
                vendors_of[function.pk].add(contract.vendor.name)
    if not vendors_of:
        return None
    held = Counter(name for names in vendors_of.values() for name in names)
    vendor, count = min(held.items(), key=lambda item: (-item[1], item[0]))
    if Decimal(count) / len(vendors_of) <= CRITICAL_SHARE:
        return None
    return (
        f"Warning: {count / len(vendors_of):.0%} of critical services ({count} of "
        f"{len(vendors_of)} contracted functions of strategic importance 4–5) depend on one "
        f"vendor, {vendor}; plan a second source or an exit."
    )


def concentration_section(scope: ReportScope) -> dict:
    """Active contracts' annual value by vendor and by delivery country (in the workspace
    currency at the latest reference rate), with the Herfindahl–Hirschman index of each."""
    currency = scope.workspace.currency
    by_vendor: dict[str, Decimal] = defaultdict(Decimal)
    by_country: dict[str, Decimal] = defaultdict(Decimal)
    skipped = 0
    active = list(
        contract_queryset(workspace=scope.workspace)
        .filter(status=ContractStatus.ACTIVE)
        .prefetch_related("functions__latest_assessment")
    )
    for contract in active:
        try:
            value = convert(contract.annual_value, contract.currency, currency).amount
        except NotConvertible:
            skipped += 1
            continue
        by_vendor[contract.vendor.name] += value
        by_country[countries.name(contract.delivery_country) or "Unknown"] += value
    if not by_vendor:
        return {
            "available": True,
            "tables": [],
            "sentences": ["No active contract in a convertible currency: no spend to weigh."],
        }
    vendors, vendor_hhi = _shares(by_vendor)
    places, country_hhi = _shares(by_country)
    total = sum(by_vendor.values(), Decimal(0))
    sentences = [
        f"Active contracts are worth {money(total, currency)} a year with {len(vendors)} "
        f"vendor{'s' if len(vendors) != 1 else ''}"
        + (f" ({skipped} in a currency that cannot be converted left out)" if skipped else "")
        + ".",
        _hhi_sentence("vendor", vendors, vendor_hhi),
        _hhi_sentence("delivery country", places, country_hhi),
    ]
    dependence = _critical_dependence(active)
    if dependence:
        sentences.append(dependence)
    headers = [f"Annual value ({currency})", "Share (%)"]
    return {
        "available": True,
        "sentences": sentences,
        "hhi": {"vendor": vendor_hhi, "country": country_hhi},
        "tables": [
            {
                "name": "spend_by_vendor",
                "title": "Contracted spend by vendor",
                "headers": ["Vendor", *headers],
                "rows": vendors,
            },
            {
                "name": "spend_by_country",
                "title": "Contracted spend by delivery country",
                "headers": ["Delivery country", *headers],
                "rows": places,
            },
        ],
    }


def notices_section(scope: ReportScope) -> dict:
    """Live contracts whose notice deadline falls in the next 12 months, soonest first: by
    then the workspace must give notice or let the contract run (or renew) another term."""
    contracts = upcoming_deadlines(
        workspace=scope.workspace, today=scope.today, within_days=NOTICE_WINDOW_DAYS, limit=None
    )
    if not contracts:
        return {
            "available": True,
            "sentences": ["No live contract has a notice deadline in the next 12 months."],
            "tables": [],
        }
    first = contracts[0]
    count = f"{len(contracts)} contract{'s' if len(contracts) != 1 else ''}"
    sentences = [
        f"{count} of the workspace reach a notice deadline in the next 12 months; the first "
        f"is {first.title} with {first.vendor.name}, on {first.notice_deadline:%-d %B %Y}."
    ]
    rows = [
        [
            c.title,
            c.vendor.name,
            c.notice_deadline.isoformat(),
            c.end_date.isoformat(),
            "yes" if c.auto_renew else "no",
            money(c.annual_value, c.currency),
        ]
        for c in contracts
    ]
    return {
        "available": True,
        "sentences": sentences,
        "tables": [
            {
                "name": "notice_deadlines",
                "title": "Notice deadlines in the next 12 months",
                "headers": [
                    "Contract",
                    "Vendor",
                    "Notice deadline",
                    "Term ends",
                    "Renews automatically",
                    "Annual value",
                ],
                "rows": rows,
            }
        ],
    }


def _vendor_scores(contracts) -> dict[str, dict]:
    """Per vendor: the latest period's scorecard of each of its contracts, and its SLA
    breaches over the last twelve periods measured."""
    vendors: dict[str, dict] = {}
    for contract in contracts:
        performance = contract_performance(contract=contract)
        scored = [p for p in performance.periods if p.outcome.score is not None]
        entry = vendors.setdefault(
            contract.vendor.name, {"scores": [], "contracts": 0, "breaches": 0}
        )
        entry["contracts"] += 1
        if scored:
            entry["scores"].append(scored[0].outcome.score)  # periods are newest first
        entry["breaches"] += sum(len(p.breached) for p in performance.periods[:12])
    return vendors


def sla_section(scope: ReportScope) -> dict:
    """Scorecards by vendor (SLA attainment, docs/domain.md *Contracts and service
    levels*): the mean of its active contracts' latest scores, its band, and its SLA
    breaches. One contract at a time (a few queries each): a background report can
    afford it."""
    contracts = contract_queryset(workspace=scope.workspace).filter(status=ContractStatus.ACTIVE)
    vendors = _vendor_scores(contracts)
    rows = []
    for name, entry in sorted(vendors.items()):
        if not entry["scores"]:
            continue
        score = sum(entry["scores"], Decimal(0)) / len(entry["scores"])
        rows.append(
            [name, round(float(score), 1), score_band(score), entry["contracts"], entry["breaches"]]
        )
    if not rows:
        return {
            "available": True,
            "tables": [],
            "sentences": ["No active contract has SLA measurements yet."],
        }
    rows.sort(key=lambda row: (row[1], row[0]))
    bands = Counter(row[2] for row in rows)
    sentences = [
        f"{len(rows)} vendor{'s' if len(rows) != 1 else ''} under contract have scorecards: "
        + ", ".join(f"{bands[b]} {b}" for b in SCORE_BAND_ORDER if bands[b])
        + f". The weakest is {rows[0][0]} ({rows[0][1]:g} of 100, {rows[0][2]})."
    ]
    return {
        "available": True,
        "sentences": sentences,
        "tables": [
            {
                "name": "vendor_scorecards",
                "title": "Scorecards by vendor, weakest first",
                "headers": [
                    "Vendor",
                    "Latest scorecard (0–100)",
                    "Band",
                    "Active contracts",
                    "SLA breaches (last 12 periods)",
                ],
                "rows": rows,
            }
        ],
    }


def contract_risks_section(scope: ReportScope) -> dict:
    """Risk flags on active contracts: sensitive data (4–5) delivered offshore, suspended
    vendors under contract, and vendors under contract with a lapsed certificate."""
    contracts = list(
        contract_queryset(workspace=scope.workspace)
        .filter(status=ContractStatus.ACTIVE)
        .prefetch_related("functions")
    )
    sensitivity = {row["pk"]: row["data_sensitivity"] for row in scope.rows}
    offshore = sorted(
        f"{function.name} ({contract.vendor.name}, {countries.name(contract.delivery_country)})"
        for contract in contracts
        if shore_of(contract.delivery_country, scope.workspace.country.code) == Shore.OFFSHORE
        for function in contract.functions.all()
        if (sensitivity.get(function.pk) or 0) >= SENSITIVE_DATA
    )
    suspended, lapsed = vendor_standing({c.vendor for c in contracts}, scope.today)
    return {
        "available": True,
        "flags": [
            flag("sensitive_offshore", "Sensitive data (4–5) delivered offshore", offshore),
            flag("suspended_under_contract", "Suspended vendors under contract", suspended),
            flag(
                "lapsed_under_contract", "Vendors under contract with a lapsed certificate", lapsed
            ),
        ],
    }
