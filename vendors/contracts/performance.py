"""SLA arithmetic, pure: attainment, breach, service credits and the vendor scorecard.

The rules (docs/domain.md, *Contracts and service levels*, and *How Sourcewise scores
service levels* there):

- **Performance against target** of a measurement, 0–100: for "at least" targets, value ÷
  target; for "at most" targets, target ÷ value; capped at 100 (no bonus for beating it).
  Shown beside each SLA, so a near miss reads differently from a collapse.
- **Breach**: the value misses the target (below an "at least", above an "at most").
- **Service credit** of a breached SLA = at-risk amount × pool weight % × credit %, where
  the at-risk amount is `at_risk_percent` of the period's fee. The period's credits are
  capped at the at-risk amount (pool weights may add up to more than 100 %, as in many
  contracts, so the cap does bite).
- **Scorecard** of a period, 0–100: SLA attainment, the share of the SLAs (weighted by
  pool weight) that met their target, in bands. A vendor missing the SLAs that carry half
  the pool scores 50, however narrowly it missed.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

HUNDRED = Decimal(100)
CENT = Decimal("0.01")

# (upper bound, band) from the lowest: a score below the bound falls in the band.
SCORE_BANDS = ((Decimal(30), "very poor"), (Decimal(50), "poor"), (Decimal(80), "average"))
TOP_BAND = "excellent"


def is_breach(*, value: Decimal, target: Decimal, at_least: bool) -> bool:
    return value < target if at_least else value > target


def attainment(*, value: Decimal, target: Decimal, at_least: bool) -> Decimal:
    """How much of the target was delivered, 0–100 (see the module docstring)."""
    if at_least:
        ratio = HUNDRED if target == 0 else value / target * HUNDRED
    else:
        ratio = HUNDRED if value <= target or value == 0 else target / value * HUNDRED
    return max(Decimal(0), min(HUNDRED, ratio)).quantize(CENT, ROUND_HALF_UP)


def score_band(score: Decimal | None) -> str:
    """very poor (< 30), poor (< 50), average (< 80), excellent (80 and more)."""
    if score is None:
        return ""
    for bound, band in SCORE_BANDS:
        if score < bound:
            return band
    return TOP_BAND


@dataclass(frozen=True)
class SlaResult:
    """One SLA's measurement in one period, as the pool sees it."""

    pool_weight: Decimal  # % of the at-risk amount this SLA's breach puts in play
    credit_percent: Decimal  # % of its share a breach costs
    breached: bool


@dataclass(frozen=True)
class PeriodOutcome:
    at_risk_amount: Decimal
    credits_before_cap: Decimal
    credits: Decimal
    capped: bool
    score: Decimal | None
    band: str


def period_outcome(*, period_fee: Decimal, at_risk_percent: Decimal, results: list[SlaResult]):
    """The period's service credits (capped at the at-risk amount) and scorecard."""
    at_risk = (period_fee * at_risk_percent / HUNDRED).quantize(CENT, ROUND_HALF_UP)
    raw = sum(
        (
            at_risk * r.pool_weight / HUNDRED * r.credit_percent / HUNDRED
            for r in results
            if r.breached
        ),
        Decimal(0),
    ).quantize(CENT, ROUND_HALF_UP)
    total_weight = sum((r.pool_weight for r in results), Decimal(0))
    score = (
        (sum(HUNDRED * r.pool_weight for r in results if not r.breached) / total_weight).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        if total_weight
        else None
    )
    return PeriodOutcome(
        at_risk_amount=at_risk,
        credits_before_cap=raw,
        credits=min(raw, at_risk),
        capped=raw > at_risk,
        score=score,
        band=score_band(score),
    )
