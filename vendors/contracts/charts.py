"""The contract pages' Plotly figures, as JSON payloads for static/js/charts.js."""

from datetime import date

import plotly.graph_objects as go

from outsourcing.charts import figure_payload

from .models import Contract
from .performance import SCORE_BANDS
from .selectors import Performance, SlaRow

BAND_COLOURS = {
    "very poor": "#b02a37",
    "poor": "#e0a800",
    "average": "#6c9bd2",
    "excellent": "#1f8a70",
}


def timeline_chart(*, contract: Contract, today: date) -> dict:
    """The term as a bar from start to end, with the notice deadline and today marked."""
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=[contract.start_date, contract.end_date],
            y=["Term", "Term"],
            mode="lines+markers+text",
            line={"width": 14, "color": "#9ec5fe"},
            marker={"size": 12, "color": "#2f6fb3"},
            text=["Start", "End"],
            textposition="top center",
            hovertemplate="%{text}: %{x|%d %b %Y}<extra></extra>",
            showlegend=False,
        )
    )
    marks = [("Notice deadline", contract.notice_deadline, "#b02a37", "diamond", "bottom center")]
    if contract.start_date <= today <= contract.end_date:
        # Above the bar, so it never sits on the deadline's label when the two are close.
        marks.append(("Today", today, "#212529", "line-ns-open", "top center"))
    for label, day, colour, symbol, position in marks:
        figure.add_trace(
            go.Scatter(
                x=[day],
                y=["Term"],
                mode="markers+text",
                marker={"size": 16, "color": colour, "symbol": symbol, "line": {"width": 2}},
                text=[label],
                textposition=position,
                hovertemplate=f"{label}: %{{x|%d %b %Y}}<extra></extra>",
                showlegend=False,
            )
        )
    figure.update_layout(height=160, yaxis={"visible": False}, xaxis={"type": "date"})
    return figure_payload(figure)


def sla_chart(*, row: SlaRow) -> dict:
    """An SLA's measurements against its target; breaches in red."""
    sla = row.sla
    months = [m.period_start for m, _, _ in row.measurements]
    values = [float(m.value) for m, _, _ in row.measurements]
    colours = ["#b02a37" if breached else "#1f8a70" for _, _, breached in row.measurements]
    figure = go.Figure(
        [
            go.Scatter(
                x=months,
                y=values,
                mode="lines+markers",
                marker={"color": colours, "size": 8},
                line={"color": "#6c757d"},
                name=sla.metric,
                hovertemplate="%{x|%b %Y}: %{y}<extra></extra>",
            ),
            go.Scatter(
                x=months,
                y=[float(sla.target)] * len(months),
                mode="lines",
                line={"dash": "dash", "color": "#b02a37"},
                name=f"Target {sla.target_label}",
            ),
        ]
    )
    figure.update_layout(
        height=240,
        title={"text": sla.metric, "font": {"size": 14}},
        yaxis={"title": sla.unit},
        legend={"orientation": "h", "y": -0.25},
    )
    return figure_payload(figure)


def _band_shapes() -> list[dict]:
    lower, shapes = 0, []
    for upper, band in (*SCORE_BANDS, (100, "excellent")):
        shapes.append(
            {
                "type": "rect",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": float(lower),
                "y1": float(upper),
                "fillcolor": BAND_COLOURS[band],
                "opacity": 0.08,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        lower = upper
    return shapes


def scorecard_chart(*, series: dict[str, list]) -> dict:
    """Scorecards over time, one line per series, on the bands' background."""
    figure = go.Figure(
        [
            go.Scatter(
                x=[day for day, _ in points],
                y=[float(score) for _, score in points],
                mode="lines+markers",
                name=name,
                hovertemplate="%{x|%b %Y}: %{y}<extra>" + name[:30] + "</extra>",
            )
            for name, points in series.items()
        ]
    )
    figure.update_layout(
        height=260,
        yaxis={"range": [0, 100], "title": "Scorecard (0–100)"},
        shapes=_band_shapes(),
        legend={"orientation": "h", "y": -0.2},
    )
    return figure_payload(figure)


def performance_charts(*, performance: Performance) -> dict:
    series = {
        "Scorecard": [
            (p.period_start, p.outcome.score)
            for p in reversed(performance.periods)
            if p.outcome.score is not None
        ]
    }
    return {
        "scorecard": scorecard_chart(series=series) if series["Scorecard"] else None,
        "slas": [
            (f"sla-chart-{row.sla.pk}", row.sla.metric, sla_chart(row=row))
            for row in performance.slas
            if row.measurements
        ],
    }
