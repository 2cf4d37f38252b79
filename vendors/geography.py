"""Where a vendor delivers from, relative to a client: onshore, nearshore or offshore.

The rule, applied to ISO 3166-1 alpha-2 codes:

- **onshore**: the delivery country is the client's country;
- **nearshore**: it lies in the client's UN M49 region (Africa, Americas, Asia, Europe,
  Oceania), or shares a land border with the client's country;
- **offshore**: anything else.

So for a German client Poland and Romania are nearshore and India is offshore; for a US
client Mexico, Costa Rica and Brazil are nearshore (the industry's "nearshore" for the US
is Latin America: same time zones, short flights) and the Philippines are offshore. The
land border only matters where it crosses a region line (Turkey–Greece, Russia–China).
Asia is one region, so Japan → India counts as nearshore: a coarse rule, chosen because it
can be stated in one sentence and checked against a published classification.

The regions and borders come from `countryinfo` (UN M49 region per country, land borders
as ISO alpha-3 codes), not from a list typed here. A country the library does not know
(none of django-countries' list today) is offshore to everyone but itself.
"""

from enum import StrEnum
from functools import cache

from countryinfo import CountryInfo


class Shore(StrEnum):
    ONSHORE = "onshore"
    NEARSHORE = "nearshore"
    OFFSHORE = "offshore"

    @property
    def label(self) -> str:
        return self.value.capitalize()


SHORE_CHOICES = [(shore.value, shore.label) for shore in Shore]


@cache
def _country_facts() -> dict[str, tuple[str, frozenset[str]]]:
    """alpha-2 → (UN M49 region, alpha-2 codes of the countries it shares a land border with)."""
    records = [info for info in CountryInfo.all().values() if info.get("ISO", {}).get("alpha2")]
    alpha3_to_2 = {info["ISO"]["alpha3"]: info["ISO"]["alpha2"] for info in records}
    facts = {}
    for info in records:
        borders = frozenset(
            alpha3_to_2[code] for code in info.get("borders") or () if code in alpha3_to_2
        )
        facts[info["ISO"]["alpha2"]] = (info.get("region") or "", borders)
    return facts


def country_region(code: str) -> str:
    """The UN M49 region of a country ("Europe"), or "" if unknown."""
    return _country_facts().get(str(code).upper(), ("", frozenset()))[0]


@cache
def shore_of(delivery_country: str, client_country: str) -> Shore:
    """Onshore, nearshore or offshore delivery from `delivery_country` to a client in
    `client_country` (alpha-2 codes; see the module docstring for the rule)."""
    delivery, client = str(delivery_country).upper(), str(client_country).upper()
    if delivery == client:
        return Shore.ONSHORE
    facts = _country_facts()
    delivery_region, delivery_borders = facts.get(delivery, ("", frozenset()))
    client_region = facts.get(client, ("", frozenset()))[0]
    if (delivery_region and delivery_region == client_region) or client in delivery_borders:
        return Shore.NEARSHORE
    return Shore.OFFSHORE


@cache
def countries_at_shore(shore: Shore | str, client_country: str) -> frozenset[str]:
    """Every alpha-2 code that is at `shore` for a client in `client_country` (for filters)."""
    from django_countries import countries

    return frozenset(
        code for code, _ in countries if shore_of(code, client_country) == Shore(shore)
    )
