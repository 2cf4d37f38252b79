"""The option model: one table of numbers that turns eight ratings into four scores.

How a score is made
-------------------
1. Each rating r (1..5) is centred: s = (r - 3) / 2, so 1 -> -1, 3 -> 0 (neutral), 5 -> +1.
2. Each factor gets a weight W_f = w_c * FACTOR_SHARE[f]: its criterion's weight w_c (the
   criteria weights sum to 1) split among that criterion's factors.
3. ``DIRECTION[o, f]`` in [-1, 1] says which way factor f pushes option o (docs/domain.md's
   direction table: up = +1, down = -1, "mildly" = +-MILD, "." = 0).
4. score_o = BASELINE + 50 * sum_f(W_f * D_of * s_f) / N_o, with N_o = sum_f(W_f * |D_of|).

So a score is the weighted balance of evidence for that option, over the factors that matter
to it: 0 when every such factor is at its worst, 100 when all are at their best, 50 when they
cancel out or are all neutral. It is linear in every rating, and because a DIRECTION entry never
changes sign the score only ever moves in that entry's direction (the monotonicity the tests
check over all 5^8 rating profiles). The term of factor f, 50 * W_f * D_of * s_f / N_o, is that
factor's contribution in points; BASELINE plus the eight contributions is the score.

Per-option normalisation (dividing by N_o) lets "keep in-house", which only five factors speak
to, reach 0..100 like the others. Its side effect is that options with fewer relevant factors
move more per rating step; the factor shares and default weights below were chosen, and are
tested, so that this does not flip docs/domain.md's canonical cases or their like.

Changing anything here changes scores: bump ``MODEL_VERSION`` (see its comment).
"""

from __future__ import annotations

import numpy as np

from .factors import CRITERIA, FACTOR_INFO, FACTORS, OPTIONS

#: Stored with every score so a report can say which model produced it. Bump the minor number
#: when a number in this module changes (table, shares, default weights, close-call margin);
#: bump the major number when the formula changes shape (a new term, a gate, new factors).
#: Any change that can move a stored score or recommendation must bump one of them.
MODEL_VERSION = "sw-linear-1.0"

#: Score of an option when its factors are neutral or cancel out; the base of the
#: contribution chart (score = BASELINE + sum of contributions).
BASELINE = 50.0

#: Magnitude of docs/domain.md's "mildly" arrows: half a full push. KPO tolerates some strategic
#: weight, some IT and some steering, because knowledge work is run as a collaboration.
MILD = 0.5

# fmt: off
#: Which way each factor pushes each option. Rows follow OPTIONS, columns follow FACTORS.
DIRECTION = np.array([
    # strategic  cost  repetit.  expertise  technology  control  data   demand
    [-1.0,       1.0,   1.0,     -1.0,      -1.0,       -1.0,    -1.0,   1.0],   # BPO
    [-MILD,      1.0,  -1.0,      1.0,      -MILD,      -MILD,   -1.0,   1.0],   # KPO
    [-1.0,       1.0,   0.0,      0.0,       1.0,       -1.0,    -1.0,   1.0],   # ITO
    [ 1.0,      -1.0,   0.0,      0.0,       0.0,        1.0,     1.0,  -1.0],   # IN_HOUSE
])
# fmt: on

#: How a criterion's weight is shared among its factors (each criterion's shares sum to 1).
#: Task nature: technology intensity alone decides IT versus business-process work, while
#: repetitiveness and expertise are two views of one question (routine versus knowledge work),
#: so they share the other half. Control: data risk can partly be contracted for (ISO 27001,
#: SOC 2, data-processing terms); the need to direct work day to day cannot, so it counts more.
FACTOR_SHARE: dict[str, float] = {
    "strategic_importance": 1.0,
    "cost_saving_potential": 1.0,
    "repetitiveness": 0.25,
    "expertise_required": 0.25,
    "technology_intensity": 0.5,
    "control_need": 0.6,
    "data_sensitivity": 0.4,
    "demand_variability": 1.0,
}

