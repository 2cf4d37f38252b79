"""Charts of one function's result: the option scores and what drove them."""

import plotly.graph_objects as go

from assessments import scoring
from assessments.models import FACTOR_FIELDS, Assessment
from outsourcing.charts import OPTION_COLOURS, OPTION_NAMES, figure_payload


def option_scores_chart(assessment: Assessment) -> dict:
    """Horizontal bars of the four option scores, the recommendation highlighted."""
    options = list(scoring.OPTIONS)[::-1]
    scores = [assessment.scores[o] for o in options]
    figure = go.Figure(
        go.Bar(
            x=scores,
            y=[OPTION_NAMES[o] for o in options],
            orientation="h",
            marker={
                "color": [OPTION_COLOURS[o] for o in options],
                "opacity": [1 if o == assessment.recommendation else 0.45 for o in options],
            },
            text=[f"{s:.0f}" for s in scores],
            textposition="outside",
            hovertemplate="%{y}: %{x:.1f}<extra></extra>",
        )
    )
    figure.update_layout(
        title={"text": "Score by option (0–100)", "font": {"size": 14}},
        xaxis={"range": [0, 105], "showgrid": True, "gridcolor": "#e9ecef"},
        height=260,
    )
    return figure_payload(figure)


def contributions_chart(assessment: Assessment) -> dict:
    """Per factor, the points it added to (or took from) the winner and the runner-up."""
    labels = [scoring.FACTOR_INFO[f].label for f in FACTOR_FIELDS][::-1]
    winner = assessment.contributions["winner"]
    runner_up = assessment.contributions["runner_up"]
    figure = go.Figure(
        [
            go.Bar(
                name=f"{OPTION_NAMES[assessment.recommendation]} (recommended)",
                y=labels,
                x=[winner[f] for f in FACTOR_FIELDS][::-1],
                orientation="h",
                marker_color=OPTION_COLOURS[assessment.recommendation],
                hovertemplate="%{y}: %{x:+.1f} points<extra></extra>",
            ),
            go.Bar(
                name=f"{OPTION_NAMES[assessment.runner_up]} (runner-up)",
                y=labels,
                x=[runner_up[f] for f in FACTOR_FIELDS][::-1],
                orientation="h",
                marker_color=OPTION_COLOURS[assessment.runner_up],
                opacity=0.55,
                hovertemplate="%{y}: %{x:+.1f} points<extra></extra>",
            ),
        ]
    )
    figure.update_layout(
        title={"text": "What pushed the scores (points per factor)", "font": {"size": 14}},
        barmode="group",
        height=380,
        legend={"orientation": "h", "y": -0.12},
        xaxis={"zeroline": True, "zerolinecolor": "#6c757d", "gridcolor": "#e9ecef"},
    )
    return figure_payload(figure)
