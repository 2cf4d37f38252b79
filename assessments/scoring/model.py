"""The option model: two stages a reader can follow, four scores from eight ratings.

The two stages
--------------
1. *Outsource or keep.* The case for outsourcing, E, weighs the five factors that speak to
   every kind of outsourcing alike (``OUTSOURCING_CASE``): low strategic importance, savings
   to be had, little need for day-to-day control, non-sensitive data and swinging demand
   argue for handing the work out; their opposites argue for keeping it.
2. *Which kind.* Each kind's fit, F_o, weighs the task nature (``KIND_FIT``): repetitive,
   general-skill work suits BPO, expert work suits KPO, IT work suits ITO. KPO also gets the
   milder arrows of strategic importance and control need (knowledge work sits closer to
   strategy and is run as a collaboration): those two pull half as hard against KPO as
   against BPO and ITO, which KIND_FIT says by giving KPO back half of stage 1's push.

The four scores (0..100), one table (``DIRECTION`` = the two stages added up, which is
docs/domain.md's direction table exactly):

    BPO, KPO, ITO = BASELINE + 50 * (E + F_o) / N
    in-house      = BASELINE - 50 * E / N

In numbers: each rating r (1..5) is centred, s = (r - 3) / 2; each factor's weight is
W_f = w_c * FACTOR_SHARE[f], its criterion's weight split among the criterion's factors;
E = sum_f W_f * OUTSOURCING_CASE_f * s_f and F_o = sum_f W_f * KIND_FIT_of * s_f. N, ONE
normaliser for all four options, is the largest sum_f W_f * |DIRECTION_of| over the options
(BPO's, whose row has no zero), so every score stays within 0..100 and BPO reaches both ends.
A kind beats in-house when 2E + F_o > 0: the case for outsourcing decides, and a good fit
for a specialist provider counts towards outsourcing; with the default weights a core,
closely steered, sensitive function without big savings stays in-house whatever its task.

Why one normaliser: when each option was scaled by its own factor total (model 1.x), a
factor with the same arrow for BPO, KPO and ITO was worth different points to each and could
move one kind past another. Now such a factor adds the same points to all three kinds.

What this guarantees (tests/assessments/test_scoring_properties.py proves it over all 5^8
rating profiles): cost, data sensitivity and demand variability never move one kind past
another; strategic importance and control need may move a call to KPO but never away from
it, nor between BPO and ITO; scores only move in the directions of the table. The model is
linear in every rating: 50 * W_f * DIRECTION_of * s_f / N is factor f's contribution to
option o, and BASELINE plus the eight is the score (the charts and explanations show them).

Outcomes: the highest score is the recommendation, unless the two highest are less than
NO_CLEAR_CALL_MARGIN apart: then the outcome is NO_CALL ("no clear call"), never a silently
chosen option. ``flips.py`` lists the one-step rating changes that would change the outcome
and defines the close-call flag from them.

Changing anything here changes scores: bump ``MODEL_VERSION`` (see its comment).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .factors import CRITERIA, FACTOR_INFO, FACTORS, NO_CALL, OPTIONS

#: Stored with every score so a report can say which model produced it. Bump the minor number
#: when a number in this module changes (table, shares, default weights, margins); bump the
#: major number when the formula changes shape (a new term, a gate, new factors). Any change
#: that can move a stored score or recommendation must bump one of them. 1.x was one table
#: with a normaliser per option and a margin-only close-call flag.
MODEL_VERSION = "sw-two-stage-2.0"

#: Score of an option when its factors are neutral or cancel out; the base of the
#: contribution chart (score = BASELINE + sum of contributions).
BASELINE = 50.0

#: Magnitude of docs/domain.md's "mildly" arrows: half a full push.
MILD = 0.5

# fmt: off
#: Stage 1: which way each factor pushes the case for outsourcing (any kind). Columns follow
#: FACTORS; task nature (repetitiveness, expertise, technology) has no say here.
OUTSOURCING_CASE = np.array(
    # strategic  cost  repetit.  expertise  technology  control  data   demand
    [-1.0,       1.0,   0.0,      0.0,       0.0,       -1.0,    -1.0,   1.0],
)

#: Stage 2: how each kind's fit moves with each factor. Rows: BPO, KPO, ITO. KPO's +MILD on
#: strategic importance and control need turns stage 1's full push against it into a mild one.
KIND_FIT = np.array([
    # strategic  cost  repetit.  expertise  technology  control  data   demand
    [ 0.0,       0.0,   1.0,     -1.0,      -1.0,        0.0,     0.0,   0.0],   # BPO
    [ MILD,      0.0,  -1.0,      1.0,      -MILD,       MILD,    0.0,   0.0],   # KPO
    [ 0.0,       0.0,   0.0,      0.0,       1.0,        0.0,     0.0,   0.0],   # ITO
])
# fmt: on

#: Each option's arrows as in docs/domain.md's direction table (rows follow OPTIONS): stage 1
#: plus each kind's fit, and stage 1 reversed for in-house. The scores above follow these
#: arrows; explanations read them to say whether a rating was high or low.
DIRECTION = np.vstack([OUTSOURCING_CASE + KIND_FIT, -OUTSOURCING_CASE])

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
#: Task nature weighs most (40 %) because it is the only criterion that tells BPO, KPO and ITO
#: apart. Strategic value and control together (35 %) carry most of stage 1, whether to keep
#: the work at all; cost is 15 % because every outsourcing option claims the same savings, and
#: weighting it higher would let savings outvote a core, sensitive, closely steered function.
#: With these weights every canonical case of docs/domain.md is a clear call that no single
#: one-step rating change overturns (tests/assessments/test_scoring_model.py).
DEFAULT_WEIGHTS: dict[str, float] = {
    "strategic_value": 0.20,
    "cost": 0.15,
    "task_nature": 0.40,
    "flexibility": 0.10,
    "control": 0.15,
}

#: Points between the two best options below which there is no clear call (NO_CALL): an
#: exact tie, or a lead smaller than the whole points the pages show.
NO_CLEAR_CALL_MARGIN = 1.0

#: Scores are compared after rounding to this many decimals, so that float noise from two
#: arithmetic paths (one function, a batch, Monte Carlo) never orders tied options differently.
TIE_DECIMALS = 9
#: A margin this close to NO_CLEAR_CALL_MARGIN counts as reaching it (see ``decide``): far
#: above float noise and the rounding to TIE_DECIMALS, far below anything a person could see.
TIE_TOLERANCE = 1e-6

#: Outcome codes used in arrays: 0..3 index OPTIONS, NO_CALL_CODE is "no clear call".
NO_CALL_CODE = len(OPTIONS)
OUTCOMES: tuple[str, ...] = (*OPTIONS, NO_CALL)

_CRITERION_INDEX = np.array([CRITERIA.index(FACTOR_INFO[f].criterion) for f in FACTORS])
_SHARE = np.array([FACTOR_SHARE[f] for f in FACTORS])
KINDS = len(KIND_FIT)  # BPO, KPO, ITO: the first three OPTIONS
IN_HOUSE = len(OPTIONS) - 1

assert DIRECTION.shape == (len(OPTIONS), len(FACTORS))
assert OPTIONS[IN_HOUSE] == "IN_HOUSE" and KINDS == IN_HOUSE


class Stages(NamedTuple):
    """Points per unit of centred rating for each stage, under one or more weightings.

    ``case`` has shape (..., 8): E's points; ``fit`` has shape (..., 3, 8): each kind's F.
    Both are already scaled by 50 / N, so a score is BASELINE plus sums of these times s.
    """

    case: np.ndarray
    fit: np.ndarray


def stage_arrows() -> list[tuple[str, float, tuple[float, float, float]]]:
    """The two stages' tables by factor: (factor, push on the case for outsourcing, pull on
    the fit of BPO, KPO and ITO), e.g. ("strategic_importance", -1.0, (0.0, 0.5, 0.0))."""
    return [
        (factor, float(OUTSOURCING_CASE[j]), tuple(float(x) for x in KIND_FIT[:, j]))
        for j, factor in enumerate(FACTORS)
    ]


def centre(ratings: np.ndarray) -> np.ndarray:
    """Map ratings 1..5 onto -1..1 (3 -> 0), element-wise."""
    return (ratings - 3.0) / 2.0


def stage_coefficients(criterion_weights: np.ndarray) -> Stages:
    """The two stages' points per unit of centred rating for weights of shape (..., 5).

    ``criterion_weights`` are in CRITERIA order and sum to 1 on the last axis. N, shared by
    all four options, is the largest sum_f W_f * |DIRECTION_of| over the options, so every
    score stays within 0..100 and a factor's step is worth the same points to every option
    whose arrow on it has the same size.
    """
    factor_weights = np.asarray(criterion_weights)[..., _CRITERION_INDEX] * _SHARE
    norm = (factor_weights[..., None, :] * np.abs(DIRECTION)).sum(axis=-1).max(axis=-1)
    # Weights sum to 1 and BPO's row has no zero, so norm > 0; the guard is for safety only.
    scale = 50.0 / np.where(norm > 0.0, norm, 1.0)
    return Stages(
        case=(factor_weights * OUTSOURCING_CASE) * scale[..., None],
        fit=(factor_weights[..., None, :] * KIND_FIT) * scale[..., None, None],
    )


def scores_for_weights(centred: np.ndarray, criterion_weights: np.ndarray) -> np.ndarray:
    """Scores of n functions under d weight vectors at once, shape (n, d, 4).

    Two matrix products over every (weights, stage) pair: this is what makes Monte Carlo
    robustness and the weight sweeps vectorised across rows and draws.
    """
    stages = stage_coefficients(np.atleast_2d(criterion_weights))
    draws = stages.case.shape[0]
    case = centred @ stages.case.T  # (n, d)
    fit = (centred @ stages.fit.reshape(draws * KINDS, len(FACTORS)).T).reshape(
        len(centred), draws, KINDS
    )
    return BASELINE + _option_points(case, fit)


def _option_points(case: np.ndarray, fit: np.ndarray) -> np.ndarray:
    """Points above BASELINE for each option from the case (...) and the kinds' fits (..., 3)."""
    return np.concatenate([case[..., None] + fit, -case[..., None]], axis=-1)