#: Product defaults, used when a workspace has not set its own (a consultant may change them).
#: Task nature weighs most because it is the only criterion that tells BPO, KPO and ITO apart;
#: strategic value and control together (45 %) decide whether to keep the work at all; cost is
#: 15 % because every outsourcing option claims the same savings, and weighting it higher would
#: let savings outvote a core, sensitive, closely steered function.
DEFAULT_WEIGHTS: dict[str, float] = {
    "strategic_value": 0.25,
    "cost": 0.15,
    "task_nature": 0.30,
    "flexibility": 0.10,
    "control": 0.20,
}

#: Points between the winner and the runner-up below which a call is flagged as close. One
#: rating moved by one step moves a score by about 2 to 9 points under the default weights; of
#: all 5^8 rating profiles whose margin is under 5 points, 98 % change recommendation when a
#: single rating moves by a single step -- the commonest disagreement between two assessors.
CLOSE_CALL_MARGIN = 5.0

#: Scores are compared after rounding to this many decimals, so that float noise from two
#: arithmetic paths (one function, a batch, Monte Carlo) never breaks a tie differently.
TIE_DECIMALS = 9

_CRITERION_INDEX = np.array([CRITERIA.index(FACTOR_INFO[f].criterion) for f in FACTORS])
_SHARE = np.array([FACTOR_SHARE[f] for f in FACTORS])

assert DIRECTION.shape == (len(OPTIONS), len(FACTORS))


def centre(ratings: np.ndarray) -> np.ndarray:
    """Map ratings 1..5 onto -1..1 (3 -> 0), element-wise."""
    return (ratings - 3.0) / 2.0


def coefficients(criterion_weights: np.ndarray) -> np.ndarray:
    """Points per unit of centred rating, for each option and factor.

    ``criterion_weights`` has shape (..., 5) in CRITERIA order and sums to 1 on the last
    axis; the result has shape (..., 4, 8), so contribution = coefficient * centre(rating).
    An option none of whose factors carries weight (e.g. in-house when only task nature is
    weighted) gets zero coefficients: it stays at BASELINE instead of dividing by zero.
    """
    factor_weights = np.asarray(criterion_weights)[..., _CRITERION_INDEX] * _SHARE
    weighted = factor_weights[..., None, :] * DIRECTION
    norm = np.abs(weighted).sum(axis=-1, keepdims=True)
    safe = np.where(norm > 0.0, norm, 1.0)
    return np.where(norm > 0.0, 50.0 * weighted / safe, 0.0)


def scores_for_weights(centred: np.ndarray, criterion_weights: np.ndarray) -> np.ndarray:
    """Scores of n functions under d weight vectors at once, shape (n, d, 4).

    One matrix product over every (weights, option) pair: this is what makes Monte Carlo
    robustness and the weight sweeps vectorised across rows and draws.
    """
    coef = coefficients(criterion_weights)
    draws = coef.shape[0]
    flat = coef.reshape(draws * len(OPTIONS), len(FACTORS))
    return BASELINE + (centred @ flat.T).reshape(centred.shape[0], draws, len(OPTIONS))


def winners(scores: np.ndarray) -> np.ndarray:
    """Index (into OPTIONS) of the best option along the last axis; ties go to the earlier one."""
    # argmax returns the first maximum, which is the OPTIONS order.
    return np.argmax(np.round(scores, TIE_DECIMALS), axis=-1)


def rank_options(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Winner and runner-up indices for scores of shape (n, 4).

    Ties are broken in OPTIONS order (BPO, KPO, ITO, IN_HOUSE): deterministic, and it matches
    ``winners`` because a stable sort keeps equal scores in column order.
    """
    order = np.argsort(-np.round(scores, TIE_DECIMALS), axis=1, kind="stable")
    return order[:, 0], order[:, 1]
