"""The portfolio's plotly figures: the dashboard draws them in the page, the report exports
the same figures as static images for its PDF.

Each `*_figure` takes plain rows (what a selector or a report snapshot holds) and returns a
`go.Figure`; the dashboard wraps it with `figure_payload` for plotly.js.
"""

import plotly.graph_objects as go
from django.urls import reverse

from assessments.models import Recommendation
from outsourcing.charts import (
    GRID,
    NOT_ASSESSED_COLOUR,
    OPTION_COLOURS,
    OPTION_NAMES,
    department_stack_figure,
    figure_payload,
)
from outsourcing.models import Workspace


def _jitter(pk: int) -> float:
    # Many functions share a strategic-importance rating; a small, stable offset keeps
    # their bubbles from sitting exactly on top of each other.
    return ((pk * 7919) % 17 - 8) / 40


def bubble_figure(points: list[dict], *, currency: str, links: dict | None = None) -> go.Figure:
    """Strategic importance against the best outsourcing score; bubble area = annual cost.

    `points`: pk, name, department, option, strategic, suitability, cost (number or text).
    `links`: pk → URL, for the page's click-through (none in a PDF).
    """
    largest = max((float(p["cost"] or 0) for p in points), default=0) or 1
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
                    "size": [float(p["cost"] or 0) for p in rows],
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
                        (links or {}).get(p["pk"], ""),
                        p["department"] or "—",
                        f"{currency} {float(p['cost'] or 0):,.0f}",
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
            "gridcolor": GRID,
        },
        yaxis={"title": "Best outsourcing score (0–100)", "range": [0, 100], "gridcolor": GRID},
        height=440,
        legend={"orientation": "h", "y": -0.2},
    )
    return figure


def department_figure(rows: list[dict], *, currency: str) -> go.Figure:
    """Annual cost by department, stacked by recommendation.

    `rows`: department (None for none), option (None or "NONE" when not assessed), cost.
    """
    amounts = [
        (row["department"], row["option"] if row["option"] != "NONE" else None, float(row["cost"]))
        for row in rows
    ]
    return department_stack_figure(
        amounts,
        title=f"Annual cost by department ({currency})",
        hover=f"{currency} %{{x:,.0f}}",
    )


def option_mix_figure(by_option: list[dict], *, currency: str) -> go.Figure:
    """Functions and annual cost by recommended option, side by side."""
    rows = [row for row in by_option if row["count"]]
    colours = [OPTION_COLOURS.get(row["option"], NOT_ASSESSED_COLOUR) for row in rows]
    labels = [OPTION_NAMES.get(row["option"], "Not assessed") for row in rows]
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=labels,
            y=[row["count"] for row in rows],
            marker_color=colours,
            name="Functions",
            xaxis="x",
            yaxis="y",
            showlegend=False,
        )
    )
    figure.add_trace(
        go.Bar(
            x=labels,
            y=[float(row["cost"]) for row in rows],
            marker_color=colours,
            name=f"Annual cost ({currency})",
            xaxis="x2",
            yaxis="y2",
            showlegend=False,
        )
    )
    figure.update_layout(
        title={"text": "Recommended sourcing mix", "font": {"size": 14}},
        grid={"rows": 1, "columns": 2, "pattern": "independent"},
        yaxis={"title": "Functions", "gridcolor": GRID},
        yaxis2={"title": f"Annual cost ({currency})", "gridcolor": GRID},
        height=320,
    )
    return figure


def count_bar_figure(labels: list[str], counts: list[int], *, title: str, colours) -> go.Figure:
    """One horizontal bar per label (robustness bands, risk flags)."""
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=counts,
            orientation="h",
            marker_color=colours,
            text=counts,
            textposition="auto",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_layout(
        title={"text": title, "font": {"size": 14}},
        height=max(200, 46 * len(labels) + 90),
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"gridcolor": GRID, "rangemode": "tozero"},
    )
    return figure


def bubble_chart(workspace: Workspace, points: list[dict]) -> dict:
    """The dashboard's bubble chart, each bubble linking to its function."""
    links = {p["pk"]: reverse("function_detail", args=[workspace.slug, p["pk"]]) for p in points}
    return figure_payload(bubble_figure(points, currency=workspace.currency, links=links))


def department_chart(workspace: Workspace, rows: list[dict]) -> dict:
    return figure_payload(department_figure(rows, currency=workspace.currency))
