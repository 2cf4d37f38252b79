"""TOPSIS: rank alternatives (e.g. vendors) by closeness to the ideal one.

Each criterion column is vector-normalised (divided by its Euclidean norm) and multiplied by
its weight; the ideal takes each column's best value (max for a benefit criterion, min for a
cost criterion) and the anti-ideal the worst; closeness C = d- / (d+ + d-), where d+ and d-
are a row's Euclidean distances to the ideal and the anti-ideal. C is 1 for the ideal itself.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .errors import InvalidMatrix, InvalidWeights


def topsis(
    matrix: Sequence[Sequence[float]] | np.ndarray,
    weights: Sequence[float] | np.ndarray,
    benefit: Sequence[bool],
) -> np.ndarray:
    """Closeness to the ideal (0..1) of each row of ``matrix``.

    Inputs: ``matrix`` (m alternatives x k criteria, finite numbers), ``weights`` (k
    non-negative numbers, normalised to sum 1 here; closeness does not depend on their scale,
    but normalised weights keep the weighted matrix readable), ``benefit`` (k booleans: True
    when higher is better, False for a cost criterion). Output: an array of m closeness
    values; an alternative tied with every other on all weighted criteria gets 0.5, since it
    is as close to the ideal as to the anti-ideal.

    Raises ``InvalidMatrix`` for a matrix that is not 2-D with at least one row, has a
    non-finite value, or has an all-zero column (it cannot be normalised); ``InvalidWeights``
    for weights or benefit flags that do not match the columns, a negative or non-finite
    weight, or all weights zero.
    """
    try:
        x = np.array(matrix, dtype=float)
    except (TypeError, ValueError) as error:
        raise InvalidMatrix(f"matrix must be a table of numbers ({error})") from error
    if x.ndim != 2 or x.shape[0] == 0 or x.shape[1] == 0:
        raise InvalidMatrix(f"matrix must be 2-D with at least one row and column, got {x.shape}")
    columns = x.shape[1]
    bad = np.argwhere(~np.isfinite(x))
    if bad.size:
        raise InvalidMatrix(
            [f"row {i}, column {j}: {x[i, j]} is not a finite number" for i, j in bad]
        )
    w = _weights(weights, columns)
    flags = list(benefit)
    if len(flags) != columns:
        raise InvalidWeights(
            f"benefit has {len(flags)} entries but the matrix has {columns} columns"
        )
    if not all(isinstance(flag, bool | np.bool_) for flag in flags):
        raise InvalidWeights(
            "benefit entries must be True (higher is better) or False (lower is better)"
        )
    norms = np.sqrt((x**2).sum(axis=0))
    zero = np.flatnonzero(norms == 0)
    if zero.size:
        listed = ", ".join(str(j) for j in zero)
        raise InvalidMatrix(f"column(s) {listed} are all zero: TOPSIS cannot normalise them")

    weighted = x / norms * w
    is_benefit = np.array(flags, dtype=bool)
    best = np.where(is_benefit, weighted.max(axis=0), weighted.min(axis=0))
    worst = np.where(is_benefit, weighted.min(axis=0), weighted.max(axis=0))
    to_best = np.sqrt(((weighted - best) ** 2).sum(axis=1))
    to_worst = np.sqrt(((weighted - worst) ** 2).sum(axis=1))
    total = to_best + to_worst
    safe = np.where(total > 0, total, 1.0)
    return np.where(total > 0, to_worst / safe, 0.5)


def _weights(weights: Sequence[float] | np.ndarray, columns: int) -> np.ndarray:
    """Check the weights against the matrix and normalise them to sum 1."""
    try:
        w = np.array(weights, dtype=float)
    except (TypeError, ValueError) as error:
        raise InvalidWeights(f"weights must be numbers ({error})") from error
    if w.shape != (columns,):
        raise InvalidWeights(f"weights has {w.size} entries but the matrix has {columns} columns")
    problems = [
        f"weight {j} is {'negative' if np.isfinite(v) else 'not a finite number'} ({v:g})"
        for j, v in enumerate(w)
        if not np.isfinite(v) or v < 0
    ]
    if problems:
        raise InvalidWeights(problems)
    if w.sum() == 0:
        raise InvalidWeights("all weights are zero: give at least one criterion a positive weight")
    return w / w.sum()
