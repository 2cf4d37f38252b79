"""The option model: right on clear cases, monotone, and identical in batch and alone."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.scoring import (
    BASELINE,
    CRITERIA,
    CRITERION_INFO,
    DEFAULT_WEIGHTS,
    FACTOR_INFO,
    FACTORS,
    MODEL_VERSION,
    NO_CALL,
    OPTIONS,
    Flip,
    score_batch,
    score_one,
)
from assessments.scoring.columns import FLIP_COLUMNS

from .scoring_cases import CANONICAL, CLOSE_CALL, LIKE, NEUTRAL, all_profiles, as_mapping

SCORES = ["score_bpo", "score_kpo", "score_ito", "score_in_house"]

ratings_st = st.lists(st.integers(1, 5), min_size=8, max_size=8)
weights_st = st.lists(st.floats(0, 1), min_size=5, max_size=5).filter(lambda w: sum(w) > 1e-6)


def frame(rows: list[tuple[int, ...]] | list[list[int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(FACTORS))


@pytest.mark.parametrize("name", list(CANONICAL))
def test_canonical_cases_get_the_expected_option_with_a_clear_margin(name: str) -> None:
    ratings, expected = CANONICAL[name]
    scored = score_one(as_mapping(ratings))
    assert scored.recommendation == expected
    assert scored.margin >= 5, f"{name}: margin only {scored.margin:.1f}"
    # No single one-step rating change overturns a canonical case.
    assert not scored.close_call, f"{name}: {[flip.text for flip in scored.flips]}"


@pytest.mark.parametrize("name", list(LIKE))
def test_functions_like_the_canonical_ones_get_the_same_kind_of_answer(name: str) -> None:
    ratings, expected = LIKE[name]
    assert score_one(as_mapping(ratings)).recommendation == expected


def test_a_neutral_function_is_no_clear_call_not_a_default_option() -> None:
    scored = score_one(as_mapping(NEUTRAL))
    assert scored.scores == dict.fromkeys(OPTIONS, BASELINE)
    assert scored.recommendation == NO_CALL
    assert scored.margin == 0
    # "Close call" is for a call that exists; what would settle this one is listed instead.
    assert not scored.close_call
    assert Flip("repetitiveness", 1, "BPO") in scored.flips
    assert Flip("expertise_required", 1, "KPO") in scored.flips
    assert Flip("technology_intensity", 1, "ITO") in scored.flips


def test_a_near_tie_is_no_clear_call_too() -> None:
    near = score_batch(all_profiles()[::13])
    level = near["margin"] < 1.0
    assert level.any() and (near.loc[level, "recommendation"] == NO_CALL).all()
    assert (near.loc[~level, "recommendation"] != NO_CALL).all()


def test_a_call_one_step_can_overturn_is_a_close_call_listing_that_step() -> None:
    scored = score_one(as_mapping(CLOSE_CALL))
    assert scored.recommendation == "BPO"
    assert scored.close_call
    assert Flip("strategic_importance", 1, "IN_HOUSE") in scored.flips
    assert scored.flips[0].text == "one step more strategic importance would make it in-house"


def test_a_wide_margin_at_the_end_of_the_scale_is_not_a_close_call() -> None:
    # All 1s: no step down exists and no step up overturns BPO, so it is not fragile.
    scored = score_one(as_mapping((1,) * len(FACTORS)))
    assert scored.recommendation == "BPO"
    assert scored.flips == ()
    assert not scored.close_call


def test_strategic_sensitive_closely_controlled_work_without_big_savings_stays_in_house() -> None:
    profiles = all_profiles()
    keep = profiles[
        (profiles[:, 0] == 5)
        & (profiles[:, 5] == 5)
        & (profiles[:, 6] == 5)
        & (profiles[:, 1] <= 3)
        & (profiles[:, 7] <= 3)
    ]  # every rating of the task-nature factors
    assert len(keep) == 5**3 * 3 * 3
    assert set(score_batch(keep)["recommendation"]) == {"IN_HOUSE"}


def test_commodity_hands_off_public_work_with_savings_is_never_kept_in_house() -> None:
    profiles = all_profiles()
    outsource = profiles[
        (profiles[:, 0] == 1)
        & (profiles[:, 5] == 1)
        & (profiles[:, 6] == 1)
        & (profiles[:, 1] >= 4)
    ]
    assert "IN_HOUSE" not in set(score_batch(outsource)["recommendation"])


@pytest.mark.parametrize(
    ("factor", "column"),
    [
        ("repetitiveness", "score_bpo"),
        ("expertise_required", "score_kpo"),
        ("technology_intensity", "score_ito"),
        ("strategic_importance", "score_in_house"),
        ("control_need", "score_in_house"),
    ],
)
def test_raising_a_factor_never_lowers_the_option_it_favours_in_any_profile(
    factor: str, column: str
) -> None:
    scores = score_batch(all_profiles())[column].to_numpy().reshape((5,) * len(FACTORS))
    steps = np.diff(scores, axis=FACTORS.index(factor))
    assert steps.min() >= -1e-9
    assert steps.max() > 0  # the factor does move the score


@settings(max_examples=300, deadline=None)
@given(ratings=ratings_st, weights=weights_st, data=st.data())
def test_monotone_in_the_required_directions_under_any_weights(
    ratings: list[int], weights: list[float], data: st.DataObject
) -> None:
    factor, column = data.draw(
        st.sampled_from(
            [
                ("repetitiveness", "score_bpo"),
                ("expertise_required", "score_kpo"),
                ("technology_intensity", "score_ito"),
                ("strategic_importance", "score_in_house"),
                ("control_need", "score_in_house"),
            ]
        )
    )
    j = FACTORS.index(factor)
    lower = data.draw(st.integers(1, 4))
    low, high = list(ratings), list(ratings)
    low[j], high[j] = lower, data.draw(st.integers(lower + 1, 5))
    scored = score_batch(frame([low, high]), dict(zip(CRITERIA, weights, strict=True)))
    assert scored[column].iloc[1] >= scored[column].iloc[0] - 1e-9


@settings(max_examples=100, deadline=None)
@given(rows=st.lists(ratings_st, min_size=1, max_size=12), weights=weights_st, data=st.data())
def test_scoring_one_function_equals_its_row_in_a_batch(
    rows: list[list[int]], weights: list[float], data: st.DataObject
) -> None:
    mapping = dict(zip(CRITERIA, weights, strict=True))
    batch = score_batch(frame(rows), mapping)
    i = data.draw(st.integers(0, len(rows) - 1))
    alone = score_one(dict(zip(FACTORS, rows[i], strict=True)), mapping)
    row = batch.iloc[i]
    assert alone.scores == {o: row[c] for o, c in zip(OPTIONS, SCORES, strict=True)}
    assert (alone.recommendation, alone.runner_up) == (row["recommendation"], row["runner_up"])
    assert alone.margin == row["margin"]
    assert alone.close_call == row["close_call"]
    assert [f.outcome for f in alone.flips] == [row[c] for c in FLIP_COLUMNS if row[c]]
    assert alone.contributions_winner == {f: row[f"contrib_winner__{f}"] for f in FACTORS}


@settings(max_examples=50, deadline=None)
@given(rows=st.lists(ratings_st, min_size=2, max_size=30), seed=st.integers(0, 2**32 - 1))
def test_scores_do_not_depend_on_the_order_of_rows(rows: list[list[int]], seed: int) -> None:
    ratings = frame(rows)
    shuffled = ratings.sample(frac=1.0, random_state=seed)
    pd.testing.assert_frame_equal(score_batch(shuffled).loc[ratings.index], score_batch(ratings))


def test_contributions_add_up_to_the_winner_and_runner_up_scores() -> None:
    scored = score_batch(all_profiles()[::97])
    for prefix, option_column in (
        ("contrib_winner__", "leader"),
        ("contrib_runner_up__", "runner_up"),
    ):
        total = BASELINE + scored[[prefix + f for f in FACTORS]].sum(axis=1)
        own = scored.apply(lambda row, c=option_column: row[f"score_{row[c].lower()}"], axis=1)
        np.testing.assert_allclose(total, own, atol=1e-9)


def test_output_has_the_documented_columns_index_and_ranges() -> None:
    ratings = frame([CANONICAL[name][0] for name in CANONICAL])
    ratings.index = pd.Index(list(CANONICAL), name="function")
    ratings["department"] = "ignored"
    scored = score_batch(ratings)
    assert list(scored.columns[:10]) == [
        *SCORES,
        "recommendation",
        "leader",
        "runner_up",
        "margin",
        "close_call",
        "model_version",
    ]
    assert list(scored.columns[-16:]) == list(FLIP_COLUMNS)
    assert len(scored.columns) == 10 + 2 * len(FACTORS) + len(FLIP_COLUMNS)
    assert scored.index.equals(ratings.index)
    assert scored[SCORES].to_numpy().min() >= 0 and scored[SCORES].to_numpy().max() <= 100
    assert (scored["margin"] >= 0).all()
    assert (scored["leader"] != scored["runner_up"]).all()
    assert (scored["recommendation"] == scored.index.map(lambda n: CANONICAL[n][1])).all()
    assert set(scored["model_version"]) == {MODEL_VERSION}
    assert scored.attrs["weights"] == pytest.approx(DEFAULT_WEIGHTS)


def test_extreme_ratings_reach_both_ends_of_the_scale() -> None:
    best_for_bpo = (1, 5, 5, 1, 1, 1, 1, 5)
    assert score_one(as_mapping(best_for_bpo)).scores["BPO"] == pytest.approx(100)
    worst_for_bpo = tuple(6 - r for r in best_for_bpo)
    scored = score_one(as_mapping(worst_for_bpo))
    assert scored.scores["BPO"] == pytest.approx(0)
    # In-house answers only stage 1, so its scale is narrower but centred on the baseline.
    assert scored.scores["IN_HOUSE"] == pytest.approx(
        100 - score_one(as_mapping(best_for_bpo)).scores["IN_HOUSE"]
    )
    assert BASELINE < scored.scores["IN_HOUSE"] < 100


def test_an_option_with_no_weighted_factor_stays_at_the_baseline() -> None:
    only_task = {c: (1.0 if c == "task_nature" else 0.0) for c in CRITERIA}
    scored = score_one(as_mapping((5, 1, 5, 1, 1, 5, 5, 1)), only_task)
    assert scored.scores["IN_HOUSE"] == BASELINE
    assert scored.recommendation == "BPO"


def test_an_empty_table_scores_to_an_empty_result() -> None:
    scored = score_batch(frame([]))
    assert scored.empty
    assert "recommendation" in scored.columns


def test_metadata_describes_every_factor_and_criterion_once() -> None:
    assert list(FACTOR_INFO) == list(FACTORS)
    assert all(len(info.anchors) == 5 for info in FACTOR_INFO.values())
    assert list(CRITERION_INFO) == list(CRITERIA)
    grouped = [f for info in CRITERION_INFO.values() for f in info.factors]
    assert sorted(grouped) == sorted(FACTORS)
    assert sum(DEFAULT_WEIGHTS.values()) == pytest.approx(1.0)


def test_the_two_stages_add_up_to_the_domain_direction_table() -> None:
    from assessments.scoring.model import DIRECTION

    # docs/domain.md, "Criteria and factors": rows BPO, KPO, ITO, in-house; "mild" = 0.5.
    domain = np.array(
        [
            [-1, 1, 1, -1, -1, -1, -1, 1],
            [-0.5, 1, -1, 1, -0.5, -0.5, -1, 1],
            [-1, 1, 0, 0, 1, -1, -1, 1],
            [1, -1, 0, 0, 0, 1, 1, -1],
        ]
    )
    np.testing.assert_array_equal(DIRECTION, domain)
