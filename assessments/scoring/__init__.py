"""Sourcewise scoring engine: which sourcing option suits each business function, and why.

Pure Python on numpy and pandas, no Django: the web app calls these functions and stores what
they return. Everything a caller needs is importable from here.

Questionnaire metadata (one source of truth for the form and the explanations)
    FACTORS, CRITERIA, OPTIONS, FACTOR_INFO, CRITERION_INFO, OPTION_LABELS,
    FactorInfo, CriterionInfo.

Model (see ``model.py`` for the two stages, the table and why each number is what it is)
    DEFAULT_WEIGHTS, MODEL_VERSION (store it with every score), NO_CLEAR_CALL_MARGIN,
    BASELINE, NO_CALL / NO_CALL_LABEL (the "no clear call" outcome), stage_arrows() (the
    two stages' direction tables, for the methodology page).

Scoring
    score_batch(ratings, weights=None) -> DataFrame: scores 0..100 per option,
        recommendation (an option or NO_CALL), leader, runner_up, margin, close_call,
        model_version, each factor's contribution to the leader and runner-up (BASELINE +
        contributions = score) and, per single-step rating change, the outcome it would give
        if it changes the result (``flip__<factor>__up`` / ``__down``).
    score_one(ratings, weights=None) -> ScoredFunction: the batch of one, plus explanation
        and its flips (``Flip``: factor, step, outcome, text).
    flips_of(row) -> tuple[Flip, ...]: a score_batch row's flipping changes.
    explain(row_or_scored) -> str: "Recommended BPO (score 76, 13 points ahead of ITO): ..."
    The close-call rule is in ``flips.py``: a clear call with at least one flipping change.

Sensitivity
    weight_intervals(ratings, weights=None, resolution=0.001): per criterion, the weight range
        that keeps one function's recommendation.
    robustness(ratings, weights=None, spread=0.2, draws=1000, seed=0): per function, the share
        of perturbed weightings that keep its recommendation.

Decision maths
    ahp_priorities(matrix) -> AhpResult; ahp_from_upper_triangle(values, n);
    aggregate_judgements(matrices) -> AggregateResult; topsis(matrix, weights, benefit).

Weights
    normalise_weights(weights) -> array in CRITERIA order summing to 1 (checked as below).

Input rules: ratings are whole numbers 1..5 (not booleans); criteria weights must all be
present, numbers (not booleans), finite and non-negative, not all zero, with a finite sum, and
are normalised to sum 1 (not rejected when they do not). AHP judgements lie in 1/9..9.
Bad input raises a ``ScoringError`` subclass (``InvalidRatings``, ``InvalidWeights``,
``InvalidMatrix``; all are ``ValueError``) whose ``problems`` name each row, column and value.
"""

from .ahp import (
    AggregateResult,
    AhpResult,
    Judgement,
    aggregate_judgements,
    ahp_from_upper_triangle,
    ahp_priorities,
)
from .batch import score_batch, score_one
from .errors import InvalidMatrix, InvalidRatings, InvalidWeights, ScoringError
from .explain import explain
from .factors import (
    CRITERIA,
    CRITERION_INFO,
    FACTOR_INFO,
    FACTORS,
    NO_CALL,
    NO_CALL_LABEL,
    OPTION_LABELS,
    OPTIONS,
    CriterionInfo,
    FactorInfo,
)
from .flips import Flip, flips_of
from .model import BASELINE, DEFAULT_WEIGHTS, MODEL_VERSION, NO_CLEAR_CALL_MARGIN, stage_arrows
from .scored import ScoredFunction
from .sensitivity import robustness, weight_intervals
from .topsis import topsis
from .validation import normalise_weights

__all__ = [
    "BASELINE",
    "CRITERIA",
    "CRITERION_INFO",
    "DEFAULT_WEIGHTS",
    "FACTORS",
    "FACTOR_INFO",
    "MODEL_VERSION",
    "NO_CALL",
    "NO_CALL_LABEL",
    "NO_CLEAR_CALL_MARGIN",
    "OPTIONS",
    "OPTION_LABELS",
    "AggregateResult",
    "AhpResult",
    "CriterionInfo",
    "FactorInfo",
    "Flip",
    "InvalidMatrix",
    "InvalidRatings",
    "InvalidWeights",
    "Judgement",
    "ScoredFunction",
    "ScoringError",
    "aggregate_judgements",
    "ahp_from_upper_triangle",
    "ahp_priorities",
    "explain",
    "flips_of",
    "normalise_weights",
    "robustness",
    "score_batch",
    "score_one",
    "stage_arrows",
    "topsis",
    "weight_intervals",
]
