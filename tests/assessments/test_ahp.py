"""AHP: published weights, consistency, the judgements to revisit, and group aggregation."""

from __future__ import annotations

import numpy as np
import pytest

from assessments.scoring import (
    InvalidMatrix,
    aggregate_judgements,
    ahp_from_upper_triangle,
    ahp_priorities,
)

# Saaty's "choosing a leader": Experience, Education, Charisma, Age.
LEADER_UPPER = [4, 3, 7, 1 / 3, 3, 5]
LEADER = ahp_from_upper_triangle(LEADER_UPPER, 4)


def consistent_matrix(weights: list[float]) -> np.ndarray:
    w = np.array(weights)
    return w[:, None] / w[None, :]


def test_saaty_leader_example_gives_the_published_weights_and_cr() -> None:
    result = ahp_priorities(LEADER)
    experience, education, charisma, age = result.weights
    assert experience == pytest.approx(0.548, abs=1e-3)
    assert charisma == pytest.approx(0.270, abs=1e-3)
    assert education == pytest.approx(0.127, abs=1e-3)
    assert age == pytest.approx(0.056, abs=1e-3)
    assert result.cr == pytest.approx(0.044, abs=1e-3)
    assert result.consistent


def test_weights_sum_to_one() -> None:
    assert ahp_priorities(LEADER).weights.sum() == pytest.approx(1.0)


def test_a_consistent_matrix_has_cr_zero_and_recovers_its_weights() -> None:
    weights = [0.4, 0.3, 0.2, 0.1]
    result = ahp_priorities(consistent_matrix(weights))
    np.testing.assert_allclose(result.weights, weights, atol=1e-9)
    assert result.lambda_max == pytest.approx(4.0)
    assert result.cr == pytest.approx(0.0, abs=1e-9)
    assert result.worst_judgements[0].deviation == pytest.approx(0.0, abs=1e-9)


def test_an_inconsistent_matrix_is_reported_with_the_judgement_to_revisit() -> None:
    # A > B and B > C strongly, yet C > A strongly: a circular preference.
    matrix = ahp_from_upper_triangle([5, 1 / 5, 5], 3)
    result = ahp_priorities(matrix)
    assert not result.consistent
    assert result.cr >= 0.10
    worst = result.worst_judgements[0]
    assert worst.deviation >= result.worst_judgements[-1].deviation
    assert worst.deviation > np.log(2)  # off by more than a factor of two


def test_the_worst_judgement_is_the_one_that_was_corrupted() -> None:
    matrix = consistent_matrix([0.4, 0.3, 0.2, 0.1])
    matrix[0, 3], matrix[3, 0] = 1 / 4, 4  # implied 4, typed the wrong way round
    worst = ahp_priorities(matrix).worst_judgements[0]
    assert (worst.i, worst.j) == (0, 3)
    assert worst.given == pytest.approx(0.25)


def test_two_items_are_always_consistent() -> None:
    result = ahp_priorities([[1, 9], [1 / 9, 1]])
    assert result.consistent
    assert result.cr == 0
    np.testing.assert_allclose(result.weights, [0.9, 0.1])


def test_the_upper_triangle_builds_a_reciprocal_matrix() -> None:
    np.testing.assert_allclose(LEADER * LEADER.T, np.ones((4, 4)))
    assert LEADER[0, 3] == 7 and LEADER[3, 0] == pytest.approx(1 / 7)


def test_the_upper_triangle_needs_the_right_number_of_judgements() -> None:
    with pytest.raises(InvalidMatrix, match="4 items need 6 judgements above the diagonal, got 5"):
        ahp_from_upper_triangle([1, 2, 3, 4, 5], 4)


def test_a_non_reciprocal_matrix_is_refused_with_the_cells_named() -> None:
    matrix = [[1, 2, 3], [0.5, 1, 2], [0.5, 0.5, 1]]
    with pytest.raises(InvalidMatrix) as caught:
        ahp_priorities(matrix)
    assert str(caught.value) == (
        "matrix is not reciprocal: a[0][2]=3 but a[2][0]=0.5 (expected 0.3333)"
    )


