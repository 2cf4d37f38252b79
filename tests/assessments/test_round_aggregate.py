"""The group maths of assessment rounds, without a database (docs/domain.md, *Group judgement*)."""

import numpy as np
import pytest

from assessments.rounds import aggregate

A = (1, 4, 5, 2, 2, 2, 3, 2)
B = (2, 4, 4, 2, 2, 3, 3, 2)
C = (5, 1, 1, 5, 2, 5, 5, 1)


def test_geometric_mean_per_factor_matches_the_worked_example():
    means = aggregate.geometric_mean(np.array([A, B, C]))
    expected = [2.15443, 2.51984, 2.71442, 2.71442, 2.0, 3.10723, 3.55689, 1.58740]
    assert means == pytest.approx(expected, abs=1e-4)
    assert aggregate.whole_ratings(means).tolist() == [2, 3, 3, 3, 2, 3, 4, 2]


def test_whole_ratings_round_halves_up():
    assert aggregate.whole_ratings(np.array([1.5, 2.49, 4.5, 5.0])).tolist() == [2, 2, 5, 5]


@pytest.mark.parametrize(
    ("ratings", "expected", "band"),
    [((A, B), 0.9686, "high"), ((A, C), 0.5200, "low"), ((A, B, C), 0.6321, "low")],
)
def test_consensus_equals_the_worked_example(ratings, expected, band):
    value = aggregate.consensus(np.array(ratings))
    assert value == pytest.approx(expected, abs=1e-3)
    assert aggregate.consensus_band(value) == band


def test_consensus_is_full_for_identical_profiles_and_nil_for_opposed_extremes():
    assert aggregate.consensus(np.array([A, A, A])) == pytest.approx(1.0)
    # A rating everyone one point higher keeps the profile's shape close: consensus stays high.
    assert aggregate.consensus(np.array([(3,) * 8, (4,) * 8])) == pytest.approx(1.0)
    # Eight assessors, each stressing a different factor as hard as the scale allows.
    lopsided = np.ones((8, 8), dtype=int) + 4 * np.eye(8, dtype=int)
    assert aggregate.consensus(lopsided) == pytest.approx(0.0, abs=1e-9)


def test_consensus_bands_follow_ahp_os_thresholds():
    assert aggregate.consensus_band(0.649) == "low"
    assert aggregate.consensus_band(0.65) == "moderate"
    assert aggregate.consensus_band(0.75) == "moderate"
    assert aggregate.consensus_band(0.751) == "high"


def test_spread_names_who_stands_out():
    [strategic, *_] = aggregate.spreads(np.array([A, B, C]))
    assert (strategic.minimum, strategic.maximum) == (1, 5)
    assert strategic.stand_out == (2,)  # C's 5 is 2.85 above the mean of 2.15
