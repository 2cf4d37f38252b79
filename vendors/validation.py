"""Checks shared by the curator forms and the catalog import, so both refuse the same input
with the same words."""

from datetime import date

import pycountry
from django.core.exceptions import ValidationError

FIRST_FOUNDED_YEAR = 1800


def parse_languages(text: str) -> list[str]:
    """“en; de, FR” → ["en", "de", "fr"] (ISO 639-1). Raises ValidationError naming the code."""
    codes = []
    for raw in text.replace(";", ",").replace("|", ",").split(","):
        code = raw.strip().lower()
        if not code:
            continue
        if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
            raise ValidationError(f"“{raw.strip()}” is not an ISO 639-1 language code (e.g. en).")
        if code not in codes:
            codes.append(code)
    return codes


def language_names(codes: list[str]) -> list[str]:
    names = []
    for code in codes or ():
        language = pycountry.languages.get(alpha_2=code)
        names.append(language.name if language else code)
    return names


def validate_founded_year(year: int | None) -> None:
    if year is not None and not FIRST_FOUNDED_YEAR <= year <= date.today().year:
        raise ValidationError(
            f"“{year}” is not a plausible founding year ({FIRST_FOUNDED_YEAR}–{date.today().year})."
        )