def option_coefficients(stages: Stages) -> np.ndarray:
    """The whole model as one (4, 8) table of points per unit of centred rating.

    Rows follow OPTIONS: each kind's case plus its fit, then in-house's minus the case. A
    score is BASELINE + this table times the centred ratings (``scores_for_stages``).
    """
    return np.vstack([stages.case + stages.fit, -stages.case])


def outcomes(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The call for scores of shape (..., 4): (outcome, leader, runner_up, margin).

    ``outcome`` indexes OUTCOMES: the leader's index, or NO_CALL_CODE when the leader is less
    than NO_CLEAR_CALL_MARGIN points ahead of the runner-up (ties included). ``leader`` and
    ``runner_up`` index OPTIONS: the two best, equal scores taken in OPTIONS order (which
    only decides which tied option is named first: a tie is never a call). ``margin`` is
    leader minus runner-up in points (>= 0). Scores are compared after rounding to
    TIE_DECIMALS, so float noise from two arithmetic paths (one function, a batch, Monte
    Carlo) never orders tied options differently.
    """
    rounded = np.round(scores, TIE_DECIMALS)
    return decide([rounded[..., k] for k in range(len(OPTIONS))])


def outcome_codes(scores: np.ndarray) -> np.ndarray:
    """Just the outcome codes of ``outcomes``, for scores of shape (..., 4)."""
    return outcomes(scores)[0]


def decide(
    columns: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``outcomes`` for the four options' scores given as separate arrays (no rounding).

    One pass over the options keeps the best and second-best score element-wise: no sort,
    no gather, so deciding the 16 neighbours of 100,000 functions stays cheap. The margin is
    compared with NO_CLEAR_CALL_MARGIN less TIE_TOLERANCE, so float noise (about 1e-13
    points, or the rounding to TIE_DECIMALS) around the margin cannot tip a call.
    """
    top = np.array(columns[0], dtype=float)
    second = np.full(top.shape, -np.inf)
    leader = np.zeros(top.shape, dtype=np.int8)
    runner_up = np.zeros(top.shape, dtype=np.int8)
    for k, value in enumerate(columns[1:], start=1):
        better = value > top
        # In place: a new leader pushes the old one to second; otherwise value may be second.
        runner = ~better & (value > second)
        np.copyto(runner_up, np.int8(k), where=runner)
        np.copyto(runner_up, leader, where=better)
        np.maximum(second, value, out=second)
        np.copyto(second, top, where=better)
        np.copyto(top, value, where=better)
        np.copyto(leader, np.int8(k), where=better)
    margin = np.maximum(top - second, 0.0)
    code = np.where(margin < NO_CLEAR_CALL_MARGIN - TIE_TOLERANCE, np.int8(NO_CALL_CODE), leader)
    return code, leader, runner_up, margin


def winners(scores: np.ndarray) -> np.ndarray:
    """The outcome code (index into OUTCOMES) of scores along the last axis."""
    return outcome_codes(scores)
