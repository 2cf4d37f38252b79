"""Scoring a whole inventory at once; one function is simply a batch of one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .columns import FLIP_COLUMNS, RUNNER_UP_COLUMNS, SCORE_COLUMNS, WINNER_COLUMNS
from .explain import explain
from .factors import CRITERIA, FACTORS, OPTIONS
from .flips import NO_FLIP, close_calls, flip_outcomes, flips_of
from .model import (
    BASELINE,
    MODEL_VERSION,
    OUTCOMES,
    centre,
    option_coefficients,
    outcomes,
    stage_coefficients,
)
from .scored import ScoredFunction
from .validation import normalise_weights, ratings_table

#: Text columns are categoricals: built from integer codes without a Python string per row.
#: The last category, "", is "no flip" (flip code NO_FLIP, -1, indexes it from the end).
_OUTCOME_CATEGORIES = [*OUTCOMES, ""]


def score_batch(
    ratings: pd.DataFrame | np.ndarray | Mapping[str, Any],
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Score functions against BPO, KPO, ITO and in-house, make the call, and test it.

    Inputs: ``ratings``, a DataFrame with (at least) the eight FACTORS columns, whole numbers
    1..5 (extra columns ignored), or an (n, 8) array in FACTORS order, or a mapping factor ->
    rating for one function; ``weights``, a mapping criterion -> weight (None =
    DEFAULT_WEIGHTS), normalised to sum 1.

    Output: a DataFrame with the input's index and columns ``score_bpo``, ``score_kpo``,
    ``score_ito``, ``score_in_house`` (0..100); ``recommendation``: an OPTIONS key, or NO_CALL
    when the two best options are less than NO_CLEAR_CALL_MARGIN points apart; ``leader`` and
    ``runner_up`` (OPTIONS keys: the two best, equal scores listed in OPTIONS order);
    ``margin`` (leader minus runner-up, points, >= 0); ``close_call`` (the rule in
    ``flips``); ``model_version``; for each factor ``contrib_winner__<factor>`` (the
    leader's) and ``contrib_runner_up__<factor>``: points such that BASELINE (50) plus an
    option's eight contributions equals its score; and for each single-step change
    ``flip__<factor>__up`` / ``__down``: the outcome it would give if it changes the result,
    else "". ``attrs["weights"]`` holds the normalised weights used.

    Raises ``InvalidRatings`` or ``InvalidWeights`` (see ``validation``).
    """
    table = ratings_table(ratings)
    criterion_weights = normalise_weights(weights)
    stages = stage_coefficients(criterion_weights)
    table_of_points = option_coefficients(stages)  # (4, 8)
    centred = centre(table.values)
    # Factor by factor rather than one matmul: BLAS sums in an order that depends on the
    # batch size, and a function must score to the last bit the same alone and in a batch.
    scores = np.full((len(centred), len(OPTIONS)), BASELINE)
    for j in range(len(FACTORS)):
        scores += centred[:, j, None] * table_of_points[:, j]
    outcome, leader, runner_up, margin = outcomes(scores)
    flip_codes = flip_outcomes(table.values, scores, stages, outcome, leader, margin)

    columns: dict[str, Any] = {SCORE_COLUMNS[o]: scores[:, k] for k, o in enumerate(OPTIONS)}
    columns["recommendation"] = pd.Categorical.from_codes(outcome, OUTCOMES)
    columns["leader"] = pd.Categorical.from_codes(leader, OPTIONS)
    columns["runner_up"] = pd.Categorical.from_codes(runner_up, OPTIONS)
    columns["margin"] = margin
    columns["close_call"] = close_calls(outcome, flip_codes)
    columns["model_version"] = pd.Categorical.from_codes(
        np.zeros(len(scores), dtype=np.int8), [MODEL_VERSION]
    )
    for names, chosen in ((WINNER_COLUMNS, leader), (RUNNER_UP_COLUMNS, runner_up)):
        # A contribution is the option's points per unit times the centred rating
        # (+ 0.0 turns the -0.0 of a neutral rating times a negative number into 0.0).
        picked = centred * table_of_points[chosen] + 0.0  # (n, 8)
        for j, name in enumerate(names):
            columns[name] = picked[:, j]
    flip_codes[flip_codes == NO_FLIP] = len(_OUTCOME_CATEGORIES) - 1
    for k, name in enumerate(FLIP_COLUMNS):
        columns[name] = pd.Categorical.from_codes(flip_codes[:, k], _OUTCOME_CATEGORIES)
    result = pd.DataFrame(columns, index=table.index)
    result.attrs["weights"] = dict(zip(CRITERIA, criterion_weights.tolist(), strict=True))
    return result


def score_one(
    ratings: Mapping[str, Any], weights: Mapping[str, float] | None = None
) -> ScoredFunction:
    """Score one function given as a mapping factor -> rating (1..5).

    Runs ``score_batch`` on a one-row table and converts its row, so one function and a
    100,000-row upload go through the same code. ``weights`` as for ``score_batch``. Raises
    ``InvalidRatings`` (messages name the factor, not a row) or ``InvalidWeights``.
    """
    frame = score_batch(ratings, weights)
    row = frame.iloc[0]
    return ScoredFunction(
        scores={o: float(row[SCORE_COLUMNS[o]]) for o in OPTIONS},
        recommendation=str(row["recommendation"]),
        leader=str(row["leader"]),
        runner_up=str(row["runner_up"]),
        margin=float(row["margin"]),
        close_call=bool(row["close_call"]),
        flips=flips_of(row),
        model_version=str(row["model_version"]),
        contributions_winner=_by_factor(row, WINNER_COLUMNS),
        contributions_runner_up=_by_factor(row, RUNNER_UP_COLUMNS),
        weights=dict(frame.attrs["weights"]),
        explanation=explain(row),
    )


def _by_factor(row: pd.Series, names: tuple[str, ...]) -> dict[str, float]:
    """Read one set of contribution columns back into factor -> points."""
    return {factor: float(row[name]) for factor, name in zip(FACTORS, names, strict=True)}
