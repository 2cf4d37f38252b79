"""Charts of one function's result: the option scores and what drove them."""

import plotly.graph_objects as go

from assessments import scoring
from assessments.models import FACTOR_FIELDS, Assessment
from outsourcing.charts import OPTION_COLOURS, OPTION_NAMES, figure_payload


def option_scores_chart(assessment: Assessment) -> dict:
    """Horizontal bars of the four option scores, the recommendation highlighted (with no
    clear call, the options level at the top)."""
    options = list(scoring.OPTIONS)[::-1]
    scores = [assessment.scores[o] for o in options]
    top = assessment.scores[assessment.leader]
    highlighted = {o for o in options if top - assessment.scores[o] < scoring.NO_CLEAR_CALL_MARGIN}
    figure = go.Figure(
        go.Bar(
            x=scores,
            y=[OPTION_NAMES[o] for o in options],
            orientation="h",
            marker={
                "color": [OPTION_COLOURS[o] for o in options],
                "opacity": [1 if o in highlighted else 0.45 for o in options],
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
    """Per factor, the points it added to (or took from) the leader and the runner-up."""
    labels = [scoring.FACTOR_INFO[f].label for f in FACTOR_FIELDS][::-1]
    leader = assessment.leader
    role = "recommended" if assessment.is_clear_call else "level, no clear call"
    winner = assessment.contributions["winner"]
    runner_up = assessment.contributions["runner_up"]
    figure = go.Figure(
        [
            go.Bar(
                name=f"{OPTION_NAMES[leader]} ({role})",
                y=labels,
                x=[winner[f] for f in FACTOR_FIELDS][::-1],
                orientation="h",
                marker_color=OPTION_COLOURS[leader],
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
