import pytest

from vendors.normalise import vendor_name_key, website_domain


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme Services Pvt. Ltd.", "acme services"),
        ("ACME SERVICES PRIVATE LIMITED", "acme services"),
        ("Ácmé, S.A.", "acme"),
        ("The Acme Co.", "acme"),
        ("Vistula Shared Services sp. z o.o.", "vistula shared services"),
        ("Jalisco Nearshore S.A. de C.V.", "jalisco nearshore"),
        ("Smith & Sons GmbH", "smith and sons"),
        ("Ltd", "ltd"),  # a name that is only a legal form keeps it
    ],
)
def test_vendor_name_key(name, key):
    assert vendor_name_key(name) == key


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.Acme.com/en/", "acme.com"),
        ("acme.com", "acme.com"),
        ("http://portal.acme.com:8080", "portal.acme.com"),
        ("", ""),
    ],
)
def test_website_domain(url, domain):
    assert website_domain(url) == domain
