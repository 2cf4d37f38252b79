"""ISO 4217 currency codes, from pycountry rather than a hand-typed list."""

from functools import cache

import pycountry
from django.core.exceptions import ValidationError


@cache
def currency_choices() -> list[tuple[str, str]]:
    return sorted((c.alpha_3, f"{c.alpha_3} – {c.name}") for c in pycountry.currencies)


def is_currency_code(code: str) -> bool:
    return pycountry.currencies.get(alpha_3=(code or "").upper()) is not None


def validate_currency_code(value: str) -> None:
    if not is_currency_code(value) or value != value.upper():
        raise ValidationError(f"“{value}” is not an ISO 4217 currency code (e.g. EUR, USD, INR).")
