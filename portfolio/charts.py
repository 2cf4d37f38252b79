"""The portfolio's plotly figures: the dashboard draws them, the report exports them."""

import plotly.graph_objects as go
from django.urls import reverse

from assessments.models import SourcingOption
from outsourcing.charts import OPTION_COLOURS, OPTION_NAMES, figure_payload
from outsourcing.models import Workspace


def _jitter(pk: int) -> float:
    # Many functions share a strategic-importance rating; a small, stable offset keeps
    # their bubbles from sitting exactly on top of each other.
    return ((pk * 7919) % 17 - 8) / 40


def bubble_chart(workspace: Workspace, points: list[dict]) -> dict:
    largest = max((float(p["annual_cost"] or 0) for p in points), default=0) or 1
    figure = go.Figure()
    for option in SourcingOption:
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


def department_chart(workspace: Workspace, rows: list[dict]) -> dict:
    departments = sorted({row["department_name"] or "No department" for row in rows})
    figure = go.Figure()
    for option in [*SourcingOption, None]:
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
