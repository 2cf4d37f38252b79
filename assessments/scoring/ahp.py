"""AHP: criteria weights from pairwise judgements, with a consistency check.

A judgement a[i][j] on Saaty's 1..9 scale says how much more important item i is than item j;
the matrix is reciprocal (a[j][i] = 1 / a[i][j]). The priorities are its principal eigenvector,
normalised to sum 1; lambda_max its principal eigenvalue; CI = (lambda_max - n) / (n - 1);
CR = CI / RI(n) with Saaty's random index. CR >= 0.10 means the judgements contradict each
other enough to revisit: ``worst_judgements`` says which ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .errors import InvalidMatrix

#: Saaty's random index RI(n) for n = 1..10 (docs/domain.md): the mean CI of random reciprocal
#: matrices. RI is 0 for n <= 2, where a reciprocal matrix cannot be inconsistent.
RANDOM_INDEX: tuple[float, ...] = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
#: Saaty's threshold: below this consistency ratio the judgements are acceptable.
CR_THRESHOLD = 0.10
#: How far a[i][j] * a[j][i] may stray from 1. Reciprocals typed to two decimals are up to
#: 4 % off (1/8 as 0.12, 1/7 as 0.14); a wrong entry such as 3 against 0.5 (product 1.5) or a
#: reversed one (3 against 3) is far outside.
RECIPROCAL_TOLERANCE = 0.05
MIN_SIZE, MAX_SIZE = 2, len(RANDOM_INDEX)
#: Saaty's scale (docs/domain.md): a judgement lies between 1/9 and 9, with the same typing
#: slack as RECIPROCAL_TOLERANCE at both ends (1/9 typed as 0.11, whose reciprocal is 9.09).
SCALE_MAX = 9.0 * (1.0 + RECIPROCAL_TOLERANCE)
SCALE_MIN = 1.0 / SCALE_MAX
#: How many of the most inconsistent judgements to report.
WORST_SHOWN = 3


@dataclass(frozen=True)
class Judgement:
    """One upper-triangle judgement compared with what the derived weights imply.

    ``deviation`` is |ln(given / implied)|: 0 when the judgement agrees with the weights,
    ln 2 (0.69) when it is off by a factor of two either way.
    """

    i: int
    j: int
    given: float
    implied: float
    deviation: float


@dataclass(frozen=True)
class AhpResult:
    """Priorities of an AHP matrix and how consistent its judgements are."""

    weights: np.ndarray
    lambda_max: float
    ci: float
    cr: float
    consistent: bool
    worst_judgements: list[Judgement]


@dataclass(frozen=True)
class AggregateResult:
    """Several assessors' matrices combined by element-wise geometric mean.

    ``geometric_std`` is each cell's geometric standard deviation across assessors (1 = all
    agree; 2 = judgements typically a factor of two apart) and ``max_min_ratio`` the ratio of
    the largest to the smallest judgement in each cell; ``result`` is AHP on the mean matrix.
    """

    matrix: np.ndarray
    geometric_std: np.ndarray
    max_min_ratio: np.ndarray
    assessors: int
    result: AhpResult


def ahp_priorities(matrix: Sequence[Sequence[float]] | np.ndarray) -> AhpResult:
    """Weights and consistency of a full reciprocal pairwise-comparison matrix.

    Input: an n x n matrix (2 <= n <= 10) of positive judgements with a[j][i] = 1 / a[i][j]
    (within RECIPROCAL_TOLERANCE) and ones on the diagonal. Output: ``AhpResult`` with the
    weights (summing to 1), lambda_max, CI, CR, ``consistent`` (CR < 0.10; always true for
    n = 2) and the WORST_SHOWN judgements that disagree most with the weights, worst first.
    An inconsistent matrix is not an error: it is reported. Raises ``InvalidMatrix`` when the
    matrix is not square, too small or large, not positive and finite, or not reciprocal.
    """
    a = check_matrix(matrix)
    n = a.shape[0]
    eigenvalues, eigenvectors = np.linalg.eig(a)
    # Perron-Frobenius: a positive matrix has one real, largest eigenvalue with a positive
    # eigenvector; the imaginary parts left are rounding.
    k = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, k].real)
    weights = vector / vector.sum()
    weights.flags.writeable = False  # the result is frozen; so are its arrays
    lambda_max = float(eigenvalues[k].real)
    # lambda_max >= n holds exactly for reciprocal matrices; a tiny negative CI is rounding.
    ci = max(0.0, (lambda_max - n) / (n - 1))
    ri = RANDOM_INDEX[n - 1]
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(
        weights=weights,
        lambda_max=lambda_max,
        ci=ci,
        cr=cr,
        consistent=cr < CR_THRESHOLD,
        worst_judgements=_worst_judgements(a, weights),
    )


def ahp_from_upper_triangle(values: Sequence[float], n: int) -> np.ndarray:
    """Build the full reciprocal matrix from the judgements above the diagonal.

    ``values`` are a[0][1], a[0][2], ..., a[0][n-1], a[1][2], ..., a[n-2][n-1] (row by row),
    n(n-1)/2 positive numbers: what a form collects. Raises ``InvalidMatrix`` on a wrong
    count or a value that is not a positive finite number.
    """
    if not MIN_SIZE <= n <= MAX_SIZE:
        raise InvalidMatrix(f"AHP needs between {MIN_SIZE} and {MAX_SIZE} items, got {n}")
    _refuse_booleans(values)
    upper = np.asarray(values, dtype=float)
    expected = n * (n - 1) // 2
    if upper.shape != (expected,):
        raise InvalidMatrix(
            f"{n} items need {expected} judgements above the diagonal, got {upper.size}"
        )
    bad = np.flatnonzero(~np.isfinite(upper) | (upper <= 0))
    if bad.size:
        raise InvalidMatrix([f"judgement {k}: {upper[k]:g} is not a positive number" for k in bad])
    off_scale = np.flatnonzero(_off_scale(upper))
    if off_scale.size:
        raise InvalidMatrix(
            [f"judgement {k}: {upper[k]:g} is {_SCALE_TEXT}" for k in off_scale[:MAX_SHOWN]],
            total=off_scale.size,
        )
    a = np.ones((n, n))
    rows, cols = np.triu_indices(n, k=1)
    a[rows, cols] = upper
    a[cols, rows] = 1.0 / upper
    return a


def aggregate_judgements(
    matrices: Sequence[Sequence[Sequence[float]] | np.ndarray],
) -> AggregateResult:
    """Combine several assessors' reciprocal matrices by element-wise geometric mean.

    The geometric mean (not the arithmetic) keeps the result reciprocal and treats "3 times"
    and "1/3" symmetrically (Aczel and Saaty). Each matrix is checked as in
    ``ahp_priorities``; all must be the same size. Raises ``InvalidMatrix`` otherwise.
    """
    if len(matrices) == 0:
        raise InvalidMatrix("aggregate_judgements needs at least one matrix")
    checked = []
    for k, matrix in enumerate(matrices):
        try:
            checked.append(check_matrix(matrix))
        except InvalidMatrix as error:
            raise InvalidMatrix([f"assessor {k}: {p}" for p in error.problems]) from error
    sizes = {m.shape[0] for m in checked}
    if len(sizes) > 1:
        raise InvalidMatrix(f"assessors' matrices differ in size: {sorted(sizes)}")
    logs = np.log(np.stack(checked))
    mean = np.exp(logs.mean(axis=0))
    geometric_std = np.exp(logs.std(axis=0))
    max_min_ratio = np.exp(logs.max(axis=0) - logs.min(axis=0))
    for array in (mean, geometric_std, max_min_ratio):
        array.flags.writeable = False
    return AggregateResult(
        matrix=mean,
        geometric_std=geometric_std,
        max_min_ratio=max_min_ratio,
        assessors=len(checked),
        result=ahp_priorities(mean),
    )


def check_matrix(matrix: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
    """Return the matrix as floats, or raise ``InvalidMatrix`` saying what is wrong."""
    _refuse_booleans(matrix)
    try:
        a = np.array(matrix, dtype=float)
    except (TypeError, ValueError) as error:
        raise InvalidMatrix(f"matrix must be a square table of numbers ({error})") from error
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise InvalidMatrix(f"matrix must be square, got shape {a.shape}")
    n = a.shape[0]
    if not MIN_SIZE <= n <= MAX_SIZE:
        raise InvalidMatrix(f"AHP needs between {MIN_SIZE} and {MAX_SIZE} items, got {n}")
    bad = np.argwhere(~np.isfinite(a) | (a <= 0))
    if bad.size:
        raise InvalidMatrix([f"a[{i}][{j}]={a[i, j]:g} is not a positive number" for i, j in bad])
    off_scale = np.argwhere(_off_scale(a))
    if off_scale.size:
        raise InvalidMatrix(
            [f"a[{i}][{j}]={a[i, j]:g} is {_SCALE_TEXT}" for i, j in off_scale[:MAX_SHOWN]],
            total=len(off_scale),
        )
    bad_diagonal = [i for i in range(n) if a[i, i] != 1.0]
    if bad_diagonal:
        raise InvalidMatrix(
            [f"a[{i}][{i}]={a[i, i]:g} but the diagonal must be 1" for i in bad_diagonal]
        )
    rows, cols = np.triu_indices(n, k=1)
    product = a[rows, cols] * a[cols, rows]
    wrong = np.flatnonzero(np.abs(product - 1.0) > RECIPROCAL_TOLERANCE)
    if wrong.size:
        raise InvalidMatrix(
            [
                f"matrix is not reciprocal: a[{i}][{j}]={a[i, j]:g} but a[{j}][{i}]={a[j, i]:g} "
                f"(expected {1.0 / a[i, j]:.4g})"
                for i, j in zip(rows[wrong], cols[wrong], strict=True)
            ]
        )
    return a


_SCALE_TEXT = "outside Saaty's scale (judgements run from 1/9 to 9)"
#: Off-scale judgements formatted in a message; the rest are counted.
MAX_SHOWN = 10


def _off_scale(values: np.ndarray) -> np.ndarray:
    return (values < SCALE_MIN) | (values > SCALE_MAX)


def _refuse_booleans(values: object) -> None:
    """True would be read as judgement 1 ("equally important"): refuse it instead."""
    cells = np.asarray(values, dtype=object).ravel()
    flagged = [k for k, cell in enumerate(cells) if isinstance(cell, bool | np.bool_)]
    if flagged:
        raise InvalidMatrix(
            [f"judgement {k}: {bool(cells[k])!r} is a yes/no value, not a number" for k in flagged]
        )


def _worst_judgements(a: np.ndarray, weights: np.ndarray) -> list[Judgement]:
    """The upper-triangle judgements furthest (in log ratio) from w_i / w_j, worst first."""
    rows, cols = np.triu_indices(a.shape[0], k=1)
    implied = weights[rows] / weights[cols]
    deviation = np.abs(np.log(a[rows, cols] / implied))
    order = np.argsort(-deviation, kind="stable")[:WORST_SHOWN]
    return [
        Judgement(
            i=int(rows[k]),
            j=int(cols[k]),
            given=float(a[rows[k], cols[k]]),
            implied=float(implied[k]),
            deviation=float(deviation[k]),
        )
        for k in order
    ]
