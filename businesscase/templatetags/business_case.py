"""Business-case figures on any page: `{% load business_case %}`.

`{% projected_savings workspace %}` is the dashboard's projected-savings panel: the
dashboard (outsourcing, later portfolio) includes it by name, so no lower layer imports
this app."""

import math

from django import template

from businesscase.presentation import savings_by_department_chart
from businesscase.selectors import projected_savings_summary

register = template.Library()


@register.filter
def payback(months: float, term_years: int) -> str:
    """Months to pay back the transition, or why it never does within the term."""
    if months is None or math.isinf(months) or math.isnan(months):
        return "never"
    if months > term_years * 12:
        return f"not within {term_years} years"
    if months < 1:
        return "at once"
    return f"{math.ceil(months)} months"


@register.filter
def percent_or_none(share: float) -> str:
    """0.123 → "12.3 %"; a share below zero means it loses money even with no governance."""
    if share is None or not math.isfinite(share):
        return "—"
    if share < 0:
        return "none (a loss even with no governance)"
    return f"{share * 100:.1f} %"


@register.inclusion_tag("businesscase/_projected_savings.html", takes_context=True)
def projected_savings(context, workspace) -> dict:
    savings = projected_savings_summary(workspace=workspace)
    return {
        "workspace": workspace,
        "membership": context.get("membership"),
        "savings": savings,
        "chart": savings_by_department_chart(savings["by_department"], workspace.currency),
    }
