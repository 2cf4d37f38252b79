"""The business-case maths against numpy-financial, on worked cases (no database)."""

import numpy as np
import numpy_financial as npf
import pytest

from businesscase.calculation import (
    RateTable,
    evaluate,
    outsourced_costs,
    sensitivity,
)

# in-house, outsourced, transition, governance, exit, term, discount rate
WORKED = {
    # Offshore payroll: saves 370,000 a year after governance, pays back in 8.1 months.
    "pays back": (1_000_000, 600_000, 250_000, 0.05, 100_000, 5, 0.08),
    # A thin saving at no discount: 5,000 a year never recovers 100,000 in 3 years.
    "not within the term": (500_000, 450_000, 100_000, 0.10, 0, 3, 0.0),
    # Dearer outside than inside: it never pays back at all.
    "never pays back": (300_000, 320_000, 50_000, 0.05, 20_000, 4, 0.10),
}


def case_of(values):
    in_house, outsourced, transition, governance, exit_cost, term, rate = values
    return evaluate(
        in_house=in_house,
        outsourced=outsourced,
        transition=transition,
        governance=governance,
        exit_cost=exit_cost,
        term_years=term,
        discount_rate=rate,
    )


def cash_flows(values):
    in_house, outsourced, transition, governance, exit_cost, term, _ = values
    saving = in_house - outsourced * (1 + governance)
    flows = [-transition] + [saving] * term
    flows[-1] -= exit_cost
    return flows


@pytest.mark.parametrize("name", WORKED)
def test_npv_equals_numpy_financial_to_the_cent(name):
    values = WORKED[name]
    assert float(case_of(values).npv) == pytest.approx(
        npf.npv(values[-1], cash_flows(values)), abs=0.005
    )


def test_worked_case_that_pays_back():
    case = case_of(WORKED["pays back"])
    assert float(case.annual_saving) == 370_000
    assert float(case.saving_pct) == pytest.approx(0.37)
    assert float(case.payback_months) == pytest.approx(250_000 / (370_000 / 12))  # 8.1
    assert bool(case.pays_back)
    # By hand: A(8 %, 5) = 3.9927100; 370,000 × A = 1,477,302.71; exit 100,000 / 1.08⁵ =
    # 68,058.32; NPV = −250,000 + 1,477,302.71 − 68,058.32.
    assert float(case.npv) == pytest.approx(1_159_244.39, abs=0.005)


def test_worked_case_that_does_not_pay_back_within_the_term():
    case = case_of(WORKED["not within the term"])
    assert float(case.annual_saving) == 5_000
    assert float(case.payback_months) == pytest.approx(240)
    assert not bool(case.pays_back)
    assert float(case.npv) == pytest.approx(-85_000, abs=0.005)  # no discounting at 0 %


def test_worked_case_that_never_pays_back():
    case = case_of(WORKED["never pays back"])
    assert float(case.annual_saving) == -36_000
    assert np.isinf(case.payback_months) and not bool(case.pays_back)
    # Cumulative cash never turns positive, as numpy-financial's flows show.
    assert max(np.cumsum(cash_flows(WORKED["never pays back"]))) < 0


@pytest.mark.parametrize("name", WORKED)
def test_break_even_governance_makes_npv_zero(name):
    values = list(WORKED[name])
    values[3] = float(case_of(values).break_even_governance)
    assert float(case_of(values).npv) == pytest.approx(0, abs=0.01)


def test_arrays_broadcast_over_functions_and_shores():
    in_house = np.array([1_000_000.0, 500_000.0])
    outsourced = np.array([[900_000.0, 700_000.0, 600_000.0], [450_000.0, np.nan, 400_000.0]])
    case = evaluate(
        in_house=in_house[:, None],
        outsourced=outsourced,
        transition=np.array([250_000.0, 0.0])[:, None],
        governance=0.05,
        exit_cost=0.0,
        term_years=5,
        discount_rate=0.08,
    )
    assert case.npv.shape == (2, 3)
    assert np.isnan(case.npv[1, 1])  # no vendor nearshore: no case, not a zero
    single = case_of((1_000_000, 600_000, 250_000, 0.05, 0, 5, 0.08))
    assert case.npv[0, 2] == pytest.approx(float(single.npv))


def test_outsourced_cost_is_median_and_best_of_vendors_per_shore():
    # Service line 7: vendor groups 0, 1 offshore (one has two cards), 2 nearshore per hour.
    rates = RateTable(
        line=np.array([7, 7, 7, 7, 8]),
        group=np.array([0, 0, 1, 2, 3]),
        shore=np.array([2, 2, 2, 1, 0]),
        unit=np.array([1, 1, 1, 0, 1]),  # FTE-month, FTE-month, FTE-month, hour, …
        rate=np.array([2000.0, 1800.0, 2600.0, 30.0, 9999.0]),
    )
    costs = outsourced_costs(
        line=np.array([7, 7, -1]),
        fte=np.array([2.0, 0.0, 2.0]),
        monthly_volume=np.array([0.0, 500.0, 0.0]),
        hours_per_fte_year=1800,
        rates=rates,
    )
    # Function 0: offshore vendors at 1,800 (cheaper of two cards) and 2,600 × 12 × 2 FTE.
    assert costs.best[0, 2] == 1800 * 24 and costs.median[0, 2] == (1800 + 2600) * 12
    assert costs.vendors[0].tolist() == [0, 1, 2]
    assert costs.median[0, 1] == 30 * 1800 * 2
    assert np.isnan(costs.median[0, 0])  # line 8's onshore card is another service
    # Function 1 has no FTE: FTE-month and hourly cards cannot be costed.
    assert np.isnan(costs.median[1]).all() and costs.vendors[1].sum() == 0
    assert np.isnan(costs.median[2]).all()  # no service line


def test_tornado_moves_each_assumption_by_twenty_percent():
    base = {
        "in_house": 1_000_000.0,
        "outsourced": 600_000.0,
        "transition": 250_000.0,
        "governance": 0.05,
        "exit_cost": 100_000.0,
        "term_years": 5.0,
        "discount_rate": 0.08,
    }
    result = sensitivity(**base)
    index = result.names.index("outsourced")
    cheaper = case_of((1_000_000, 480_000, 250_000, 0.05, 100_000, 5, 0.08))
    assert result.low[index] == pytest.approx(float(cheaper.npv))
    assert result.high[index] < result.npv < result.low[index]
    for name, value in result.flips_at.items():
        if value is not None:
            assert float(evaluate(**{**base, name: value}).npv) == pytest.approx(0, abs=1)
    # 1,000,000 in-house flips when it falls to what outsourcing costs all in.
    assert result.flips_at["in_house"] < base["in_house"]
    assert result.flips_at["discount_rate"] is None or result.flips_at["discount_rate"] > 0.08
