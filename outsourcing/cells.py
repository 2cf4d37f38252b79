"""Parsing one spreadsheet cell into a domain value, with the message a person can act on.

Each parser takes the cell's text and returns the value, or raises CellError whose message
names the value (the caller adds the row and column).
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from outsourcing.tabular import FORMULA_TRIGGERS


class CellError(ValueError):
    pass


_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def check_not_formula(text: str) -> str:
    """Refuse a formula; read an apostrophe-quoted cell (“'=x”) as the literal text “=x”.

    The apostrophe is how spreadsheets, and our exports, mark text that merely looks like
    a formula, so an exported file imports back unchanged.
    """
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    if text.startswith("="):
        raise CellError(f"{text} is a formula; paste the values instead")
    return text


def parse_text(text: str, *, max_length: int | None = None) -> str:
    text = check_not_formula(text.strip())
    if max_length is not None and len(text) > max_length:
        raise CellError(f"is {len(text)} characters long; the limit is {max_length}")
    return text


def parse_decimal(text: str, *, places: int = 2, max_digits: int = 14) -> Decimal | None:
    """A non-negative amount; “420,000.50” and “420 000” are read as people mean them."""
    text = check_not_formula(text.strip())
    if not text:
        return None
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"“{text}” is not a number") from None
    if not value.is_finite():
        raise CellError(f"“{text}” is not a number")
    if value < 0:
        raise CellError(f"{text} is negative; it must be 0 or more")
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if len(value.as_tuple().digits) > max_digits:
        raise CellError(f"{text} is too large")
    return value


def parse_count(text: str) -> int | None:
    """A whole number, 0 or more (“12.0” is 12; “12.5” is refused)."""
    value = parse_decimal(text, places=6, max_digits=18)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise CellError(f"{text} is not a whole number")
    return int(value)


def parse_rating(text: str, *, low: int = 1, high: int = 5) -> int | None:
    text = check_not_formula(text.strip())
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{text}” is not a whole number from {low} to {high}") from None
    if value != value.to_integral_value():
        raise CellError(f"{text} is not a whole number from {low} to {high}")
    if not low <= value <= high:
        raise CellError(f"{text} is not between {low} and {high}")
    return int(value)


def parse_choice(text: str, choices: dict[str, str], what: str) -> str | None:
    """One of `choices` (normalised spelling → stored value), or None when blank."""
    text = check_not_formula(text.strip())
    if not text:
        return None
    key = "_".join(text.lower().replace("-", " ").split())
    if key not in choices:
        examples = ", ".join(sorted(set(choices.values()))[:6])
        raise CellError(f"“{text}” is not {what} (use one of: {examples})")
    return choices[key]
