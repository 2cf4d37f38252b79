"""Onshore / nearshore / offshore (docs/domain.md, *Delivery shores*): the same country is
onshore; a neighbour or the same UN M49 region, with clocks at most 3 hours apart, is
nearshore; everything else is offshore."""

import pytest

from vendors.geography import Shore, countries_at_shore, hours_apart, shore_of


@pytest.mark.parametrize(
    ("delivery", "client", "expected"),
    [
        ("DE", "DE", Shore.ONSHORE),
        ("PL", "DE", Shore.NEARSHORE),  # same region and a border, 0 h
        ("RO", "DE", Shore.NEARSHORE),  # same region (Europe), 1 h
        ("IN", "DE", Shore.OFFSHORE),
        ("PL", "GB", Shore.NEARSHORE),  # Europe, 1 h: the British client
        ("PT", "GB", Shore.NEARSHORE),  # Europe, same clock
        ("IE", "GB", Shore.NEARSHORE),  # a land border
        ("IN", "GB", Shore.OFFSHORE),
        ("IN", "JP", Shore.OFFSHORE),  # both in Asia, but 3 h 30 apart
        ("MX", "US", Shore.NEARSHORE),
        ("CO", "US", Shore.NEARSHORE),  # Americas, 0–1 h
        ("PH", "US", Shore.OFFSHORE),
        ("TR", "GR", Shore.NEARSHORE),  # Asia and Europe, but a land border and 0 h
        ("in", "de", Shore.OFFSHORE),  # case does not matter
    ],
)
def test_shore_rule(delivery, client, expected):
    assert shore_of(delivery, client) == expected


def test_hours_apart_compare_the_closest_zones():
    assert hours_apart("JP", "IN") == 3.5
    assert hours_apart("GB", "PL") == 1.0
    assert hours_apart("US", "MX") == 0.0  # the closest pair of zones counts


def test_daylight_saving_on_one_side_counts_in_the_worse_season():
    # Brazil (São Paulo, no DST) and the US east coast: 2 h in January, 1 h in July.
    assert hours_apart("US", "BR") >= 1.0
    assert shore_of("BR", "US") == Shore.NEARSHORE


def test_a_country_with_a_second_regionless_record_keeps_its_region():
    # countryinfo lists Wales under GB with no region; GB must stay in Europe.
    assert shore_of("FR", "GB") == Shore.NEARSHORE


def test_an_unknown_country_is_offshore_to_everyone_but_itself():
    assert shore_of("HM", "AU") == Shore.OFFSHORE
    assert shore_of("HM", "HM") == Shore.ONSHORE


def test_countries_at_a_shore_partition_the_world():
    onshore = countries_at_shore("onshore", "DE")
    nearshore = countries_at_shore("nearshore", "DE")
    offshore = countries_at_shore("offshore", "DE")
    assert onshore == {"DE"}
    assert {"PL", "FR", "RO"} <= nearshore and "IN" in offshore
    assert not (nearshore & offshore)
