"""The plain sentence of a shore's business case, in the issue's own form."""

from decimal import Decimal

from businesscase.presentation import money_words, number_words, shore_sentence
from vendors.geography import Shore


def values(**overrides):
    return {
        "shore": Shore.OFFSHORE,
        "annual_saving": 410_000.0,
        "saving_pct": 0.38,
        "npv": 1_600_000.0,
        "payback_months": 6.2,
        "pays_back": True,
    } | overrides


def test_a_saving_that_pays_back():
    assert shore_sentence(values(), "EUR", 5, Decimal("8.00")) == (
        "Offshore saves EUR 410,000 a year (38 %), pays back in 7 months; "
        "NPV over 5 years EUR 1.6 M at 8 %."
    )


def test_a_saving_that_does_not_pay_back_within_the_term():
    sentence = shore_sentence(
        values(payback_months=80.0, pays_back=False, npv=-20_000.0), "GBP", 5, Decimal("7.5")
    )
    assert "but does not pay back within the 5-year term" in sentence
    assert sentence.endswith("NPV over 5 years −GBP 20,000 at 7.5 %.")


def test_a_loss_says_what_it_costs_more():
    sentence = shore_sentence(
        values(shore=Shore.ONSHORE, annual_saving=-41_000.0, npv=-200_000.0),
        "EUR",
        3,
        Decimal(10),
    )
    assert sentence.startswith(
        "Onshore costs EUR 41,000 a year more than keeping it in-house, so it never pays back"
    )


def test_numbers_read_as_typed():
    assert number_words(Decimal("8.00")) == "8"
    assert number_words(Decimal("100.00")) == "100"
    assert money_words(999_999.0, "INR") == "INR 999,999"
    assert money_words(-2_140_000.0, "USD") == "−USD 2.1 M"
