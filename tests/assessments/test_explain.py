"""Explanations: the sentence a consultant reads out must match the numbers behind it."""

from __future__ import annotations

import pandas as pd
import pytest

from assessments.scoring import FACTORS, explain, score_batch, score_one

from .scoring_cases import CANONICAL, CLOSE_CALL, NEUTRAL, as_mapping


def scored(name: str):
    return score_one(as_mapping(CANONICAL[name][0]))


def test_a_bpo_explanation_states_score_margin_runner_up_and_reasons() -> None:
    result = scored("Payroll processing")
    assert result.explanation == (
        "Recommended BPO (score 76, 11 points ahead of ITO): little IT work; "
        "highly repetitive and rule-based; needs only general skills."
    )


def test_an_in_house_explanation_reads_naturally_and_names_strategy_first() -> None:
    text = scored("Core product strategy").explanation
    assert text.startswith("Recommended keeping in-house (score 100, 72 points ahead of KPO): ")
    assert text.split(": ", 1)[1].startswith("high strategic importance")


@pytest.mark.parametrize("name", list(CANONICAL))
def test_the_numbers_in_the_text_are_the_rounded_scores(name: str) -> None:
    result = scored(name)
    winner = result.scores[result.recommendation]
    assert (
        f"(score {int(winner + 0.5)}, {int(result.margin + 0.5)} points ahead of"
        in result.explanation
    )


@pytest.mark.parametrize("name", list(CANONICAL))
def test_between_one_and_four_reasons_each_favouring_the_winner(name: str) -> None:
    result = scored(name)
    reasons = result.explanation.split(": ", 1)[1].rstrip(".").split("; ")
    assert 1 <= len(reasons) <= 4
    assert "close call" not in result.explanation


def test_a_close_call_says_so() -> None:
    result = score_one(as_mapping(CLOSE_CALL))
    assert "A close call:" in result.explanation
    assert "keeping in-house is less than 5 points behind" in result.explanation


def test_a_tie_says_it_is_a_tie_and_how_it_was_settled() -> None:
    text = score_one(as_mapping(NEUTRAL)).explanation
    assert text.startswith("Recommended BPO (score 50, tied with KPO): no factor favours it")
    assert "Ties are settled in the order BPO, KPO, ITO, in-house." in text


def test_a_batch_row_and_a_scored_function_explain_the_same_way() -> None:
    ratings = pd.DataFrame(
        [ratings for ratings, _ in CANONICAL.values()], columns=list(FACTORS), index=list(CANONICAL)
    )
    batch = score_batch(ratings)
    for name in CANONICAL:
        alone = scored(name)
        assert explain(batch.loc[name]) == alone.explanation == explain(alone)


def test_a_low_rating_uses_the_low_phrase() -> None:
    # Strategic importance 1 favours ITO over in-house: the reason must say "low".
    text = scored("IT helpdesk").explanation
    assert "low strategic importance" in text
    assert "high strategic importance" not in text


def test_explain_refuses_something_that_is_not_a_scored_row() -> None:
    with pytest.raises(TypeError):
        explain(42)
