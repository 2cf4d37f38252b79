"""What scoring one function returns, in friendly types.

Its own module so that both the scorer (batch) and the sentence writer (explain) can name it
without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from .flips import Flip


@dataclass(frozen=True)
class ScoredFunction:
    """The scored result for one function: row 0 of ``score_batch`` in friendly types.

    ``recommendation`` is an OPTIONS key or NO_CALL; ``leader`` and ``runner_up`` are the two
    best options; ``flips`` the single-step rating changes that would change the result.
    """

    scores: dict[str, float]
    recommendation: str
    leader: str
    runner_up: str
    margin: float
    close_call: bool
    flips: tuple[Flip, ...]
    model_version: str
    contributions_winner: dict[str, float]
    contributions_runner_up: dict[str, float]
    weights: dict[str, float]
    explanation: str
