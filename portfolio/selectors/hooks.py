"""Hooks: report sections whose data is being built elsewhere (business case, contracts,
SLAs). Each returns `not_available(why)` today, which every format renders as one line
"Not available yet: why." To wire one, return instead

    {"available": True, "sentences": [...],
     "tables": [{"name": "csv_stem", "title": "…", "headers": [...], "rows": [[...]]}]}

and the PDF, the workbook (a sheet per section, a native bar chart of each table's second
column when it holds numbers) and the CSV zip render it with no other change; the savings
hook's first sentence also goes into the executive summary. A section that needs its own
layout or chart adds templates/portfolio/report_pdf/_<key>.html and a builder in
portfolio/exports/tables.py.
"""

from portfolio.selectors.scope import ReportScope, not_available


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
