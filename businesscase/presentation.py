"""How a business case reads: the plain sentence per shore, the tornado chart, the flip
points in their own units."""

import math
from decimal import Decimal

import plotly.graph_objects as go

from businesscase.calculation import Sensitivity
from outsourcing.charts import department_stack_figure, figure_payload


def money_words(amount: float, currency: str) -> str:
    """410000 → "EUR 410,000"; 1,600,000 → "EUR 1.6 M" (a sentence, not a ledger)."""
    sign = "−" if amount < 0 else ""
    amount = abs(amount)
    if amount >= 1_000_000:
        return f"{sign}{currency} {amount / 1_000_000:,.1f} M"
    return f"{sign}{currency} {amount:,.0f}"


def number_words(value) -> str:
    """Decimal("8.00") → "8", Decimal("7.50") → "7.5": a rate as a person types it."""
    return format(Decimal(value).normalize(), "f")


def months_words(months: float) -> str:
    if months < 1:
        return "at once"
    return f"in {math.ceil(months)} month{'s' if math.ceil(months) != 1 else ''}"


def shore_sentence(values: dict, currency: str, term: int, discount: Decimal) -> str:
    """ "Offshore saves EUR 410,000 a year (38 %), pays back in 7 months; NPV over 5 years
    EUR 1.6 M at 8 %." """
    label = values["shore"].label
    saving = values["annual_saving"]
    npv_words = money_words(values["npv"], currency)
    npv = f"NPV over {term} years {npv_words} at {number_words(discount)} %"
    if saving <= 0:
        return (
            f"{label} costs {money_words(-saving, currency)} a year more than keeping it "
            f"in-house, so it never pays back; {npv}."
        )
    share = f"{values['saving_pct'] * 100:.0f} %"
    head = f"{label} saves {money_words(saving, currency)} a year ({share})"
    if values["pays_back"]:
        return f"{head}, pays back {months_words(values['payback_months'])}; {npv}."
    return f"{head}, but does not pay back within the {term}-year term; {npv}."


# How each assumption's flip point is written.
_FLIP_FORMAT = {
    "governance": lambda v: f"{v * 100:.1f} %",
    "discount_rate": lambda v: f"{v * 100:.1f} %",
    "term_years": lambda v: f"{v:.1f} years",
}


def flip_rows(sensitivity: Sensitivity, currency: str) -> list[tuple[str, str, str]]:
    """(assumption, value today, value at which the NPV changes sign) for the page."""
    rows = []
    for name, label in zip(sensitivity.names, sensitivity.labels, strict=True):
        show = _FLIP_FORMAT.get(name, lambda v: money_words(v, currency))
        flip = sensitivity.flips_at[name]
        rows.append(
            (
                label,
                show(sensitivity.base[name]),
                show(flip) if flip is not None else "no value in range",
            )
        )
    return rows


def tornado_chart(sensitivity: Sensitivity, shore, currency: str) -> dict:
    """NPV when each assumption moves −20 % and +20 %, widest swing on top."""
    swings = [abs(h - lo) for lo, h in zip(sensitivity.low, sensitivity.high, strict=True)]
    order = sorted(range(len(swings)), key=lambda i: swings[i])
    labels = [sensitivity.labels[i] for i in order]
    base = sensitivity.npv
    figure = go.Figure()
    for name, values, colour in (
        ("−20 %", [sensitivity.low[i] for i in order], "#b5651d"),
        ("+20 %", [sensitivity.high[i] for i in order], "#2f6fb3"),
    ):
        figure.add_trace(
            go.Bar(
                name=name,
                y=labels,
                x=[value - base for value in values],
                base=base,
                orientation="h",
                marker_color=colour,
                customdata=[money_words(value, currency) for value in values],
                hovertemplate=f"%{{y}} {name}: NPV %{{customdata}}<extra></extra>",
            )
        )
    figure.add_vline(x=0, line_color="#dc3545", line_dash="dot")
    figure.update_layout(
        title={
            "text": f"{shore.shore.label}: NPV at ±20 % ({currency})",
            "font": {"size": 14},
        },
        barmode="overlay",
        height=120 + 40 * len(labels),
        legend={"orientation": "h", "y": -0.15},
        xaxis={"gridcolor": "#e9ecef", "zeroline": False},
    )
    return figure_payload(figure)


def savings_by_department_chart(rows: list[dict], currency: str) -> dict | None:
    """Projected annual saving (best shore) per department, stacked by recommendation."""
    if not rows:
        return None
    amounts = [
        (
            row["function__department__name"],
            row["function__latest_assessment__recommendation"],
            float(row["saving"]),
        )
        for row in rows
    ]
    figure = department_stack_figure(
        amounts,
        title=f"Projected annual saving by department ({currency}, best shore)",
        hover=f"{currency} %{{x:,.0f}} a year",
    )
    return figure_payload(figure)
