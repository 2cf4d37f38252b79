"""Reading one spreadsheet cell into a domain value: one set of rules for every import.

Each parser takes the cell's text and returns the value (None for a blank cell where
blank is allowed), or raises CellError whose message names the value; the pipeline adds
the row and column. "420,000" is the same number in every import, and no text a file can
hold (a formula, NUL, `sNaN`, `1e30`) gets past a parser as anything but a CellError.
"""

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from outsourcing.imports.writer import FORMULA_TRIGGERS


class CellError(ValueError):
    """A cell that cannot be read; the message names the value and what was expected."""


def quoted(value: str, limit: int = 60) -> str:
    """A value as a message shows it: in quotes, cut short, control characters made visible."""
    value = _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", value)
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    return f"“{value}”"


def normalise_header(header: str) -> str:
    """“Annual cost”, “annual-cost” and “ANNUAL_COST” are all the column annual_cost."""
    return "_".join(header.strip().casefold().replace("-", " ").replace("_", " ").split())


# Tab, line feed and carriage return are text; the other C0 controls and DEL are not (NUL
# cannot even be stored by PostgreSQL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def check_not_formula(text: str) -> str:
    """Refuse a formula; read an apostrophe-quoted cell (“'=x”) as the literal text “=x”.

    The apostrophe is how spreadsheets, and our exports, mark text that merely looks like
    a formula, so an exported file imports back unchanged.
    """
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    if text.startswith("="):
        raise CellError(f"{quoted(text)} is a spreadsheet formula; type the value itself instead")
    return text


def parse_text(text: str, *, max_length: int | None = None) -> str:
    """Text as typed, stripped; "" when blank."""
    text = text.strip()
    control = _CONTROL.search(text)
    if control:
        raise CellError(
            f"{quoted(text)} contains a control character (\\x{ord(control.group()):02x}); "
            "remove it"
        )
    text = check_not_formula(text)
    if max_length is not None and len(text) > max_length:
        raise CellError(f"is {len(text):,} characters long; the limit is {max_length:,}")
    return text


_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# Digits only: "NaN", "sNaN", "Infinity" and hex are not numbers a person types.
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,4})?$")
# Larger than any amount, count or rating the domain holds; keeps quantize() in range.
_MAX_MAGNITUDE = 15  # 10**15


def read_decimal(text: str) -> Decimal | None:
    """The one way a cell becomes a number: “420,000.50”, “420 000” and “1.5e3” are read as
    people mean them; blank is None; anything non-finite, NaN-like or beyond 10^15 is refused."""
    text = parse_text(text)
    return _number(text) if text else None


def _number(text: str) -> Decimal:
    cleaned = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if not _NUMBER.match(cleaned):
        raise CellError(f"{quoted(text)} is not a number")
    value = Decimal(cleaned)
    if value and value.adjusted() >= _MAX_MAGNITUDE:
        raise CellError(f"{quoted(text)} is too large")
    return value


def parse_decimal(text: str, *, places: int = 2, max_digits: int = 14) -> Decimal | None:
    """A non-negative amount, rounded to `places`."""
    value = read_decimal(text)
    if value is None:
        return None
    if value < 0:
        raise CellError(f"{text.strip()} is negative; it must be 0 or more")
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if len(value.as_tuple().digits) > max_digits:
        raise CellError(f"{text.strip()} is too large")
    return value


def parse_count(text: str) -> int | None:
    """A whole number, 0 or more (“12.0” is 12; “12.5” is refused)."""
    value = parse_decimal(text, places=6, max_digits=22)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise CellError(f"{text.strip()} is not a whole number")
    return int(value)


def parse_rating(text: str, *, low: int = 1, high: int = 5) -> int | None:
    """A whole number from `low` to `high`."""
    return _whole(text, low, high, f"is not a whole number from {low} to {high}", quote=False)


def parse_choice(text: str, choices: dict[str, str], what: str) -> str | None:
    """One of `choices` (normalised spelling → stored value), or None when blank."""
    text = parse_text(text)
    if not text:
        return None
    key = normalise_header(text)
    if key not in choices:
        examples = ", ".join(sorted(set(choices.values()))[:6])
        raise CellError(f"{quoted(text)} is not {what} (use one of: {examples})")
    return choices[key]


def parse_date(text: str) -> date | None:
    """An ISO date (YYYY-MM-DD); blank is None."""
    cleaned = parse_text(text)
    if not cleaned:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            pass
    raise CellError(f"{quoted(cleaned)} is not a date (use YYYY-MM-DD).")


def parse_whole(text: str, *, low: int, high: int) -> int | None:
    """A whole number from `low` to `high` (“12.0” is 12)."""
    return _whole(text, low, high, f"must be a whole number from {low:,} to {high:,}.")


def _whole(text: str, low: int, high: int, expected: str, *, quote: bool = True) -> int | None:
    text = parse_text(text)
    if not text:
        return None
    try:
        value = _number(text)
    except CellError:
        raise CellError(f"{quoted(text)} {expected}") from None
    shown = quoted(text) if quote else text
    if value != value.to_integral_value():
        raise CellError(f"{shown} {expected}")
    if not low <= value <= high:
        # The ratings say which bound was missed; other whole numbers repeat the range.
        raise CellError(
            f"{shown} {expected}" if quote else f"{text} is not between {low} and {high}"
        )
    return int(value)


__all__ = [
    "CellError",
    "normalise_header",
    "parse_choice",
    "parse_count",
    "parse_date",
    "parse_decimal",
    "parse_rating",
    "parse_text",
    "parse_whole",
    "quoted",
    "read_decimal",
]
