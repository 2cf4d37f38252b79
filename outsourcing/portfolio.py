"""The portfolio view of a workspace: its sourcing mix, what to revisit, and the charts.

Every figure comes from a fixed number of aggregate queries, whatever the workspace size.
"""

from dataclasses import dataclass
from decimal import Decimal

import plotly.graph_objects as go
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse

from assessments.models import Recommendation
from outsourcing.charts import OPTION_COLOURS, OPTION_NAMES, figure_payload
from outsourcing.models import BusinessFunction, Workspace

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


def portfolio_summary(*, workspace: Workspace) -> PortfolioSummary:
    """Counts and cost by recommendation, close calls, unassessed functions, and charts."""
    functions = _active(workspace)
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
    unassessed_count = by_option.get(None, {}).get("count", 0)
    function_count = sum(t.count for t in totals) + unassessed_count

    close = functions.filter(latest_assessment__close_call=True)
    points = list(
        functions.filter(latest_assessment__isnull=False)
        .order_by(F("annual_cost").desc(nulls_last=True), "name")
        .values(
            "pk",
            "name",
            "annual_cost",
            "department__name",
            option=F("latest_assessment__recommendation"),
            strategic=F("latest_assessment__strategic_importance"),
            suitability=Greatest(
                "latest_assessment__score_bpo",
                "latest_assessment__score_kpo",
                "latest_assessment__score_ito",
            ),
        )[: BUBBLE_LIMIT + 1]
    )
    departments = list(
        functions.values(
            department_name=F("department__name"),
            option=F("latest_assessment__recommendation"),
        )
        .annotate(cost=Coalesce(Sum("annual_cost"), Decimal(0)))
        .order_by("department_name")
    )
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
        bubble_chart=_bubble_chart(workspace, points[:BUBBLE_LIMIT]) if points else None,
        bubble_truncated=len(points) > BUBBLE_LIMIT,
        department_chart=_department_chart(workspace, departments) if function_count else None,
    )


def _jitter(pk: int) -> float:
    # Many functions share a strategic-importance rating; a small, stable offset keeps
    # their bubbles from sitting exactly on top of each other.
    return ((pk * 7919) % 17 - 8) / 40


def _bubble_chart(workspace: Workspace, points: list[dict]) -> dict:
    largest = max((float(p["annual_cost"] or 0) for p in points), default=0) or 1
    figure = go.Figure()
    for option in Recommendation:
        rows = [p for p in points if p["option"] == option.value]
        if not rows:
            continue
        figure.add_trace(
            go.Scatter(
                name=OPTION_NAMES[option.value],
                x=[p["strategic"] + _jitter(p["pk"]) for p in rows],
                y=[p["suitability"] for p in rows],
                mode="markers",
                marker={
                    "size": [float(p["annual_cost"] or 0) for p in rows],
                    "sizemode": "area",
                    "sizeref": 2.0 * largest / (46.0**2),
                    "sizemin": 5,
                    "color": OPTION_COLOURS[option.value],
                    "opacity": 0.75,
                    "line": {"width": 1, "color": "white"},
                },
                text=[p["name"] for p in rows],
                customdata=[
                    [
                        reverse("function_detail", args=[workspace.slug, p["pk"]]),
                        p["department__name"] or "—",
                        f"{workspace.currency} {float(p['annual_cost'] or 0):,.0f}",
                    ]
                    for p in rows
                ],
                hovertemplate=(
                    "<b>%{text}</b><br>%{customdata[1]} · %{customdata[2]}<br>"
                    "suitability %{y:.0f}<extra></extra>"
                ),
            )
        )
    figure.update_layout(
        title={"text": "Strategic importance vs outsourcing suitability", "font": {"size": 14}},
        xaxis={
            "title": "Strategic importance (1 = commodity, 5 = core)",
            "range": [0.5, 5.5],
            "tickvals": [1, 2, 3, 4, 5],
            "gridcolor": "#e9ecef",
        },
        yaxis={
            "title": "Best outsourcing score (0–100)",
            "range": [0, 100],
            "gridcolor": "#e9ecef",
        },
        height=440,
        legend={"orientation": "h", "y": -0.2},
    )
    return figure_payload(figure)


def _department_chart(workspace: Workspace, rows: list[dict]) -> dict:
    departments = sorted({row["department_name"] or "No department" for row in rows})
    figure = go.Figure()
    for option in [*Recommendation, None]:
        key = option.value if option else None
        costs = dict.fromkeys(departments, 0.0)
        for row in rows:
            if row["option"] == key:
                costs[row["department_name"] or "No department"] += float(row["cost"])
        if not any(costs.values()):
            continue
        figure.add_trace(
            go.Bar(
                name=OPTION_NAMES[key] if key else "Not assessed",
                y=departments,
                x=list(costs.values()),
                orientation="h",
                marker_color=OPTION_COLOURS[key] if key else "#adb5bd",
                hovertemplate=(
                    f"%{{y}}: {workspace.currency} %{{x:,.0f}}<extra>%{{fullData.name}}</extra>"
                ),
            )
        )
    figure.update_layout(
        title={"text": f"Annual cost by department ({workspace.currency})", "font": {"size": 14}},
        barmode="stack",
        height=max(260, 38 * len(departments) + 120),
        legend={"orientation": "h", "y": -0.15},
        yaxis={"autorange": "reversed"},
        xaxis={"gridcolor": "#e9ecef"},
    )
    return figure_payload(figure)
