"""TOPSIS: the published example, cost criteria, and clear errors."""

from __future__ import annotations

import numpy as np
import pytest

from assessments.scoring import InvalidMatrix, InvalidWeights, topsis

TZENG_HUANG = [[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]]


def test_tzeng_huang_example_gives_the_published_closeness() -> None:
    closeness = topsis(TZENG_HUANG, [0.3, 0.4, 0.3], [True, True, True])
    np.testing.assert_allclose(closeness, [0.5037, 0.6581, 0.7482, 0.3340], atol=1e-3)


def test_weights_are_normalised_so_their_scale_does_not_matter() -> None:
    as_fractions = topsis(TZENG_HUANG, [0.3, 0.4, 0.3], [True] * 3)
    as_percentages = topsis(TZENG_HUANG, [30, 40, 30], [True] * 3)
    np.testing.assert_allclose(as_fractions, as_percentages)


def test_a_cost_criterion_prefers_lower_values() -> None:
    rates = [[100], [80], [120]]
    assert np.argmax(topsis(rates, [1], [False])) == 1
    assert np.argmax(topsis(rates, [1], [True])) == 2


def test_the_ideal_alternative_scores_one_and_the_anti_ideal_zero() -> None:
    closeness = topsis([[9, 1], [5, 5], [1, 9]], [0.5, 0.5], [True, False])
    assert closeness[0] == pytest.approx(1.0)
    assert closeness[2] == pytest.approx(0.0)


def test_alternatives_that_cannot_be_told_apart_score_one_half() -> None:
    np.testing.assert_allclose(topsis([[3, 4], [3, 4]], [1, 1], [True, True]), [0.5, 0.5])


def test_a_zero_column_is_refused() -> None:
    with pytest.raises(InvalidMatrix, match=r"column\(s\) 1 are all zero"):
        topsis([[1, 0], [2, 0]], [0.5, 0.5], [True, True])


def test_a_negative_weight_is_refused() -> None:
    with pytest.raises(InvalidWeights, match=r"weight 1 is negative \(-0.2\)"):
        topsis(TZENG_HUANG, [0.3, -0.2, 0.3], [True] * 3)


def test_all_zero_weights_are_refused() -> None:
    with pytest.raises(InvalidWeights, match="all weights are zero"):
        topsis(TZENG_HUANG, [0, 0, 0], [True] * 3)


def test_weights_of_the_wrong_length_are_refused() -> None:
    with pytest.raises(InvalidWeights, match="weights has 2 entries but the matrix has 3 columns"):
        topsis(TZENG_HUANG, [0.5, 0.5], [True] * 3)


def test_benefit_flags_of_the_wrong_length_are_refused() -> None:
    with pytest.raises(InvalidWeights, match="benefit has 2 entries but the matrix has 3 columns"):
        topsis(TZENG_HUANG, [0.3, 0.4, 0.3], [True, True])


def test_benefit_flags_must_be_booleans() -> None:
    with pytest.raises(InvalidWeights, match="must be True"):
        topsis(TZENG_HUANG, [0.3, 0.4, 0.3], ["max", "max", "min"])


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([1, 2, 3], "must be 2-D"),
        (np.empty((0, 3)), "at least one row"),
        ([[1, np.nan], [2, 3]], "row 0, column 1: nan is not a finite number"),
    ],
)
def test_malformed_matrices_are_refused(matrix: object, message: str) -> None:
    with pytest.raises(InvalidMatrix, match=message):
        topsis(matrix, [0.5, 0.5, 0.5][: np.shape(matrix)[-1]], [True] * np.shape(matrix)[-1])
