"""The portfolio view of a workspace: its sourcing mix, what to revisit, and the charts.

Every figure comes from a fixed number of aggregate queries, whatever the workspace size.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, Greatest

from assessments.models import Recommendation
from outsourcing.models import BusinessFunction, Workspace
from portfolio.charts import bubble_chart, department_chart

BUBBLE_LIMIT = 400  # plotly draws a few hundred SVG bubbles smoothly; beyond, the largest
LIST_LIMIT = 8


@dataclass(frozen=True)
class OptionTotal:
    option: str
    label: str
    count: int
    annual_cost: Decimal


@dataclass(frozen=True)
class PortfolioSummary:
    function_count: int
    assessed_count: int
    totals: list[OptionTotal]
    close_calls: list[BusinessFunction]
    close_call_count: int
    unassessed: list[BusinessFunction]
    unassessed_count: int
    bubble_chart: dict | None
    bubble_truncated: bool
    department_chart: dict | None


def _active(workspace: Workspace):
    return BusinessFunction.objects.filter(workspace=workspace, is_archived=False)


def _option_totals(functions) -> tuple[list[OptionTotal], int]:
    """Count and cost per recommended option, and the count of functions never assessed."""
    by_option = {
        row["option"]: row
        for row in functions.values(option=F("latest_assessment__recommendation")).annotate(
            count=Count("pk"), cost=Coalesce(Sum("annual_cost"), Decimal(0))
        )
    }
    totals = [
        OptionTotal(
            option=option.value,
            label=option.label,
            count=by_option.get(option.value, {}).get("count", 0),
            annual_cost=by_option.get(option.value, {}).get("cost", Decimal(0)),
        )
        for option in Recommendation
        # No clear call gets a card only when there is one: it is not an option to aim for.
        if option != Recommendation.NO_CALL or option.value in by_option
    ]
    return totals, by_option.get(None, {}).get("count", 0)


def _bubble_points(functions) -> list[dict]:
    """The largest assessed functions (one more than drawn, to tell when some are left out)."""
    rows = (
        functions.filter(latest_assessment__isnull=False)
        .order_by(F("annual_cost").desc(nulls_last=True), "name")
        .values(
            "pk",
            "name",
            cost=F("annual_cost"),
            department_name=F("department__name"),
            option=F("latest_assessment__recommendation"),
            strategic=F("latest_assessment__strategic_importance"),
            suitability=Greatest(
                "latest_assessment__score_bpo",
                "latest_assessment__score_kpo",
                "latest_assessment__score_ito",
            ),
        )[: BUBBLE_LIMIT + 1]
    )
    return [_named(row) for row in rows]


def _department_rows(functions) -> list[dict]:
    rows = (
        functions.values(
            department_name=F("department__name"),
            option=F("latest_assessment__recommendation"),
        )
        .annotate(cost=Coalesce(Sum("annual_cost"), Decimal(0)))
        .order_by("department_name")
    )
    return [_named(row) for row in rows]


def portfolio_summary(*, workspace: Workspace) -> PortfolioSummary:
    """Counts and cost by recommendation, close calls, unassessed functions, and charts."""
    functions = _active(workspace)
    totals, unassessed_count = _option_totals(functions)
    function_count = sum(t.count for t in totals) + unassessed_count
    close = functions.filter(latest_assessment__close_call=True)
    points = _bubble_points(functions)
    return PortfolioSummary(
        function_count=function_count,
        assessed_count=function_count - unassessed_count,
        totals=totals,
        close_calls=list(
            close.select_related("latest_assessment").order_by("latest_assessment__margin")[
                :LIST_LIMIT
            ]
        ),
        close_call_count=close.count(),
        unassessed=list(
            functions.filter(latest_assessment__isnull=True)
            .select_related("department")
            .order_by(F("annual_cost").desc(nulls_last=True))[:LIST_LIMIT]
        ),
        unassessed_count=unassessed_count,
        bubble_chart=bubble_chart(workspace, points[:BUBBLE_LIMIT]) if points else None,
        bubble_truncated=len(points) > BUBBLE_LIMIT,
        department_chart=department_chart(workspace, _department_rows(functions))
        if function_count
        else None,
    )


def _named(row: dict) -> dict:
    # A model field's name cannot be reused for an annotation, hence department_name here.
    return {**row, "department": row["department_name"]}
