import pytest
from django.urls import reverse

from tests.factories import PAYROLL, BusinessFunctionFactory, assess
from tests.vendors.factories import OfferingFactory, RateCardFactory, VendorFactory, service_line
from vendors.models import Vendor, VendorStatus


def test_anyone_signed_in_reads_the_catalog(api_as, reader):
    vendor = VendorFactory(legal_name="Acme Payroll Services Ltd")
    OfferingFactory(vendor=vendor)
    VendorFactory(legal_name="Suspended Co", status=VendorStatus.SUSPENDED)
    response = api_as(reader).get(reverse("api:vendor_list"))
    assert response.status_code == 200
    [listed] = response.json()["results"]
    assert listed["legal_name"] == "Acme Payroll Services Ltd"
    assert listed["offerings"][0]["service_line"] == "payroll"
    detail = api_as(reader).get(reverse("api:vendor_detail", args=[vendor.pk])).json()
    assert detail["rate_cards"] == []


def test_the_catalog_takes_the_pages_filters(api_as, reader):
    OfferingFactory(vendor=VendorFactory(legal_name="Payroll People"))
    OfferingFactory(
        vendor=VendorFactory(legal_name="Helpdesk Heroes"), service_line=service_line("it-support")
    )
    response = api_as(reader).get(reverse("api:vendor_list"), {"service_line": "payroll"})
    assert [v["legal_name"] for v in response.json()["results"]] == ["Payroll People"]
    bad = api_as(reader).get(reverse("api:vendor_list"), {"service_line": "no-such-line"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "service_line"


def test_anonymous_callers_get_401_from_the_catalog(api_as):
    assert api_as(None).get(reverse("api:vendor_list")).status_code == 401
    assert api_as(None).get(reverse("api:service_line_list")).status_code == 401


@pytest.mark.parametrize(
    ("method", "name", "needs_vendor"),
    [
        ("post", "api:vendor_list", False),
        ("patch", "api:vendor_detail", True),
        ("post", "api:vendor_status", True),
    ],
)
def test_only_curators_change_the_catalog(api_as, owner, method, name, needs_vendor):
    args = [VendorFactory().pk] if needs_vendor else []
    response = getattr(api_as(owner), method)(reverse(name, args=args), {}, format="json")
    assert response.status_code == 403
    assert "curators" in response.json()["detail"]


def test_a_curator_adds_a_vendor_through_the_catalog_service(api_as, curator):
    response = api_as(curator).post(
        reverse("api:vendor_list"),
        {"legal_name": "Nordic Numbers AB", "headquarters_country": "SE", "languages": "sv, EN"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    vendor = Vendor.objects.get(pk=response.json()["id"])
    assert vendor.languages == ["sv", "en"]
    assert vendor.history.count() == 1
    duplicate = api_as(curator).post(
        reverse("api:vendor_list"),
        {"legal_name": "NORDIC NUMBERS", "headquarters_country": "SE"},
        format="json",
    )
    assert duplicate.status_code == 400
    assert duplicate.json()["errors"][0]["field"] == "legal_name"
    assert "already in the catalog" in duplicate.json()["errors"][0]["message"]


def test_a_curator_edits_and_suspends_a_vendor(api_as, curator):
    vendor = VendorFactory(legal_name="Old Name Ltd")
    client = api_as(curator)
    edited = client.patch(
        reverse("api:vendor_detail", args=[vendor.pk]), {"headcount": 1200}, format="json"
    )
    assert edited.status_code == 200, edited.json()
    assert edited.json()["headcount"] == 1200
    bad = client.patch(
        reverse("api:vendor_detail", args=[vendor.pk]), {"languages": "xx"}, format="json"
    )
    assert bad.json()["errors"][0]["field"] == "languages"
    suspended = client.post(
        reverse("api:vendor_status", args=[vendor.pk]),
        {"status": "suspended", "reason": "Failed audit"},
        format="json",
    )
    assert suspended.json()["status"] == "suspended"
    vendor.refresh_from_db()
    assert vendor.history.first().history_change_reason == "Failed audit"


def test_the_shortlist_ranks_the_vendors_offering_the_functions_service_line(
    api_as, workspace, viewer
):
    function = BusinessFunctionFactory(workspace=workspace, service_line=service_line("payroll"))
    assess(function, PAYROLL)
    cheap, dear = VendorFactory(legal_name="Cheap Ltd"), VendorFactory(legal_name="Dear Ltd")
    for vendor, rate in ((cheap, 1000), (dear, 5000)):
        OfferingFactory(vendor=vendor)
        RateCardFactory(vendor=vendor, rate=rate)
    response = api_as(viewer).get(
        reverse("api:function_shortlist", args=[workspace.slug, function.pk])
    )
    assert response.status_code == 200
    shortlist = response.json()
    assert shortlist["state"] == "ranked"
    assert [c["vendor"]["name"] for c in shortlist["candidates"]] == ["Cheap Ltd", "Dear Ltd"]
    assert shortlist["candidates"][0]["rank"] == 1


RECORDS = {
    "offerings": ({"service_line": "payroll", "capability_level": 4}, "capability_level", 5),
    "centres": (
        {"country": "PL", "city": "Kraków", "time_zone": "Europe/Warsaw", "headcount": 300},
        "headcount",
        350,
    ),
    "certifications": ({"kind": "iso_27001", "issued_on": "2025-01-10"}, "issuer", "BSI"),
    "rate-cards": (
        {
            "service_line": "payroll",
            "delivery_country": "PL",
            "currency": "EUR",
            "unit": "fte_month",
            "rate": "3100.00",
            "valid_from": "2026-01-01",
        },
        "rate",
        "2950.00",
    ),
}


@pytest.mark.parametrize("kind", RECORDS)
def test_a_curator_adds_changes_and_removes_a_vendors_records(api_as, curator, kind):
    vendor = VendorFactory()
    body, field, new_value = RECORDS[kind]
    client = api_as(curator)
    name = f"api:vendor_{kind.replace('-', '_')}"
    created = client.post(reverse(name, args=[vendor.pk]), body, format="json")
    assert created.status_code == 201, created.json()
    record_url = reverse(f"{name}_detail", args=[vendor.pk, created.json()["id"]])
    changed = client.put(record_url, {**body, field: new_value}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()[field] == new_value
    detail = client.get(reverse("api:vendor_detail", args=[vendor.pk])).json()
    listed = detail[{"centres": "centres", "rate-cards": "rate_cards"}.get(kind, kind)]
    assert [r[field] for r in listed] == [new_value]
    assert client.delete(record_url).status_code == 204
    assert client.delete(record_url).status_code == 404


def test_bad_records_are_refused_naming_the_field(api_as, curator):
    vendor = VendorFactory()
    client = api_as(curator)
    response = client.post(
        reverse("api:vendor_centres", args=[vendor.pk]),
        {"country": "PL", "city": "Kraków", "time_zone": "Mars/Olympus"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "time_zone"
    expired = client.post(
        reverse("api:vendor_rate_cards", args=[vendor.pk]),
        {**RECORDS["rate-cards"][0], "valid_to": "2025-01-01"},
        format="json",
    )
    assert expired.json()["errors"][0]["field"] == "valid_to"


def test_another_vendors_record_is_404(api_as, curator):
    mine, theirs = VendorFactory(), OfferingFactory()
    response = api_as(curator).delete(
        reverse("api:vendor_offerings_detail", args=[mine.pk, theirs.pk])
    )
    assert response.status_code == 404


def test_only_curators_change_a_vendors_records(api_as, owner):
    offering = OfferingFactory()
    client = api_as(owner)
    url = reverse("api:vendor_offerings_detail", args=[offering.vendor.pk, offering.pk])
    assert client.delete(url).status_code == 403
    assert (
        client.post(reverse("api:vendor_offerings", args=[offering.vendor.pk]), {}).status_code
        == 403
    )


def test_catalog_pages_cost_the_same_queries_however_many_vendors(api_as, reader):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = api_as(reader)
    url = reverse("api:vendor_list")
    OfferingFactory()
    client.get(url)  # the token's first use of the minute is recorded: one more query
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        RateCardFactory(vendor=OfferingFactory().vendor)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(url).json()["results"]) == 16
    assert len(many) == len(few)
