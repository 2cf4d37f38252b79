"""AHP judgements as the weights page stores them (``pair_<i>_<j>`` → "3", "1/5", criteria in
the engine's order), read into the engine's result, and the ones to revisit said in words."""

from collections.abc import Mapping
from fractions import Fraction

from assessments import scoring


def pair_field_name(i: int, j: int) -> str:
    return f"pair_{i}_{j}"


def criterion_pairs() -> list[tuple[int, int, str]]:
    """(i, j, name) of every judgement above the diagonal, row by row."""
    n = len(scoring.CRITERIA)
    return [(i, j, pair_field_name(i, j)) for i in range(n) for j in range(i + 1, n)]


def criterion_labels() -> list[str]:
    return [scoring.CRITERION_INFO[key].label for key in scoring.CRITERIA]


def ahp_evaluate(judgements: Mapping[str, str]) -> scoring.AhpResult:
    """The weights and consistency the judgements imply (a missing pair counts as equal)."""
    upper = [float(Fraction(judgements.get(name, "1"))) for *_, name in criterion_pairs()]
    return scoring.ahp_priorities(scoring.ahp_from_upper_triangle(upper, len(scoring.CRITERIA)))


def _ratio_words(value: float, left: str, right: str) -> str:
    """3.0 → “Cost 3× as important as Control”, 0.5 → the other way round."""
    if abs(value - 1) < 0.05:
        return f"{left} and {right} equally important"
    if value > 1:
        return f"{left} {value:.1f}× as important as {right}"
    return f"{right} {1 / value:.1f}× as important as {left}"


def pairs_to_revisit(result: scoring.AhpResult) -> list[str]:
    """The pairs whose judgements disagree most with the weights, worst first: “Cost vs
    Control”."""
    labels = criterion_labels()
    return [f"{labels[j.i]} vs {labels[j.j]}" for j in result.worst_judgements]


def judgements_to_revisit(result: scoring.AhpResult) -> list[str]:
    """The judgements that disagree most with the weights, in words."""
    labels = criterion_labels()
    rows = []
    for judgement in result.worst_judgements:
        left, right = labels[judgement.i], labels[judgement.j]
        rows.append(
            f"{left} vs {right}: you said "
            f"{_ratio_words(judgement.given, left, right)}; the weights imply "
            f"{_ratio_words(judgement.implied, left, right)}."
        )
    return rows
