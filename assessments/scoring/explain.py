"""The sentence a consultant reads out: what was recommended, by how much, and why.

The reasons are the factors whose contribution to the winner most exceeds their contribution
to the runner-up: what tipped the balance between the two options a client would compare,
not merely what made the winner score high.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .columns import RUNNER_UP_COLUMNS, SCORE_COLUMNS, WINNER_COLUMNS
from .factors import FACTOR_INFO, FACTORS, OPTION_SHORT, OPTIONS
from .model import CLOSE_CALL_MARGIN, DIRECTION
from .scored import ScoredFunction

if TYPE_CHECKING:
    import pandas as pd

#: At most this many reasons: a sentence, not a table.
MAX_REASONS = 4
#: Reasons beyond the first two must tip the balance by at least this many points; smaller
#: differences are real but not worth a client's attention.
MIN_POINTS = 1.0


class _Facts(NamedTuple):
    recommendation: str
    runner_up: str
    score: float
    margin: float
    close_call: bool
    winner: np.ndarray  # contribution of each factor (FACTORS order) to the winner
    runner: np.ndarray  # ... and to the runner-up


def explain(scored: pd.Series | Mapping[str, Any] | ScoredFunction) -> str:
    """Explain one scored function in a sentence.

    ``scored`` is a row of ``score_batch`` (a pandas Series or a mapping with its columns) or a
    ``ScoredFunction``. Returns e.g. "Recommended BPO (score 76, 11 points ahead of ITO): little
    IT work; highly repetitive and rule-based; needs only general skills." Scores are rounded
    to whole points; the factors named (up to 4, and 2 whenever two favour the winner) are those
    that favoured the winner most over the runner-up, in the words of ``FACTOR_INFO``. A tie
    says how it was settled; a close call says so and why it matters.
    """
    facts = _facts(scored)
    runner = _as_object(facts.runner_up)
    if facts.margin == 0:
        lead = f"tied with {runner}"
    elif _rounded(facts.margin) == 0:
        lead = f"less than 1 point ahead of {runner}"
    else:
        points = _rounded(facts.margin)
        lead = f"{points} point{'s' if points != 1 else ''} ahead of {runner}"
    reasons = "; ".join(_reasons(facts)) or f"no factor favours it over {runner}"
    text = (
        f"Recommended {_as_object(facts.recommendation)} "
        f"(score {_rounded(facts.score)}, {lead}): {reasons}."
    )
    if facts.margin == 0:
        order = ", ".join(OPTION_SHORT[o] for o in OPTIONS)
        text += f" Ties are settled in the order {order}."
    if facts.close_call:
        text += (
            f" A close call: {runner} is less than {CLOSE_CALL_MARGIN:g} points behind, so one "
            "rating moved by a single step could change the answer."
        )
    return text


def _reasons(facts: _Facts) -> list[str]:
    """Phrases for the factors that favoured the winner most over the runner-up."""
    lead = facts.winner - facts.runner
    ranked = [j for j in np.argsort(-lead, kind="stable") if lead[j] > 0]
    chosen = [j for k, j in enumerate(ranked[:MAX_REASONS]) if k < 2 or lead[j] >= MIN_POINTS]
    winner_direction = DIRECTION[OPTIONS.index(facts.recommendation)]
    runner_direction = DIRECTION[OPTIONS.index(facts.runner_up)]
    phrases = []
    for j in chosen:
        # A contribution is coefficient * centred rating, so its sign and the table's sign
        # tell whether the rating was above or below 3. One of the two is non-zero here.
        if winner_direction[j] != 0 and facts.winner[j] != 0:
            high = (facts.winner[j] > 0) == (winner_direction[j] > 0)
        else:
            high = (facts.runner[j] > 0) == (runner_direction[j] > 0)
        info = FACTOR_INFO[FACTORS[j]]
        phrases.append(info.high_phrase if high else info.low_phrase)
    return phrases


def _facts(scored: pd.Series | Mapping[str, Any] | ScoredFunction) -> _Facts:
    """Read what the sentence needs from a score_batch row or a ScoredFunction."""
    if hasattr(scored, "contributions_winner"):
        return _Facts(
            recommendation=scored.recommendation,
            runner_up=scored.runner_up,
            score=scored.scores[scored.recommendation],
            margin=scored.margin,
            close_call=scored.close_call,
            winner=np.array([scored.contributions_winner[f] for f in FACTORS]),
            runner=np.array([scored.contributions_runner_up[f] for f in FACTORS]),
        )
    if not isinstance(scored, Mapping) and not hasattr(scored, "index"):
        raise TypeError("explain() takes a row of score_batch or a ScoredFunction")
    recommendation = str(scored["recommendation"])
    return _Facts(
        recommendation=recommendation,
        runner_up=str(scored["runner_up"]),
        score=float(scored[SCORE_COLUMNS[recommendation]]),
        margin=float(scored["margin"]),
        close_call=bool(scored["close_call"]),
        winner=np.array([float(scored[c]) for c in WINNER_COLUMNS]),
        runner=np.array([float(scored[c]) for c in RUNNER_UP_COLUMNS]),
    )


def _as_object(option: str) -> str:
    """How an option reads after "Recommended" or "ahead of"."""
    return "keeping in-house" if option == "IN_HOUSE" else OPTION_SHORT[option]


def _rounded(points: float) -> int:
    """Round half up (Python's round() would show 76.5 as 76)."""
    return math.floor(points + 0.5)
