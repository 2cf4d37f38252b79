"""Names of the columns ``score_batch`` returns, shared by the scorer and the explainer."""

from __future__ import annotations

from .factors import FACTORS, OPTIONS

#: Each option's score column, e.g. "IN_HOUSE" -> "score_in_house".
SCORE_COLUMNS: dict[str, str] = {option: f"score_{option.lower()}" for option in OPTIONS}

#: Contribution columns: prefix + factor, e.g. "contrib_winner__repetitiveness".
WINNER_PREFIX = "contrib_winner__"
RUNNER_UP_PREFIX = "contrib_runner_up__"

WINNER_COLUMNS: tuple[str, ...] = tuple(WINNER_PREFIX + f for f in FACTORS)
RUNNER_UP_COLUMNS: tuple[str, ...] = tuple(RUNNER_UP_PREFIX + f for f in FACTORS)

#: One column per single-step change (flips.CHANGES order): the outcome that change would give
#: if it changes the result, else "". E.g. "flip__expertise_required__up" -> "KPO".
FLIP_PREFIX = "flip__"
FLIP_COLUMNS: tuple[str, ...] = tuple(
    f"{FLIP_PREFIX}{factor}__{direction}" for factor in FACTORS for direction in ("up", "down")
)
