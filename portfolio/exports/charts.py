"""Which figures each report section draws, built from the report's snapshot alone."""

import plotly.graph_objects as go

from portfolio.charts import bubble_figure, count_bar_figure, department_figure, option_mix_figure

BAND_COLOURS = {"holds": "#198754", "mostly": "#e0a800", "fragile": "#b02a37"}


def section_figures(key: str, data: dict, currency: str) -> list[tuple[go.Figure, int, int]]:
    """(figure, width px, height px) for each chart of a section; none when it has no data."""
    if not data.get("available"):
        return []
    if key in ("summary", "mix"):
        if not any(row["count"] for row in data.get("by_option", [])):
            return []
        charts = [(option_mix_figure(data["by_option"], currency=currency), 800, 330)]
        if key == "mix":
            figure = department_figure(data["by_department"], currency=currency)
            charts.append((figure, 800, int(figure.layout.height)))
        return charts
    if key == "matrix" and data["points"]:
        return [(bubble_figure(data["points"], currency=currency), 800, 520)]
    if key == "robustness" and data["assessed"]:
        bands = data["bands"]
        figure = count_bar_figure(
            [b["label"] for b in bands],
            [b["count"] for b in bands],
            title="Recommendations under ±20 % weight changes",
            colours=[BAND_COLOURS[b["band"]] for b in bands],
        )
        return [(figure, 800, 260)]
    if key == "risks" and any(f["count"] for f in data["flags"]):
        flags = data["flags"]
        figure = count_bar_figure(
            [f["title"] for f in flags],
            [f["count"] for f in flags],
            title="Risk flags raised",
            colours=["#b02a37" if f["count"] else "#198754" for f in flags],
        )
        return [(figure, 800, 280)]
    if key == "methodology":
        criteria = data["criteria"]
        figure = count_bar_figure(
            [c["label"] for c in criteria],
            [round(c["weight"] * 100, 1) for c in criteria],
            title="Criteria weights in force (%)",
            colours="#1d3557",
        )
        return [(figure, 800, 300)]
    return []
