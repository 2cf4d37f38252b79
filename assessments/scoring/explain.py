"""The sentence a consultant reads out: what was recommended, by how much, why, and what
single rating change would overturn it.

The reasons are the factors whose contribution to the leader most exceeds their contribution
to the runner-up: what tipped the balance between the two options a client would compare.
Between two kinds of outsourcing those are task-nature factors (and strategic importance or
control need for KPO), because the shared factors add the same points to every kind; between
an outsourcing option and in-house they are mostly the outsourcing-case factors.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .columns import RUNNER_UP_COLUMNS, SCORE_COLUMNS, WINNER_COLUMNS
from .factors import FACTOR_INFO, FACTORS, NO_CALL, OPTION_SHORT, OPTIONS
from .flips import Flip, flips_of
from .model import DIRECTION, NO_CLEAR_CALL_MARGIN
from .scored import ScoredFunction

if TYPE_CHECKING:
    import pandas as pd

#: At most this many reasons: a sentence, not a table.
MAX_REASONS = 4
#: Reasons beyond the first two must tip the balance by at least this many points; smaller
#: differences are real but not worth a client's attention.
MIN_POINTS = 1.0
#: At most this many flipping changes are spelt out; the rest are counted.
MAX_FLIPS = 4
#: How the sentence listing the flipping changes begins, after a clear call and after none.
CLOSE_CALL_LEAD = "A close call: "
SETTLE_LEAD = "What would settle it: "


class _Facts(NamedTuple):
    recommendation: str  # an OPTIONS key or NO_CALL
    leader: str
    runner_up: str
    scores: dict[str, float]
    margin: float
    close_call: bool
    flips: tuple[Flip, ...]
    winner: np.ndarray  # contribution of each factor (FACTORS order) to the leader
    runner: np.ndarray  # ... and to the runner-up


def explain(scored: pd.Series | Mapping[str, Any] | ScoredFunction) -> str:
    """Explain one scored function in a sentence or three.

    ``scored`` is a row of ``score_batch`` (a pandas Series or a mapping with its columns) or a
    ``ScoredFunction``. Returns e.g. "Recommended BPO (score 76, 13 points ahead of ITO): little
    IT work; highly repetitive and rule-based; needs only general skills." Scores are rounded
    to whole points; the factors named (up to 4, and 2 whenever two favour the winner) are those
    that favoured the winner most over the runner-up, in the words of ``FACTOR_INFO``. No clear
    call says which options are level; a close call lists the single-step rating changes that
    would overturn it, and a no-clear-call those that would settle it.
    """
    facts = _facts(scored)
    if facts.recommendation == NO_CALL:
        text = _no_call(facts)
    else:
        runner = _as_object(facts.runner_up)
        points = _rounded(facts.margin)
        lead = f"{points} point{'s' if points != 1 else ''} ahead of {runner}"
        reasons = "; ".join(_reasons(facts)) or f"no factor favours it over {runner}"
        score = _rounded(facts.scores[facts.recommendation])
        text = f"Recommended {_as_object(facts.recommendation)} (score {score}, {lead}): {reasons}."
    if facts.flips:
        listed = "; ".join(flip.text for flip in facts.flips[:MAX_FLIPS])
        if len(facts.flips) > MAX_FLIPS:
            listed += f"; and {len(facts.flips) - MAX_FLIPS} more"
        lead_in = CLOSE_CALL_LEAD if facts.close_call else SETTLE_LEAD
        text += f" {lead_in}{listed}."
    return text


def _no_call(facts: _Facts) -> str:
    """The no-clear-call sentence, naming the options level with the leader."""
    top = facts.scores[facts.leader]
    level = [o for o in OPTIONS if top - facts.scores[o] < NO_CLEAR_CALL_MARGIN]
    if facts.margin == 0 and all(facts.scores[o] == top for o in level):
        both = "both" if len(level) == 2 else "all"
        return f"No clear call: {_listed([_as_object(o) for o in level])} {both} score {top:.0f}."
    named = [f"{_as_object(o)} ({facts.scores[o]:.1f})" for o in level]
    return f"No clear call: {_listed(named)} are less than {NO_CLEAR_CALL_MARGIN:g} point apart."


def _listed(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _reasons(facts: _Facts) -> list[str]:
    """Phrases for the factors that favoured the winner most over the runner-up."""
    lead = facts.winner - facts.runner
    ranked = [j for j in np.argsort(-lead, kind="stable") if lead[j] > 0]
    chosen = [j for k, j in enumerate(ranked[:MAX_REASONS]) if k < 2 or lead[j] >= MIN_POINTS]
    winner_direction = DIRECTION[OPTIONS.index(facts.leader)]
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
            leader=scored.leader,
            runner_up=scored.runner_up,
            scores=dict(scored.scores),
            margin=scored.margin,
            close_call=scored.close_call,
            flips=scored.flips,
            winner=np.array([scored.contributions_winner[f] for f in FACTORS]),
            runner=np.array([scored.contributions_runner_up[f] for f in FACTORS]),
        )
    if not isinstance(scored, Mapping) and not hasattr(scored, "index"):
        raise TypeError("explain() takes a row of score_batch or a ScoredFunction")
    return _Facts(
        recommendation=str(scored["recommendation"]),
        leader=str(scored["leader"]),
        runner_up=str(scored["runner_up"]),
        scores={o: float(scored[SCORE_COLUMNS[o]]) for o in OPTIONS},
        margin=float(scored["margin"]),
        close_call=bool(scored["close_call"]),
        flips=flips_of(scored),
        winner=np.array([float(scored[c]) for c in WINNER_COLUMNS]),
        runner=np.array([float(scored[c]) for c in RUNNER_UP_COLUMNS]),
    )


def _as_object(option: str) -> str:
    """How an option reads after "Recommended" or "ahead of"."""
    return "keeping in-house" if option == "IN_HOUSE" else OPTION_SHORT[option]


def _rounded(points: float) -> int:
    """Round half up (Python's round() would show 76.5 as 76)."""
    return math.floor(points + 0.5)
