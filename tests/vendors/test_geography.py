"""Onshore / nearshore / offshore: same country; same UN M49 region or a land border; else."""

import pytest

from vendors.geography import Shore, countries_at_shore, shore_of


@pytest.mark.parametrize(
    ("delivery", "client", "expected"),
    [
        ("DE", "DE", Shore.ONSHORE),
        ("PL", "DE", Shore.NEARSHORE),  # same region and a border
        ("RO", "DE", Shore.NEARSHORE),  # same region (Europe)
        ("IN", "DE", Shore.OFFSHORE),
        ("MX", "US", Shore.NEARSHORE),
        ("CO", "US", Shore.NEARSHORE),  # Americas
        ("PH", "US", Shore.OFFSHORE),
        ("TR", "GR", Shore.NEARSHORE),  # Asia and Europe, but a land border
        ("in", "de", Shore.OFFSHORE),  # case does not matter
    ],
)
def test_shore_rule(delivery, client, expected):
    assert shore_of(delivery, client) == expected


def test_countries_at_a_shore_partition_the_world():
    onshore = countries_at_shore("onshore", "DE")
    nearshore = countries_at_shore("nearshore", "DE")
    offshore = countries_at_shore("offshore", "DE")
    assert onshore == {"DE"}
    assert {"PL", "FR", "RO"} <= nearshore and "IN" in offshore
    assert not (nearshore & offshore)
