"""Errors raised by the scoring engine.

Every error is a ``ValueError`` (bad input, not a bug) and carries ``problems``: the individual
messages, each naming the row, column or key and the offending value, so a form or an import
page can list them one per line. At most ``MAX_PROBLEMS`` are formatted; the rest are counted.
"""

from __future__ import annotations

from collections.abc import Sequence

#: Formatting 100,000 messages for a bad upload helps nobody; the first few show the pattern.
MAX_PROBLEMS = 20


class ScoringError(ValueError):
    """Base class: the engine was given input it cannot score."""

    def __init__(self, problems: str | Sequence[str], total: int | None = None) -> None:
        listed = (problems,) if isinstance(problems, str) else tuple(problems)
        self.problems: tuple[str, ...] = listed[:MAX_PROBLEMS]
        self.total: int = len(listed) if total is None else total
        message = "; ".join(self.problems)
        if self.total > len(self.problems):
            message += f"; and {self.total - len(self.problems)} more"
        super().__init__(message)


class InvalidRatings(ScoringError):
    """Factor ratings are missing, not numbers, not whole, or outside 1..5."""


class InvalidWeights(ScoringError):
    """Criteria weights are missing, unknown, negative, not finite or all zero."""


class InvalidMatrix(ScoringError):
    """An AHP or TOPSIS matrix has the wrong shape or values."""
