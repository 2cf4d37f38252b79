"""Bad ratings and weights are refused with messages naming the row, column and value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from assessments.scoring import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    FACTORS,
    InvalidRatings,
    InvalidWeights,
    ScoringError,
    score_batch,
    score_one,
)

from .scoring_cases import CANONICAL, as_mapping

PAYROLL = CANONICAL["Payroll processing"][0]


def frame(*rows: tuple[int | float | str | None, ...], index: list | None = None) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(FACTORS), index=index)


def test_a_rating_above_5_names_row_factor_and_value() -> None:
    bad = list(PAYROLL)
    bad[FACTORS.index("data_sensitivity")] = 6
    with pytest.raises(InvalidRatings) as caught:
        score_batch(frame(PAYROLL, PAYROLL, PAYROLL, tuple(bad)))
    assert str(caught.value) == "row 3, data_sensitivity: 6 is not between 1 and 5"


def test_rows_are_named_by_the_index_label() -> None:
    bad = (0, *PAYROLL[1:])
    with pytest.raises(InvalidRatings, match=r"^row helpdesk, strategic_importance: 0 is not"):
        score_batch(frame(PAYROLL, bad, index=["payroll", "helpdesk"]))


def test_missing_factor_columns_are_listed() -> None:
    ratings = frame(PAYROLL).drop(columns=["control_need", "demand_variability"])
    with pytest.raises(InvalidRatings) as caught:
        score_batch(ratings)
    assert str(caught.value) == "missing factor column(s): control_need, demand_variability"


def test_a_missing_factor_in_one_function_is_named() -> None:
    ratings = as_mapping(PAYROLL)
    del ratings["control_need"]
    with pytest.raises(InvalidRatings, match=r"^missing factor\(s\): control_need$"):
        score_one(ratings)


def test_nan_is_reported_as_a_missing_value() -> None:
    ratings = frame(PAYROLL).astype(float)
    ratings.loc[0, "control_need"] = np.nan
    with pytest.raises(InvalidRatings, match=r"^row 0, control_need: missing value \(NaN\)$"):
        score_batch(ratings)


def test_half_ratings_are_rejected_and_whole_floats_accepted() -> None:
    with pytest.raises(InvalidRatings) as caught:
        score_one({**as_mapping(PAYROLL), "repetitiveness": 2.5})
    assert (
        str(caught.value)
        == "repetitiveness: 2.5 is not a whole number (ratings are 1, 2, 3, 4 or 5)"
    )
    as_floats = score_batch(frame(PAYROLL).astype(float))
    pd.testing.assert_frame_equal(as_floats, score_batch(frame(PAYROLL)))


def test_text_that_is_not_a_number_is_quoted() -> None:
    ratings = frame(PAYROLL).astype(object)
    ratings.loc[0, "repetitiveness"] = "high"
    with pytest.raises(InvalidRatings, match=r"^row 0, repetitiveness: 'high' is not a number$"):
        score_batch(ratings)


def test_infinity_is_out_of_range() -> None:
    with pytest.raises(InvalidRatings, match="row 0, cost_saving_potential: inf is not between"):
        score_batch(np.array([[1, np.inf, 5, 2, 2, 2, 3, 2]]))


def test_an_array_of_the_wrong_shape_is_refused() -> None:
    with pytest.raises(InvalidRatings, match=r"shape \(n, 8\).*got shape \(2, 7\)"):
        score_batch(np.ones((2, 7)))


def test_many_bad_cells_are_summarised_after_twenty() -> None:
    ratings = np.tile(np.array(PAYROLL), (1000, 1))
    ratings[::10, 0] = 9  # 100 bad rows
    with pytest.raises(InvalidRatings) as caught:
        score_batch(ratings)
    error = caught.value
    assert error.total == 100
    assert len(error.problems) == 20
    assert error.problems[1] == "row 10, strategic_importance: 9 is not between 1 and 5"
    assert str(error).endswith("; and 80 more")


def test_all_problems_in_one_row_are_reported_together() -> None:
    with pytest.raises(InvalidRatings) as caught:
        score_one({**as_mapping(PAYROLL), "control_need": 0, "data_sensitivity": 7})
    assert caught.value.problems == (
        "control_need: 0 is not between 1 and 5",
        "data_sensitivity: 7 is not between 1 and 5",
    )


def test_weights_that_do_not_sum_to_one_are_normalised() -> None:
    percentages = {c: 100 * w for c, w in DEFAULT_WEIGHTS.items()}
    scored = score_one(as_mapping(PAYROLL), percentages)
    assert scored.weights == pytest.approx(DEFAULT_WEIGHTS)
    assert scored.scores == score_one(as_mapping(PAYROLL)).scores


def test_a_negative_weight_is_named() -> None:
    with pytest.raises(InvalidWeights) as caught:
        score_one(as_mapping(PAYROLL), {**DEFAULT_WEIGHTS, "cost": -0.1})
    assert str(caught.value) == "weight for 'cost' is negative (-0.1)"


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_a_weight_that_is_not_finite_is_refused(value: float) -> None:
    with pytest.raises(InvalidWeights, match="weight for 'control' is not a finite number"):
        score_batch(frame(PAYROLL), {**DEFAULT_WEIGHTS, "control": value})


def test_a_missing_criterion_is_named() -> None:
    weights = {c: w for c, w in DEFAULT_WEIGHTS.items() if c != "flexibility"}
    with pytest.raises(InvalidWeights, match=r"^missing weight for criterion\(s\): flexibility$"):
        score_batch(frame(PAYROLL), weights)


def test_an_unknown_criterion_is_named() -> None:
    with pytest.raises(InvalidWeights, match=r"unknown criterion 'price'"):
        score_batch(frame(PAYROLL), {**DEFAULT_WEIGHTS, "price": 0.1})


def test_all_zero_weights_are_refused() -> None:
    with pytest.raises(InvalidWeights, match="all weights are zero"):
        score_batch(frame(PAYROLL), dict.fromkeys(CRITERIA, 0))


def test_a_weight_that_is_not_a_number_is_refused() -> None:
    with pytest.raises(InvalidWeights, match=r"weight for 'cost' is not a number \('high'\)"):
        score_batch(frame(PAYROLL), {**DEFAULT_WEIGHTS, "cost": "high"})


def test_scoring_errors_are_value_errors() -> None:
    assert issubclass(InvalidRatings, ScoringError)
    assert issubclass(ScoringError, ValueError)


def test_weights_whose_sum_overflows_are_refused_not_turned_into_a_silent_tie() -> None:
    huge = dict.fromkeys(CRITERIA, 1e308)
    with pytest.raises(InvalidWeights, match="too large to add up"):
        score_one(as_mapping(PAYROLL), huge)


def test_a_boolean_weight_is_refused_by_name() -> None:
    with pytest.raises(InvalidWeights, match="'cost' is a yes/no value \\(True\\)"):
        score_one(as_mapping(PAYROLL), {**DEFAULT_WEIGHTS, "cost": True})


def test_a_boolean_rating_is_refused_not_read_as_1() -> None:
    ratings = {**as_mapping(PAYROLL), "control_need": True}
    with pytest.raises(InvalidRatings, match="control_need: True is a yes/no value"):
        score_one(ratings)


def test_a_boolean_cell_in_an_upload_names_its_row() -> None:
    table = frame(PAYROLL, PAYROLL).astype(object)
    table.iloc[1, 2] = False
    with pytest.raises(InvalidRatings, match="row 1, repetitiveness: False is a yes/no value"):
        score_batch(table)
    with pytest.raises(InvalidRatings, match="row 0, strategic_importance: True"):
        score_batch(np.ones((2, len(FACTORS)), dtype=bool))
