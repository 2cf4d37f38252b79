"""Sourcewise scoring engine: which sourcing option suits each business function, and why.

Pure Python on numpy and pandas, no Django: the web app calls these functions and stores what
they return. Everything a caller needs is importable from here.

Questionnaire metadata (one source of truth for the form and the explanations)
    FACTORS, CRITERIA, OPTIONS, FACTOR_INFO, CRITERION_INFO, OPTION_LABELS,
    FactorInfo, CriterionInfo.

Model (see ``model.py`` for the coefficient table and why each number is what it is)
    DEFAULT_WEIGHTS, MODEL_VERSION (store it with every score), CLOSE_CALL_MARGIN, BASELINE.

Scoring
    score_batch(ratings, weights=None) -> DataFrame: scores 0..100 per option,
        recommendation, runner_up, margin, close_call, model_version and each factor's
        contribution to the winner and runner-up (BASELINE + contributions = score).
    score_one(ratings, weights=None) -> ScoredFunction: the batch of one, plus explanation.
    explain(row_or_scored) -> str: "Recommended BPO (score 76, 11 points ahead of ITO): ..."

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

Input rules: ratings are whole numbers 1..5; criteria weights must all be present, finite and
non-negative, not all zero, and are normalised to sum 1 (not rejected when they do not).
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
    OPTION_LABELS,
    OPTIONS,
    CriterionInfo,
    FactorInfo,
)
from .model import BASELINE, CLOSE_CALL_MARGIN, DEFAULT_WEIGHTS, MODEL_VERSION
from .scored import ScoredFunction
from .sensitivity import robustness, weight_intervals
from .topsis import topsis
from .validation import normalise_weights

__all__ = [
    "BASELINE",
    "CLOSE_CALL_MARGIN",
    "CRITERIA",
    "CRITERION_INFO",
    "DEFAULT_WEIGHTS",
    "FACTORS",
    "FACTOR_INFO",
    "MODEL_VERSION",
    "OPTIONS",
    "OPTION_LABELS",
    "AggregateResult",
    "AhpResult",
    "CriterionInfo",
    "FactorInfo",
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
    "normalise_weights",
    "robustness",
    "score_batch",
    "score_one",
    "topsis",
    "weight_intervals",
]
