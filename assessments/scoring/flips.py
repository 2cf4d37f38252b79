"""What would change the call: the one-step rating changes that flip each result.

A *change* is one factor moved by one step, up or down, staying within 1..5: 8 factors x 2
directions = 16 candidates (``CHANGES``). A change *flips* a result when the outcome it gives
(an option or "no clear call") differs from today's. The model is linear, so one step of
factor f moves every row's scores by the same points (half of f's column of the model's
table): for each of the 16 changes, the neighbours of all the rows it could affect are
scored at once by adding that shift, and decided exactly as the rows themselves are.

The close-call rule (the only one; the pages and the explanation use it):

    A result is a **close call** when it is a clear call (its two best options are at least
    NO_CLEAR_CALL_MARGIN points apart) and its list of flipping changes is not empty:
    one rating moved by a single step -- the commonest disagreement between two assessors --
    would give another option or no clear call.

"No clear call" is never a close call (there is no call to be fragile); its flip list says
which single step would make it a clear one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from .columns import FLIP_COLUMNS
from .factors import FACTOR_INFO, FACTORS, NO_CALL, OPTION_SHORT, OPTIONS
from .model import (
    NO_CALL_CODE,
    NO_CLEAR_CALL_MARGIN,
    TIE_TOLERANCE,
    Stages,
    decide,
    option_coefficients,
)

#: The 16 candidate changes in column order: (factor index, step), each factor up then down.
CHANGES: tuple[tuple[int, int], ...] = tuple(
    (j, step) for j in range(len(FACTORS)) for step in (1, -1)
)
#: Code for "this change does not flip the result (or would leave the 1..5 scale)".
NO_FLIP = -1

_FACTOR = np.array([j for j, _ in CHANGES])
_STEP = np.array([step for _, step in CHANGES], dtype=float)
#: The 16 changes as moves of the centred ratings: one step is half a centred unit.
_MOVES = np.zeros((len(CHANGES), len(FACTORS)))
_MOVES[np.arange(len(CHANGES)), _FACTOR] = _STEP / 2.0


def flip_outcomes(
    ratings: np.ndarray,
    scores: np.ndarray,
    stages: Stages,
    outcome: np.ndarray,
    leader: np.ndarray,
    margin: np.ndarray,
) -> np.ndarray:
    """For each row and each of the 16 CHANGES, the outcome code it would give if it flips.

    ``ratings`` (n, 8) are the 1..5 ratings, ``scores`` (n, 4) their scores under the
    weighting whose coefficients are ``stages`` (see ``model.stage_coefficients``), and
    ``outcome``, ``leader`` and ``margin`` (n,) what ``model.outcomes`` made of them.
    Returns an int8 array (n, 16): the new outcome code (index into OUTCOMES) where the
    change flips the result, NO_FLIP where it does not or would take the rating outside 1..5.
    """
    shifts = _MOVES @ option_coefficients(stages).T  # (16, 4): points each change moves
    # How far change k can cut a lead of option L: the most any other option gains on L.
    others = np.where(np.eye(len(OPTIONS), dtype=bool), -np.inf, shifts[:, None, :])
    cut = others.max(axis=2) - shifts  # (16, 4), by change and leader
    # A clear call changes only if a step cuts its lead below NO_CLEAR_CALL_MARGIN (a new
    # leader cuts it below 0); no clear call changes only if a step lifts its lead to it. So
    # a row is decided again for change k only if margin < MARGIN + max(cut, 0): with rows
    # sorted by leader, then margin, those are a prefix of each leader's block (no gather).
    reach = NO_CLEAR_CALL_MARGIN + np.maximum(cut, 0.0) + TIE_TOLERANCE
    order = np.lexsort((margin, leader))
    margin, leader = margin[order], leader[order]
    columns = [scores[order, o] for o in range(len(OPTIONS))]
    ratings, outcome = ratings[order], outcome[order]
    starts = np.searchsorted(leader, np.arange(len(OPTIONS) + 1))
    found = np.full((len(order), len(CHANGES)), NO_FLIP, dtype=np.int8)
    for first, last, lead in zip(starts[:-1], starts[1:], range(len(OPTIONS)), strict=True):
        for k, (j, step) in enumerate(CHANGES):
            rows = slice(first, first + np.searchsorted(margin[first:last], reach[k, lead]))
            moved = decide([column[rows] + shifts[k, o] for o, column in enumerate(columns)])[0]
            rating = ratings[rows, j] + step
            flips = (moved != outcome[rows]) & (rating >= 1) & (rating <= 5)
            found[rows, k] = np.where(flips, moved, NO_FLIP)
    result = np.empty_like(found)
    result[order] = found
    return result


def close_calls(outcome: np.ndarray, flip_codes: np.ndarray) -> np.ndarray:
    """The close-call rule (module docstring): a clear call with at least one flip."""
    return (outcome != NO_CALL_CODE) & (flip_codes != NO_FLIP).any(axis=1)


@dataclass(frozen=True)
class Flip:
    """One single-step rating change that would change a result, and what it would give."""

    factor: str
    step: int  # +1 (one step more) or -1 (one step less)
    outcome: str  # an OPTIONS key or NO_CALL

    @property
    def text(self) -> str:
        """E.g. "one step more expertise required would make it KPO"."""
        more = "more" if self.step > 0 else "less"
        return f"one step {more} {FACTOR_INFO[self.factor].label.lower()} would {self.effect}"

    @property
    def effect(self) -> str:
        """What the change would do: "make it KPO", "make it in-house", "leave no clear call"."""
        if self.outcome == NO_CALL:
            return "leave no clear call"
        return f"make it {OPTION_SHORT[self.outcome]}"


def flips_of(row: pd.Series | Mapping[str, Any]) -> tuple[Flip, ...]:
    """The flipping changes of one ``score_batch`` row, in CHANGES order."""
    return tuple(
        Flip(factor=FACTORS[j], step=step, outcome=str(row[name]))
        for (j, step), name in zip(CHANGES, FLIP_COLUMNS, strict=True)
        if row[name]
    )
