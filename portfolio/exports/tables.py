"""The report's figures as tables: what the workbook's sheets and the CSV files hold.

One definition for both formats, so a CSV column and its workbook column never differ.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from portfolio.selectors.figures import SECTION_TITLES
from portfolio.selectors.scope import FUNCTION_COLUMNS, OPTION_LABELS


@dataclass
class ReportTable:
    section: str
    name: str  # the CSV file's stem
    title: str
    headers: list[str]
    rows: list[list]
    money: set[int] = field(default_factory=set)  # indexes of money columns
    percent: set[int] = field(default_factory=set)  # indexes of shares 0..1


def _money(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _summary(data: dict) -> list[ReportTable]:
    figures = [
        ["Active functions in scope", data["function_count"]],
        ["Assessed", data["assessed_count"]],
        ["Annual in-house cost", _money(data["total_cost"])],
        ["Close calls", len(data["close_calls"])],
    ]
    return [
        ReportTable(
            "summary", "summary_sentences", "Summary", ["Summary"], [[s] for s in data["sentences"]]
        ),
        ReportTable("summary", "summary_figures", "Key figures", ["Figure", "Value"], figures),
        ReportTable(
            "summary",
            "summary_mix",
            "Recommended mix",
            ["Option", "Functions", "Annual cost"],
            [[r["label"], r["count"], _money(r["cost"])] for r in data.get("by_option", [])],
            money={2},
        ),
        ReportTable(
            "summary",
            "summary_decisions",
            "The biggest decisions",
            ["Function", "Recommendation", "Annual cost"],
            [[d["name"], d["recommendation"], _money(d["cost"])] for d in data["decisions"]],
            money={2},
        ),
        ReportTable(
            "summary",
            "summary_close_calls",
            "Close calls",
            ["Function", "Recommendation", "Runner-up", "Margin (points)"],
            [
                [c["name"], c["recommendation"], c["runner_up"], c["margin"]]
                for c in data["close_calls"]
            ],
        ),
    ]


def _mix(data: dict) -> list[ReportTable]:
    return [
        ReportTable(
            "mix",
            "mix_by_option",
            "By recommended option",
            ["Option", "Functions", "Annual cost"],
            [[r["label"], r["count"], _money(r["cost"])] for r in data["by_option"]],
            money={2},
        ),
        ReportTable(
            "mix",
            "mix_by_department",
            "By department and option",
            ["Department", "Option", "Functions", "Annual cost"],
            [
                [r["department"], r["label"], r["count"], _money(r["cost"])]
                for r in data["by_department"]
            ],
            money={3},
        ),
    ]


def _matrix(data: dict) -> list[ReportTable]:
    # Grouped by option, largest first within each: the workbook's chart takes one range
    # per option.
    order = list(OPTION_LABELS)
    points = sorted(data["points"], key=lambda p: (order.index(p["option"]), -Decimal(p["cost"])))
    return [
        ReportTable(
            "matrix",
            "strategic_vs_suitability",
            "Functions placed",
            [
                "Function",
                "Department",
                "Recommendation",
                "Strategic importance",
                "Best outsourcing score",
                "Annual cost",
            ],
            [
                [
                    p["name"],
                    p["department"],
                    OPTION_LABELS[p["option"]],
                    p["strategic"],
                    p["suitability"],
                    _money(p["cost"]),
                ]
                for p in points
            ],
            money={5},
        ),
    ]


def _robustness(data: dict) -> list[ReportTable]:
    return [
        ReportTable(
            "robustness",
            "robustness_bands",
            "Recommendations by band",
            ["Band", "Recommendations"],
            [[b["label"], b["count"]] for b in data["bands"]],
        ),
        ReportTable(
            "robustness",
            "robustness_shakiest",
            "The calls that move most easily",
            ["Function", "Recommendation", "Runner-up", "Holds in share of draws"],
            [
                [r["name"], r["recommendation"], r["runner_up"], r["share"]]
                for r in data["shakiest"]
            ],
            percent={3},
        ),
    ]


def _risks(data: dict) -> list[ReportTable]:
    return [
        ReportTable(
            "risks",
            "risk_flags",
            "Risk flags",
            ["Flag", "Count", "Examples"],
            [[f["title"], f["count"], "; ".join(f["items"])] for f in data["flags"]],
        ),
    ]


def _methodology(data: dict) -> list[ReportTable]:
    return [
        ReportTable(
            "methodology",
            "methodology_criteria",
            "Criteria and weights",
            ["Criterion", "Weight", "Factors", "What it means"],
            [
                [c["label"], c["weight"], ", ".join(c["factors"]), c["description"]]
                for c in data["criteria"]
            ],
            percent={1},
        ),
    ]


def _functions(data: dict) -> list[ReportTable]:
    money = {i for i, (key, _label) in enumerate(FUNCTION_COLUMNS) if key == "annual_cost"}
    robust = {i for i, (key, _label) in enumerate(FUNCTION_COLUMNS) if key == "robustness"}
    fte = next(i for i, (key, _label) in enumerate(FUNCTION_COLUMNS) if key == "fte")
    rows = [
        [_money(v) if i in money or i == fte else v for i, v in enumerate(row)]
        for row in data["rows"]
    ]
    return [
        ReportTable(
            "functions",
            "functions",
            "All functions",
            [label for _key, label in FUNCTION_COLUMNS],
            rows,
            money=money,
            percent=robust,
        ),
    ]


BUILDERS = {
    "summary": _summary,
    "mix": _mix,
    "matrix": _matrix,
    "robustness": _robustness,
    "risks": _risks,
    "methodology": _methodology,
    "functions": _functions,
}


def _generic(key: str, data: dict) -> list[ReportTable]:
    """A wired hook's tables as it gave them (see portfolio/selectors/hooks.py)."""
    return [
        ReportTable(
            key,
            table["name"],
            table["title"],
            list(table["headers"]),
            [list(row) for row in table["rows"]],
        )
        for table in data.get("tables", [])
    ]


def report_tables(figures: dict) -> dict[str, list[ReportTable]]:
    """Section key → its tables; a section not available yet has none."""
    return {
        key: (BUILDERS[key](data) if key in BUILDERS else _generic(key, data))
        if data.get("available")
        else []
        for key, data in figures["sections"].items()
    }


def unavailable(figures: dict) -> list[tuple[str, str]]:
    """(section title, why) of every section not available yet, nested ones included."""
    found = []
    for key, data in figures["sections"].items():
        if not data.get("available"):
            found.append((SECTION_TITLES[key], data["reason"]))
        elif key == "risks" and not data["contracts"]["available"]:
            found.append(("Risk flags on contracts", data["contracts"]["reason"]))
    return found
