"""Sensitivity: weight intervals hold exactly to their edges; robustness is honest and seeded."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from assessments.scoring import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    FACTORS,
    InvalidRatings,
    ScoringError,
    robustness,
    score_one,
    weight_intervals,
)
from assessments.scoring import sensitivity as sensitivity_module

from .scoring_cases import CANONICAL, CLOSE_CALL, LIKE, as_mapping

RESOLUTION = 0.001


def with_weight(criterion: str, value: float) -> dict[str, float]:
    """DEFAULT_WEIGHTS with one criterion set to ``value``, the others rescaled to fill 1."""
    rest = 1.0 - DEFAULT_WEIGHTS[criterion]
    weights = {c: w * (1.0 - value) / rest for c, w in DEFAULT_WEIGHTS.items()}
    weights[criterion] = value
    return weights


@pytest.mark.parametrize("name", [*CANONICAL, *LIKE])
def test_recommendation_holds_inside_each_interval_and_changes_just_outside(name: str) -> None:
    ratings = as_mapping({**CANONICAL, **LIKE}[name][0])
    current = score_one(ratings).recommendation
    intervals = weight_intervals(ratings, resolution=RESOLUTION)
    for criterion, (low, high) in intervals.items():
        assert low <= DEFAULT_WEIGHTS[criterion] <= high
        for edge in (low, high):
            assert score_one(ratings, with_weight(criterion, edge)).recommendation == current
        if low > 0:
            outside = score_one(ratings, with_weight(criterion, low - RESOLUTION))
            assert outside.recommendation != current, (criterion, low)
        if high < 1:
            outside = score_one(ratings, with_weight(criterion, high + RESOLUTION))
            assert outside.recommendation != current, (criterion, high)


def test_a_close_call_has_narrower_intervals_than_a_clear_case() -> None:
    clear = weight_intervals(as_mapping(CANONICAL["Core product strategy"][0]))
    close = weight_intervals(as_mapping(CLOSE_CALL))

    def total_width(intervals: dict[str, tuple[float, float]]) -> float:
        return sum(high - low for low, high in intervals.values())

    assert total_width(close) < total_width(clear) - 1.0
    assert set(clear) == set(CRITERIA)


def test_weight_intervals_take_one_function_only() -> None:
    two = pd.DataFrame([CLOSE_CALL, CLOSE_CALL], columns=list(FACTORS))
    with pytest.raises(InvalidRatings, match="one function, got 2 rows"):
        weight_intervals(two)


def test_weight_intervals_refuse_a_silly_resolution() -> None:
    with pytest.raises(ScoringError, match="resolution"):
        weight_intervals(as_mapping(CLOSE_CALL), resolution=0)


def ratings_table() -> pd.DataFrame:
    rows = [ratings for ratings, _ in CANONICAL.values()] + [CLOSE_CALL]
    return pd.DataFrame(rows, columns=list(FACTORS), index=[*CANONICAL, "close call"])


def test_robustness_is_deterministic_for_a_seed() -> None:
    first = robustness(ratings_table(), draws=500, seed=7)
    again = robustness(ratings_table(), draws=500, seed=7)
    np.testing.assert_array_equal(first, again)


def test_clear_cases_are_robust_and_a_close_call_clearly_less() -> None:
    shares = pd.Series(robustness(ratings_table()), index=ratings_table().index)
    assert shares.drop("close call").min() >= 0.95
    assert shares["Core product strategy"] == 1.0
    assert shares["close call"] < 0.85


def test_robustness_keeps_the_input_order() -> None:
    table = ratings_table()
    forwards = robustness(table, seed=3)
    backwards = robustness(table.iloc[::-1], seed=3)
    np.testing.assert_array_equal(backwards, forwards[::-1])


def test_robustness_does_not_depend_on_the_chunk_size(monkeypatch: pytest.MonkeyPatch) -> None:
    table = ratings_table()
    whole = robustness(table, draws=200)
    monkeypatch.setattr(sensitivity_module, "CHUNK_CELLS", 2 * 200 * 4)  # two rows per chunk
    np.testing.assert_array_equal(robustness(table, draws=200), whole)


def test_without_perturbation_every_recommendation_is_kept() -> None:
    np.testing.assert_array_equal(robustness(ratings_table(), spread=0.0, draws=10), 1.0)


def test_a_wider_spread_is_never_more_robust_for_a_close_call() -> None:
    table = pd.DataFrame([CLOSE_CALL], columns=list(FACTORS))
    narrow = robustness(table, spread=0.05, seed=1)[0]
    wide = robustness(table, spread=0.5, seed=1)[0]
    assert wide < narrow


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"spread": 1.0}, "spread must be"),
        ({"spread": -0.1}, "spread must be"),
        ({"draws": 0}, "draws must be"),
        ({"draws": 2.5}, "draws must be"),
    ],
)
def test_robustness_refuses_bad_parameters(kwargs: dict, message: str) -> None:
    with pytest.raises(ScoringError, match=message):
        robustness(ratings_table(), **kwargs)
