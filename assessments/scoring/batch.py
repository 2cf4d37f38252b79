"""Scoring a whole inventory at once; one function is simply a batch of one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .columns import RUNNER_UP_COLUMNS, SCORE_COLUMNS, WINNER_COLUMNS
from .explain import explain
from .factors import CRITERIA, FACTORS, OPTIONS
from .model import BASELINE, CLOSE_CALL_MARGIN, MODEL_VERSION, centre, coefficients, rank_options
from .scored import ScoredFunction
from .validation import normalise_weights, ratings_table


def score_batch(
    ratings: pd.DataFrame | np.ndarray | Mapping[str, Any],
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Score functions against BPO, KPO, ITO and in-house, and pick one.

    Inputs: ``ratings``, a DataFrame with (at least) the eight FACTORS columns, whole numbers
    1..5 (extra columns ignored), or an (n, 8) array in FACTORS order, or a mapping factor ->
    rating for one function; ``weights``, a mapping criterion -> weight (None =
    DEFAULT_WEIGHTS), normalised to sum 1.

    Output: a DataFrame with the input's index and columns ``score_bpo``, ``score_kpo``,
    ``score_ito``, ``score_in_house`` (0..100), ``recommendation`` and ``runner_up`` (OPTIONS
    keys; ties go to the earlier option in OPTIONS order), ``margin`` (winner minus runner-up,
    points, >= 0), ``close_call`` (margin < CLOSE_CALL_MARGIN), ``model_version``, and for each
    factor ``contrib_winner__<factor>`` and ``contrib_runner_up__<factor>``: points such that
    BASELINE (50) plus an option's eight contributions equals its score. ``attrs["weights"]``
    holds the normalised weights used.

    Raises ``InvalidRatings`` or ``InvalidWeights`` (see ``validation``).
    """
    table = ratings_table(ratings)
    criterion_weights = normalise_weights(weights)
    # (n, 4, 8): every factor's points for every option; scores are their row sums.
    # (+ 0.0 turns the -0.0 of a neutral rating times a negative coefficient into 0.0.)
    contributions = centre(table.values)[:, None, :] * coefficients(criterion_weights) + 0.0
    scores = BASELINE + contributions.sum(axis=2)
    winner, runner_up = rank_options(scores)
    rows = np.arange(len(scores))
    margin = np.maximum(scores[rows, winner] - scores[rows, runner_up], 0.0)

    option_names = np.array(OPTIONS, dtype=object)
    columns: dict[str, Any] = {SCORE_COLUMNS[o]: scores[:, k] for k, o in enumerate(OPTIONS)}
    columns["recommendation"] = option_names[winner]
    columns["runner_up"] = option_names[runner_up]
    columns["margin"] = margin
    columns["close_call"] = margin < CLOSE_CALL_MARGIN
    columns["model_version"] = np.full(len(scores), MODEL_VERSION, dtype=object)
    for names, chosen in ((WINNER_COLUMNS, winner), (RUNNER_UP_COLUMNS, runner_up)):
        picked = contributions[rows, chosen]  # (n, 8)
        for j, name in enumerate(names):
            columns[name] = picked[:, j]
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
        runner_up=str(row["runner_up"]),
        margin=float(row["margin"]),
        close_call=bool(row["close_call"]),
        model_version=str(row["model_version"]),
        contributions_winner=_by_factor(row, WINNER_COLUMNS),
        contributions_runner_up=_by_factor(row, RUNNER_UP_COLUMNS),
        weights=dict(frame.attrs["weights"]),
        explanation=explain(row),
    )


def _by_factor(row: pd.Series, names: tuple[str, ...]) -> dict[str, float]:
    """Read one set of contribution columns back into factor -> points."""
    return {factor: float(row[name]) for factor, name in zip(FACTORS, names, strict=True)}
