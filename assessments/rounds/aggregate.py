"""Group judgement on one function's ratings: geometric mean, spread and consensus.

Pure numpy (no Django), so it is tested without a database. The definitions are in
docs/domain.md, *Group judgement*.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: The rating scale: 1 (lowest) to SCALE_MAX.
SCALE_MAX = 5
#: AHP-OS's published bands of its consensus indicator (docs/domain.md, *Group judgement*).
CONSENSUS_LOW, CONSENSUS_HIGH = 0.65, 0.75
#: A rating at least this far from the group's mean on a factor makes its assessor stand out.
STANDS_OUT_BY = 1.5


@dataclass(frozen=True)
class FactorSpread:
    """One factor across the assessors: the group's mean and who stands out from it."""

    geometric_mean: float
    minimum: int
    maximum: int
    stand_out: tuple[int, ...]  # positions of the assessors far from the mean


def geometric_mean(ratings: np.ndarray) -> np.ndarray:
    """Per factor (column), the geometric mean of the assessors' (rows') ratings."""
    return np.exp(np.log(np.asarray(ratings, dtype=float)).mean(axis=0))


def whole_ratings(means: np.ndarray) -> np.ndarray:
    """The nearest whole ratings (halves round up): the engine scores whole ratings only."""
    return np.clip(np.floor(np.asarray(means, dtype=float) + 0.5), 1, SCALE_MAX).astype(int)


def spreads(ratings: np.ndarray) -> list[FactorSpread]:
    """Per factor: the geometric mean, min and max, and the assessors STANDS_OUT_BY or more
    points away from the mean."""
    table = np.asarray(ratings, dtype=float)
    means = geometric_mean(table)
    far = np.abs(table - means) >= STANDS_OUT_BY
    return [
        FactorSpread(
            geometric_mean=float(means[j]),
            minimum=int(table[:, j].min()),
            maximum=int(table[:, j].max()),
            stand_out=tuple(int(k) for k in np.flatnonzero(far[:, j])),
        )
        for j in range(table.shape[1])
    ]


def _entropy(profiles: np.ndarray) -> np.ndarray:
    """Shannon entropy (natural log) of each row of a table of distributions."""
    p = np.asarray(profiles, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * np.log(p), 0.0)
    return -terms.sum(axis=-1)


def consensus(ratings: np.ndarray, scale_max: int = SCALE_MAX) -> float:
    """AHP-OS's group consensus S* (0..1) over the assessors' rating profiles.

    Each assessor's profile is their ratings divided by their sum (how much each factor
    weighs in their view); see ``consensus_of_priorities``, with D_alpha_min the diversity of
    the most lopsided profile the rating scale allows (one factor at `scale_max`, the others
    at 1).
    """
    table = np.asarray(ratings, dtype=float)
    return consensus_of_priorities(table / table.sum(axis=1, keepdims=True), scale_max)


def consensus_of_priorities(priorities: np.ndarray, scale_max: float) -> float:
    """AHP-OS's group consensus S* (0..1) over the assessors' priority vectors (rows, each
    summing to 1).

    With Shannon entropies H: alpha = mean of the assessors' H, gamma = H of the mean
    vector, D = exp(H), D_beta = D_gamma / D_alpha, S = 1 / D_beta and
    S* = (S - D_alpha_min / D_gamma_max) / (1 - D_alpha_min / D_gamma_max), where n = the
    number of items, D_gamma_max = n and D_alpha_min is the diversity of the most lopsided
    vector the scale allows: one item `scale_max` times each of the others (1..9 for AHP).
    1 = identical priorities; 0 = each assessor puts a different item first as hard as the
    scale allows.
    """
    profiles = np.asarray(priorities, dtype=float)
    n = profiles.shape[1]
    d_alpha = np.exp(_entropy(profiles).mean())
    d_gamma = np.exp(_entropy(profiles.mean(axis=0)))
    lopsided = np.array([scale_max] + [1] * (n - 1), dtype=float)
    d_alpha_min = np.exp(_entropy(lopsided / lopsided.sum()))
    floor = d_alpha_min / n
    similarity = d_alpha / d_gamma  # 1 / D_beta
    return float(np.clip((similarity - floor) / (1 - floor), 0.0, 1.0))


def consensus_band(value: float) -> str:
    """ "low" (< 65 %), "moderate" or "high" (> 75 %), AHP-OS's published bands."""
    if value < CONSENSUS_LOW:
        return "low"
    return "high" if value > CONSENSUS_HIGH else "moderate"
