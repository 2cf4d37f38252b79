"""The decision model's properties, proved over all 5^8 = 390,625 rating profiles.

Each test looks at every pair of profiles one step apart on one factor (the grid is reshaped
to one axis per factor), so "never" below means never, not "not in a sample".
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.scoring import CRITERIA, FACTORS, NO_CALL, OPTIONS, score_batch
from assessments.scoring.columns import FLIP_COLUMNS, SCORE_COLUMNS
from assessments.scoring.flips import CHANGES

from .scoring_cases import all_profiles

GRID = (5,) * len(FACTORS)
KINDS = ("BPO", "KPO", "ITO")


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    return score_batch(all_profiles())


def on_grid(column: pd.Series | np.ndarray) -> np.ndarray:
    return np.asarray(column).reshape(GRID)


def step_pairs(values: np.ndarray, factor: str) -> tuple[np.ndarray, np.ndarray]:
    """(before, after) for every profile whose `factor` is raised by one step."""
    axis = FACTORS.index(factor)
    lower = np.take(values, range(4), axis=axis)
    upper = np.take(values, range(1, 5), axis=axis)
    return lower.ravel(), upper.ravel()


def kind_scores(scored: pd.DataFrame) -> dict[str, np.ndarray]:
    return {o: on_grid(scored[SCORE_COLUMNS[o]]) for o in OPTIONS}


@pytest.mark.parametrize(
    "factor", ["cost_saving_potential", "data_sensitivity", "demand_variability"]
)
def test_a_shared_factor_never_switches_between_bpo_kpo_and_ito(
    scored: pd.DataFrame, factor: str
) -> None:
    before, after = step_pairs(on_grid(scored["recommendation"]), factor)
    between_kinds = np.isin(before, KINDS) & np.isin(after, KINDS)
    assert (before[between_kinds] == after[between_kinds]).all()
    # It may switch between an outsourcing option and in-house (that is its job).
    assert ((before != after) & (np.isin(before, KINDS) != np.isin(after, KINDS))).any()
    # And it moves the three kinds' scores by the same points, so not even a tie between
    # two kinds can change.
    scores = kind_scores(scored)
    for a, b in (("BPO", "KPO"), ("BPO", "ITO"), ("KPO", "ITO")):
        gap_before, gap_after = step_pairs(scores[a] - scores[b], factor)
        np.testing.assert_allclose(gap_before, gap_after, atol=1e-9)


@pytest.mark.parametrize("factor", ["strategic_importance", "control_need"])
def test_strategic_importance_and_control_need_only_ever_move_a_kind_to_kpo(
    scored: pd.DataFrame, factor: str
) -> None:
    before, after = step_pairs(on_grid(scored["recommendation"]), factor)
    switched = np.isin(before, KINDS) & np.isin(after, KINDS) & (before != after)
    assert set(after[switched]) <= {"KPO"}  # never away from KPO, never BPO <-> ITO
    scores = kind_scores(scored)
    gap_before, gap_after = step_pairs(scores["BPO"] - scores["ITO"], factor)
    np.testing.assert_allclose(gap_before, gap_after, atol=1e-9)
    for other in ("BPO", "ITO"):
        lead_before, lead_after = step_pairs(scores["KPO"] - scores[other], factor)
        assert (lead_after >= lead_before - 1e-9).all()
        assert (lead_after > lead_before).all()  # the milder arrow: KPO always gains


@pytest.mark.parametrize(
    ("factor", "option"),
    [
        ("repetitiveness", "BPO"),
        ("expertise_required", "KPO"),
        ("technology_intensity", "ITO"),
        ("strategic_importance", "IN_HOUSE"),
        ("control_need", "IN_HOUSE"),
        ("data_sensitivity", "IN_HOUSE"),
        ("cost_saving_potential", "BPO"),
        ("demand_variability", "ITO"),
    ],
)
def test_raising_a_factor_never_takes_the_call_away_from_the_option_it_favours(
    scored: pd.DataFrame, factor: str, option: str
) -> None:
    before, after = step_pairs(on_grid(scored["recommendation"]), factor)
    assert (after[before == option] == option).all()


def test_every_flip_list_is_complete_and_correct(scored: pd.DataFrame) -> None:
    """For each profile and each one-step change, the flip column names exactly the outcome
    of the neighbouring profile when it differs, and nothing otherwise."""
    outcome = on_grid(scored["recommendation"])
    for (j, step), column in zip(CHANGES, FLIP_COLUMNS, strict=True):
        listed = on_grid(scored[column])
        inside = slice(0, 4) if step > 0 else slice(1, 5)
        outside = 4 if step > 0 else 0
        here = [slice(None)] * len(FACTORS)
        here[j] = inside
        neighbour = np.roll(outcome, -step, axis=j)[tuple(here)]
        expected = np.where(neighbour != outcome[tuple(here)], neighbour, "")
        assert (listed[tuple(here)] == expected).all(), column
        edge = [slice(None)] * len(FACTORS)
        edge[j] = outside
        assert (listed[tuple(edge)] == "").all(), f"{column} leaves the 1..5 scale"


def test_the_close_call_flag_follows_its_rule_on_every_profile(scored: pd.DataFrame) -> None:
    flippable = scored[list(FLIP_COLUMNS)].ne("").any(axis=1)
    clear = scored["recommendation"] != NO_CALL
    assert (scored["close_call"] == (clear & flippable)).all()
    # So a clear call that is not flagged survives every single-step change of a rating,
    assert scored.loc[clear & ~scored["close_call"], list(FLIP_COLUMNS)].eq("").all().all()
    # and no clear call is never flagged as a close call: there is no call to be fragile.
    assert not scored.loc[~clear, "close_call"].any()


def test_no_clear_call_exactly_when_the_two_best_are_within_the_margin(
    scored: pd.DataFrame,
) -> None:
    from assessments.scoring import NO_CLEAR_CALL_MARGIN

    scores = scored[[SCORE_COLUMNS[o] for o in OPTIONS]].to_numpy()
    top_two = np.sort(scores, axis=1)[:, -2:]
    gap = top_two[:, 1] - top_two[:, 0]
    no_call = scored["recommendation"].to_numpy() == NO_CALL
    assert (no_call == (gap < NO_CLEAR_CALL_MARGIN - 1e-9)).all()
    best = np.array(OPTIONS)[scores.argmax(axis=1)]
    assert (scored["recommendation"].to_numpy()[~no_call] == best[~no_call]).all()


def test_scores_stay_between_0_and_100_and_bpo_reaches_both_ends(scored: pd.DataFrame) -> None:
    scores = scored[[SCORE_COLUMNS[o] for o in OPTIONS]].to_numpy()
    assert scores.min() >= 0 and scores.max() <= 100
    assert scored["score_bpo"].min() == pytest.approx(0)
    assert scored["score_bpo"].max() == pytest.approx(100)


@settings(max_examples=200, deadline=None)
@given(
    ratings=st.lists(st.integers(1, 4), min_size=8, max_size=8),
    weights=st.lists(st.floats(0, 1), min_size=5, max_size=5).filter(lambda w: sum(w) > 1e-6),
    factor=st.sampled_from(["cost_saving_potential", "data_sensitivity", "demand_variability"]),
)
def test_under_any_weights_a_shared_factor_moves_every_kind_alike(
    ratings: list[int], weights: list[float], factor: str
) -> None:
    raised = list(ratings)
    raised[FACTORS.index(factor)] += 1
    scored = score_batch(np.array([ratings, raised]), dict(zip(CRITERIA, weights, strict=True)))
    steps = np.diff(scored[[SCORE_COLUMNS[o] for o in KINDS]].to_numpy(), axis=0)[0]
    np.testing.assert_allclose(steps, steps[0], atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(st.lists(st.integers(1, 5), min_size=8, max_size=8), min_size=1, max_size=20),
    weights=st.lists(st.floats(0, 1), min_size=5, max_size=5).filter(lambda w: sum(w) > 1e-6),
)
def test_under_any_weights_each_flip_is_what_scoring_the_changed_ratings_gives(
    rows: list[list[int]], weights: list[float]
) -> None:
    mapping = dict(zip(CRITERIA, weights, strict=True))
    scored = score_batch(np.array(rows), mapping)
    for (j, step), column in zip(CHANGES, FLIP_COLUMNS, strict=True):
        moved = np.array(rows)
        moved[:, j] += step
        inside = (moved[:, j] >= 1) & (moved[:, j] <= 5)
        expected = np.full(len(rows), "", dtype=object)
        if inside.any():
            after = score_batch(moved[inside], mapping)["recommendation"].to_numpy()
            before = scored["recommendation"].to_numpy()[inside]
            expected[inside] = np.where(after != before, after, "")
        assert list(scored[column]) == list(expected), column
