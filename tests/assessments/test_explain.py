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
        "Recommended BPO (score 76, 18 points ahead of ITO): little IT work; "
        "highly repetitive and rule-based; needs only general skills."
    )


def test_an_in_house_explanation_reads_naturally_and_names_strategy_first() -> None:
    text = scored("Core product strategy").explanation
    assert text.startswith("Recommended keeping in-house (score 80, 40 points ahead of KPO): ")
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


def test_a_close_call_names_the_single_steps_that_would_overturn_it() -> None:
    result = score_one(as_mapping(CLOSE_CALL))
    assert result.explanation.startswith("Recommended BPO (score 57, 3 points ahead of keeping")
    assert (
        " A close call: one step more strategic importance would make it in-house; "
        in result.explanation
    )
    assert all(flip.text in result.explanation for flip in result.flips[:4])


def test_a_tie_says_there_is_no_clear_call_and_what_would_settle_it() -> None:
    text = score_one(as_mapping(NEUTRAL)).explanation
    assert text.startswith("No clear call: BPO, KPO, ITO and keeping in-house all score 50.")
    assert "Recommended" not in text
    assert " What would settle it: " in text
    assert "one step more repetitiveness would make it BPO" in text


def test_a_near_tie_names_the_level_options_with_their_scores() -> None:
    text = score_one(as_mapping((1, 1, 1, 1, 1, 4, 3, 1))).explanation
    assert text.startswith(
        "No clear call: BPO (55.2) and keeping in-house (54.8) are less than 1 point apart."
    )


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
    text = score_one(as_mapping((1, 3, 1, 1, 5, 3, 4, 1))).explanation
    assert "low strategic importance" in text
    assert "high strategic importance" not in text


def test_explain_refuses_something_that_is_not_a_scored_row() -> None:
    with pytest.raises(TypeError):
        explain(42)
