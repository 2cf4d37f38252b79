"""SLA arithmetic on hand-computed examples (no database)."""

from datetime import date
from decimal import Decimal as D

from vendors.contracts.performance import (
    SlaResult,
    attainment,
    is_breach,
    period_outcome,
    score_band,
)
from vendors.contracts.terms import due_thresholds, notice_deadline_for, renewed_end


def test_worked_example_of_credits_and_scorecard():
    # A contract worth 1,200,000 a year, 10 % of the monthly fee at risk:
    #   monthly fee = 1,200,000 / 12 = 100,000; at-risk amount = 10 % × 100,000 = 10,000.
    # Three SLAs in a month:
    #   A "calls answered in 20 s ≥ 80 %", pool weight 50 %, credit 40 % of its share,
    #     measured 72 → breached (72 / 80 = 90 % of target);
    #     credit 10,000 × 50 % × 40 % = 2,000 (the example in docs/domain.md)
    #   B "payables accuracy ≥ 98 %", weight 30 %, measured 99 → met (100 % of target)
    #   C "abandonment ≤ 7 %", weight 20 %, credit 100 %, measured 10 → breached
    #     (7 / 10 = 70 % of target); credit 10,000 × 20 % × 100 % = 2,000
    # Credits 2,000 + 2,000 = 4,000 (under the 10,000 cap).
    # Scorecard: only B met, (100 × 30) / (50 + 30 + 20) = 30 → "poor" (very poor is below 30).
    a = attainment(value=D(72), target=D(80), at_least=True)
    b = attainment(value=D(99), target=D(98), at_least=True)
    c = attainment(value=D(10), target=D(7), at_least=False)
    assert (a, b, c) == (D("90.00"), D("100.00"), D("70.00"))
    outcome = period_outcome(
        period_fee=D(1_200_000) / 12,
        at_risk_percent=D(10),
        results=[
            SlaResult(D(50), D(40), True),
            SlaResult(D(30), D(100), False),
            SlaResult(D(20), D(100), True),
        ],
    )
    assert outcome.at_risk_amount == D("10000.00")
    assert outcome.credits == D("4000.00")
    assert not outcome.capped
    assert outcome.score == D("30.0")
    assert outcome.band == "poor"


def test_credits_are_capped_at_the_at_risk_amount():
    # Pool weights add up to 250 %: all three breached at full credit would be
    # 1,000 × (100 + 100 + 50) % = 2,500, capped at the at-risk amount of 1,000.
    results = [SlaResult(D(w), D(100), True) for w in (100, 100, 50)]
    outcome = period_outcome(period_fee=D(10_000), at_risk_percent=D(10), results=results)
    assert outcome.credits_before_cap == D("2500.00")
    assert outcome.credits == D("1000.00")
    assert outcome.capped


def test_breach_follows_the_direction():
    assert is_breach(value=D("79.9"), target=D(80), at_least=True)
    assert not is_breach(value=D(80), target=D(80), at_least=True)
    assert is_breach(value=D("7.1"), target=D(7), at_least=False)
    assert not is_breach(value=D(0), target=D(7), at_least=False)
    assert attainment(value=D(0), target=D(7), at_least=False) == D(100)


def test_score_bands_have_the_documented_bounds():
    assert [score_band(D(s)) for s in (0, 29.9, 30, 49.9, 50, 79.9, 80, 100)] == [
        "very poor",
        "very poor",
        "poor",
        "poor",
        "average",
        "average",
        "excellent",
        "excellent",
    ]


def test_notice_deadline_is_end_minus_notice_period():
    assert notice_deadline_for(end_date=date(2027, 12, 31), notice_period_days=180) == date(
        2027, 7, 4
    )


def test_renewal_from_a_leap_day_lands_on_the_last_day_of_february():
    assert renewed_end(end_date=date(2028, 2, 29), renewal_term_months=12) == date(2029, 2, 28)
    assert renewed_end(end_date=date(2026, 1, 31), renewal_term_months=1) == date(2026, 2, 28)


def test_due_thresholds_include_missed_ones_until_the_deadline_passes():
    deadline = date(2026, 6, 30)
    assert due_thresholds(notice_deadline=deadline, today=date(2026, 4, 1)) == [90]
    assert due_thresholds(notice_deadline=deadline, today=date(2026, 6, 1)) == [90, 60, 30]
    assert due_thresholds(notice_deadline=deadline, today=deadline) == [90, 60, 30, 7, 0]
    assert due_thresholds(notice_deadline=deadline, today=date(2026, 7, 1)) == []
    assert due_thresholds(notice_deadline=deadline, today=date(2026, 3, 1)) == []