def test_reciprocals_typed_to_two_decimals_are_accepted() -> None:
    result = ahp_priorities([[1, 3, 7], [0.33, 1, 8], [0.14, 0.12, 1]])
    assert result.weights[0] > result.weights[1] > result.weights[2]


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 2, 3], [0.5, 1, 2]], r"must be square, got shape \(2, 3\)"),
        ([[1]], "between 2 and 10 items, got 1"),
        (np.ones((11, 11)), "between 2 and 10 items, got 11"),
        ([[1, -2], [-0.5, 1]], r"a\[0\]\[1\]=-2 is not a positive number"),
        ([[1, 0], [np.inf, 1]], r"a\[0\]\[1\]=0 is not a positive number"),
        ([[2, 2], [0.5, 1]], r"a\[0\]\[0\]=2 but the diagonal must be 1"),
        ([["a", 1], [1, 1]], "square table of numbers"),
    ],
)
def test_malformed_matrices_are_refused(matrix: object, message: str) -> None:
    with pytest.raises(InvalidMatrix, match=message):
        ahp_priorities(matrix)


def test_aggregation_takes_the_geometric_mean_and_stays_reciprocal() -> None:
    first = ahp_from_upper_triangle([9, 1, 1], 3)
    second = ahp_from_upper_triangle([1, 1, 1], 3)
    group = aggregate_judgements([first, second])
    assert group.matrix[0, 1] == pytest.approx(3.0)  # sqrt(9 * 1), not (9 + 1) / 2
    np.testing.assert_allclose(group.matrix * group.matrix.T, np.ones((3, 3)))
    assert group.assessors == 2
    assert group.result.weights[0] > group.result.weights[1]


def test_aggregation_shows_where_assessors_disagree() -> None:
    first = ahp_from_upper_triangle([9, 2, 1], 3)
    second = ahp_from_upper_triangle([1, 2, 1], 3)
    group = aggregate_judgements([first, second])
    assert group.max_min_ratio[0, 1] == pytest.approx(9.0)
    assert group.geometric_std[0, 1] == pytest.approx(3.0)  # exp(|ln 9| / 2)
    assert group.max_min_ratio[0, 2] == pytest.approx(1.0)  # they agree on this one
    assert group.geometric_std[0, 2] == pytest.approx(1.0)


def test_aggregation_names_the_assessor_with_a_bad_matrix() -> None:
    bad = [[1, 2], [2, 1]]
    with pytest.raises(InvalidMatrix, match=r"^assessor 1: matrix is not reciprocal"):
        aggregate_judgements([LEADER[:2, :2], bad])


def test_aggregation_refuses_matrices_of_different_sizes() -> None:
    with pytest.raises(InvalidMatrix, match="differ in size"):
        aggregate_judgements([LEADER, LEADER[:3, :3]])


def test_aggregation_needs_at_least_one_matrix() -> None:
    with pytest.raises(InvalidMatrix, match="at least one matrix"):
        aggregate_judgements([])


def test_results_cannot_be_changed_after_the_fact() -> None:
    result = ahp_priorities(LEADER)
    with pytest.raises(ValueError, match="read-only"):
        result.weights[0] = 1.0
    group = aggregate_judgements([LEADER, LEADER])
    with pytest.raises(ValueError, match="read-only"):
        group.matrix[0, 1] = 1.0


@pytest.mark.parametrize("judgement", [10, 100, 1e200, 0.1, 1 / 100])
def test_a_judgement_outside_saatys_scale_is_refused(judgement: float) -> None:
    with pytest.raises(InvalidMatrix, match="outside Saaty's scale"):
        ahp_from_upper_triangle([judgement, 1, 1], 3)
    with pytest.raises(InvalidMatrix, match=r"a\[0\]\[1\]=.* outside Saaty's scale"):
        ahp_priorities([[1, judgement], [1 / judgement, 1]])


def test_the_ends_of_saatys_scale_are_accepted_as_typed() -> None:
    for judgement in (9, 1 / 9, 0.11):
        assert ahp_from_upper_triangle([judgement, 1, 1], 3)[0, 1] == judgement


def test_a_boolean_judgement_is_refused() -> None:
    with pytest.raises(InvalidMatrix, match="True is a yes/no value"):
        ahp_from_upper_triangle([True, 1, 1], 3)
