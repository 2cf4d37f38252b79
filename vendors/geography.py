"""Where a vendor delivers from, relative to a client: onshore, nearshore or offshore.

The rule, applied to ISO 3166-1 alpha-2 codes (docs/domain.md, *Delivery shores*):

- **onshore**: the delivery country is the client's country;
- **nearshore**: the two countries are close on the map **and** in the working day: they
  share a land border or lie in the same UN M49 region (Africa, Americas, Asia, Europe,
  Oceania), **and** their clocks are at most 3 hours apart;
- **offshore**: anything else.

"Close on the map" uses the M49 *region*, not its sub-region: the sub-regions cut Europe in
four (the UK is Northern, Poland Eastern, Portugal Southern Europe), which would make Poland
and Portugal offshore for a British client, against the industry's usage. The time-zone cap
does the narrowing instead: Japan → India (3 h 30 apart) is offshore although both are in
Asia, Germany → Poland or Romania and UK → Portugal are nearshore, US → Mexico or Colombia
nearshore and US → Philippines offshore.

Clocks: a country's time zones are its entries in the IANA time-zone table (zone.tab, from
the `tzdata` package, so overseas territories with their own ISO code are not counted:
the UK is Europe/London only). Two zones are as far apart as the larger of their UTC-offset
differences on 15 January and 15 July (daylight saving on one side only counts); two
countries are as far apart as their closest pair of zones (the US and Mexico share zones).

The regions and borders come from `countryinfo` (UN M49 region per country, land borders
as ISO alpha-3 codes), not from a list typed here. A country the libraries do not know
is offshore to everyone but itself.
"""

from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from countryinfo import CountryInfo

NEARSHORE_MAX_HOURS = 3
# Mid-winter and mid-summer of a fixed year, so the rule does not drift with the calendar.
_SEASONS = (datetime(2025, 1, 15, 12, tzinfo=UTC), datetime(2025, 7, 15, 12, tzinfo=UTC))


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
    facts: dict[str, tuple[str, frozenset[str]]] = {}
    for info in records:
        code = info["ISO"]["alpha2"]
        borders = frozenset(
            alpha3_to_2[other] for other in info.get("borders") or () if other in alpha3_to_2
        )
        # A few codes have two records ("wales" is GB too, with no region): merge them, so
        # the regionless one cannot wipe out the country's region.
        region, known_borders = facts.get(code, ("", frozenset()))
        facts[code] = (region or info.get("region") or "", known_borders | borders)
    return facts


def country_region(code: str) -> str:
    """The UN M49 region of a country ("Europe"), or "" if unknown."""
    return _country_facts().get(str(code).upper(), ("", frozenset()))[0]


@cache
def _country_offsets() -> dict[str, tuple[tuple[float, float], ...]]:
    """alpha-2 → the (January, July) UTC offsets in hours of each of its IANA zones."""
    table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    offsets: dict[str, set[tuple[float, float]]] = {}
    for line in table.splitlines():
        if not line or line.startswith("#"):
            continue
        code, _, name = line.split("\t")[:3]
        try:
            zone = ZoneInfo(name)
        except ZoneInfoNotFoundError:  # pragma: no cover - zone.tab and the zones ship together
            continue
        pair = tuple(when.astimezone(zone).utcoffset().total_seconds() / 3600 for when in _SEASONS)
        offsets.setdefault(code, set()).add(pair)
    return {code: tuple(sorted(pairs)) for code, pairs in offsets.items()}


def hours_apart(country_a: str, country_b: str) -> float | None:
    """How many hours apart two countries' clocks are (closest zones, worse season), or None
    if either country has no zone in the table."""
    table = _country_offsets()
    zones_a, zones_b = table.get(country_a.upper()), table.get(country_b.upper())
    if not zones_a or not zones_b:
        return None
    return min(max(abs(a[0] - b[0]), abs(a[1] - b[1])) for a in zones_a for b in zones_b)


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
    close_on_map = (delivery_region and delivery_region == client_region) or (
        client in delivery_borders
    )
    if not close_on_map:
        return Shore.OFFSHORE
    apart = hours_apart(delivery, client)
    if apart is None or apart > NEARSHORE_MAX_HOURS:
        return Shore.OFFSHORE
    return Shore.NEARSHORE


@cache
def countries_at_shore(shore: Shore | str, client_country: str) -> frozenset[str]:
    """Every alpha-2 code that is at `shore` for a client in `client_country` (for filters)."""
    from django_countries import countries

    return frozenset(
        code for code, _ in countries if shore_of(code, client_country) == Shore(shore)
    )
