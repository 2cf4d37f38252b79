"""What scoring one function returns, in friendly types.

Its own module so that both the scorer (batch) and the sentence writer (explain) can name it
without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoredFunction:
    """The scored result for one function: row 0 of ``score_batch`` in friendly types."""

    scores: dict[str, float]
    recommendation: str
    runner_up: str
    margin: float
    close_call: bool
    model_version: str
    contributions_winner: dict[str, float]
    contributions_runner_up: dict[str, float]
    weights: dict[str, float]
    explanation: str
