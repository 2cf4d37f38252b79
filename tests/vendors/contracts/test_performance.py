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
    #     measured 72 → breached; attainment 72 / 80 = 90 %; credit 10,000 × 50 % × 40 % = 2,000
    #   B "abandonment ≤ 7 %", weight 30 %, credit 100 %, measured 10 → breached;
    #     attainment 7 / 10 = 70 %; credit 10,000 × 30 % × 100 % = 3,000
    #   C "payables accuracy ≥ 98 %", weight 20 %, measured 99 → met; attainment 100 %
    # Credits 2,000 + 3,000 = 5,000 (under the 10,000 cap).
    # Scorecard (90 × 50 + 70 × 30 + 100 × 20) / (50 + 30 + 20) = (4,500 + 2,100 + 2,000) / 100
    #   = 86 → "excellent".
    a = attainment(value=D(72), target=D(80), at_least=True)
    b = attainment(value=D(10), target=D(7), at_least=False)
    c = attainment(value=D(99), target=D(98), at_least=True)
    assert (a, b, c) == (D("90.00"), D("70.00"), D("100.00"))
    outcome = period_outcome(
        period_fee=D(1_200_000) / 12,
        at_risk_percent=D(10),
        results=[
            SlaResult(D(50), D(40), a, True),
            SlaResult(D(30), D(100), b, True),
            SlaResult(D(20), D(100), c, False),
        ],
    )
    assert outcome.at_risk_amount == D("10000.00")
    assert outcome.credits == D("5000.00")
    assert not outcome.capped
    assert outcome.score == D("86.0")
    assert outcome.band == "excellent"


def test_credits_are_capped_at_the_at_risk_amount():
    # Pool weights add up to 250 %: all three breached at full credit would be
    # 1,000 × (100 + 100 + 50) % = 2,500, capped at the at-risk amount of 1,000.
    results = [SlaResult(D(w), D(100), D(50), True) for w in (100, 100, 50)]
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
