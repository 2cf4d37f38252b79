"""How far the weights can move before a recommendation changes.

Two views, both scored through ``model.scores_for_weights`` (one matrix product over every
row and every weight vector), so they agree with ``score_batch`` to the last tie-break:

- ``weight_intervals``: for one function, sweep each criterion's weight from 0 to 1 (the others
  rescaled proportionally so the weights still sum to 1) and report the range around today's
  weight that keeps today's outcome (an option, or "no clear call").
- ``robustness``: for many functions, draw perturbed weight vectors (each weight multiplied by
  an independent uniform factor in [1 - spread, 1 + spread], then renormalised) and report the
  share of draws under which each function keeps its recommendation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from .errors import InvalidRatings, ScoringError
from .factors import CRITERIA, OPTIONS
from .model import centre, scores_for_weights, winners
from .validation import normalise_weights, ratings_table

#: Scores held in memory at once by ``robustness`` (rows x draws x options): 4M float64 is
#: 32 MB, so 10,000 functions x 1,000 draws run in chunks of 1,000 rows.
CHUNK_CELLS = 4_000_000


def weight_intervals(
    ratings: Mapping[str, Any] | pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    resolution: float = 0.001,
) -> dict[str, tuple[float, float]]:
    """For each criterion, the weights it can take without changing the recommendation.

    Inputs: one function's ``ratings`` (factor -> 1..5, or a one-row DataFrame), ``weights``
    as for ``score_batch`` (normalised), and the sweep step ``resolution`` (0 < r <= 0.5).
    Output: criterion -> (low, high), the contiguous interval of that criterion's weight
    containing its current weight over which the outcome (see ``model.outcomes``) stays the
    same, with the other criteria rescaled proportionally (shared equally if they are all
    zero). The bounds are sweep points: the outcome holds at ``low`` and ``high`` and changes
    one step beyond them, unless the bound is 0 or 1. Raises ``InvalidRatings`` (including for more
    than one function), ``InvalidWeights``, or ``ScoringError`` for a bad resolution.
    """
    if not 0 < resolution <= 0.5:
        raise ScoringError(f"resolution must be above 0 and at most 0.5, got {resolution}")
    table = ratings_table(ratings)
    if len(table.values) != 1:
        raise InvalidRatings(f"weight_intervals takes one function, got {len(table.values)} rows")
    base = normalise_weights(weights)
    centred = centre(table.values)
    current = int(winners(scores_for_weights(centred, base[None, :]))[0, 0])

    grid = np.linspace(0.0, 1.0, round(1.0 / resolution) + 1)
    sweeps = [np.union1d(grid, [base[k]]) for k in range(len(CRITERIA))]
    stacked = np.vstack([_rescaled(base, k, t) for k, t in enumerate(sweeps)])
    outcome = winners(scores_for_weights(centred, stacked))[0]

    intervals: dict[str, tuple[float, float]] = {}
    start = 0
    for k, criterion in enumerate(CRITERIA):
        t = sweeps[k]
        keeps = outcome[start : start + len(t)] == current
        start += len(t)
        here = int(np.searchsorted(t, base[k]))
        left = np.flatnonzero(~keeps[:here])
        right = np.flatnonzero(~keeps[here:])
        low = t[left[-1] + 1] if left.size else t[0]
        high = t[here + right[0] - 1] if right.size else t[-1]
        intervals[criterion] = (float(low), float(high))
    return intervals


def robustness(
    ratings: pd.DataFrame | np.ndarray | Mapping[str, Any],
    weights: Mapping[str, float] | None = None,
    spread: float = 0.2,
    draws: int = 1000,
    seed: int = 0,
) -> np.ndarray:
    """Share of randomly perturbed weightings (0..1) that keep each function's recommendation.

    Inputs: ``ratings`` and ``weights`` as for ``score_batch``; ``spread`` (0 <= s < 1), each
    weight is multiplied by a uniform factor in [1 - spread, 1 + spread] and the weights are
    renormalised (a zero weight stays zero); ``draws`` weightings, shared by all rows so rows
    are compared under the same scenarios; ``seed`` makes the result reproducible.
    Output: one share per row, in input order. Rows are processed in chunks of at most
    CHUNK_CELLS scores, so memory stays bounded whatever the number of rows. This measures
    sensitivity to the weights only: a function whose options tie whatever the weights (all
    ratings 3) stays "no clear call" in every draw and scores 1.0, so read it together with
    ``close_call``, which measures sensitivity to the ratings. Raises
    ``InvalidRatings``, ``InvalidWeights``, or ``ScoringError`` for a bad spread or draws.
    """
    if not 0 <= spread < 1:
        raise ScoringError(f"spread must be at least 0 and below 1, got {spread}")
    if isinstance(draws, bool) or not isinstance(draws, int | np.integer) or draws < 1:
        raise ScoringError(f"draws must be a positive whole number, got {draws!r}")
    table = ratings_table(ratings)
    base = normalise_weights(weights)
    rng = np.random.default_rng(seed)
    perturbed = base * rng.uniform(1.0 - spread, 1.0 + spread, size=(draws, len(CRITERIA)))
    perturbed /= perturbed.sum(axis=1, keepdims=True)

    centred = centre(table.values)
    shares = np.empty(len(centred))
    chunk = max(1, CHUNK_CELLS // (draws * len(OPTIONS)))
    for start in range(0, len(centred), chunk):
        part = centred[start : start + chunk]
        current = winners(scores_for_weights(part, base[None, :]))  # (rows, 1)
        outcome = winners(scores_for_weights(part, perturbed))  # (rows, draws)
        shares[start : start + chunk] = (outcome == current).mean(axis=1)
    return shares


def _rescaled(base: np.ndarray, k: int, values: np.ndarray) -> np.ndarray:
    """Weight vectors with criterion k set to each of ``values``, the others rescaled."""
    others = np.delete(base, k)
    rest = others.sum()
    proportions = others / rest if rest > 0 else np.full(others.size, 1.0 / others.size)
    rescaled = np.outer(1.0 - values, proportions)
    return np.insert(rescaled, k, values, axis=1)
