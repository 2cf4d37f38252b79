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
