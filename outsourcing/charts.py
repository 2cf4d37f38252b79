"""Plotly figures as the JSON a page hands to plotly.js (static/js/charts.js draws them)."""

import json

import plotly.graph_objects as go

# One colour per sourcing option, the same as the badges in static/css/sourcewise.css.
OPTION_COLOURS = {
    "BPO": "#2f6fb3",
    "KPO": "#7b4fb0",
    "ITO": "#1f8a70",
    "IN_HOUSE": "#b5651d",
    "NO_CALL": "#868e96",
}
NOT_ASSESSED_COLOUR = "#adb5bd"
GRID = "#e9ecef"
OPTION_NAMES = {
    "BPO": "BPO",
    "KPO": "KPO",
    "ITO": "ITO",
    "IN_HOUSE": "In-house",
    "NO_CALL": "No clear call",
}


def figure_payload(figure: go.Figure) -> dict:
    """A figure as plain JSON data (numpy arrays included), with the house layout."""
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 13},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return json.loads(figure.to_json())


def department_stack_figure(
    amounts: list[tuple[str | None, str | None, float]], *, title: str, hover: str
) -> go.Figure:
    """One horizontal bar per department, stacked by recommendation.

    `amounts`: (department name or None, recommendation key or None when not assessed,
    amount) triples, several per department and option allowed. `hover` is the plotly
    hover template of a bar's amount, e.g. "EUR %{x:,.0f}".
    """
    departments = sorted({department or "No department" for department, _, _ in amounts})
    figure = go.Figure()
    for option in [*OPTION_NAMES, None]:
        totals = dict.fromkeys(departments, 0.0)
        for department, key, amount in amounts:
            if key == option:
                totals[department or "No department"] += amount
        if not any(totals.values()):
            continue
        figure.add_trace(
            go.Bar(
                name=OPTION_NAMES[option] if option else "Not assessed",
                y=departments,
                x=list(totals.values()),
                orientation="h",
                marker_color=OPTION_COLOURS[option] if option else NOT_ASSESSED_COLOUR,
                hovertemplate=f"%{{y}}: {hover}<extra>%{{fullData.name}}</extra>",
            )
        )
    figure.update_layout(
        title={"text": title, "font": {"size": 14}},
        barmode="relative",
        height=max(260, 38 * len(departments) + 120),
        legend={"orientation": "h", "y": -0.15},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"gridcolor": GRID},
    )
    return figure
