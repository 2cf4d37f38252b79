"""The figures of a portfolio report, computed from the workspace as it is now.

`report_figures` returns plain JSON: the report stores it as its snapshot, and the PDF,
workbook and CSV files are drawn from that snapshot alone, so a report re-downloaded a year
later says what it said.
"""

from datetime import date

from assessments import scoring
from outsourcing.models import Workspace
from portfolio.selectors.hooks import (
    concentration_section,
    notices_section,
    savings_section,
    sla_section,
)
from portfolio.selectors.scope import report_scope, robustness_shares
from portfolio.selectors.sections import (
    functions_section,
    matrix_section,
    methodology_section,
    mix_section,
    risks_section,
    robustness_section,
    summary_section,
)


def report_figures(
    *, workspace: Workspace, sections: list[str], department_ids: list[int], today: date
) -> dict:
    """Every figure of a report, as JSON, for the sections asked (in the house order)."""
    scope = report_scope(workspace=workspace, department_ids=department_ids, today=today)
    shares = robustness_shares(scope)
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
