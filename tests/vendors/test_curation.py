"""Curators create, edit, suspend and merge vendors; every change lands in the history;
bad input is refused with the field named; text is escaped wherever it is shown."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.vendors.factories import (
    CentreFactory,
    CertificationFactory,
    OfferingFactory,
    RateCardFactory,
    VendorFactory,
    service_line,
)
from vendors.models import (
    Certification,
    CertificationKind,
    Offering,
    RateCard,
    Vendor,
    VendorStatus,
)
from vendors.services.records import certification_save
from vendors.services.vendors import vendor_create, vendor_merge, vendor_update

pytestmark = pytest.mark.django_db

VENDOR_POST = {
    "legal_name": "Vistula Shared Services sp. z o.o.",
    "display_name": "Vistula",
    "website": "https://vistula.example",
    "headquarters_country": "PL",
    "status": "approved",
    "description": "Payroll from Kraków.",
    "languages": "pl, en, de",
    "founded_year": "2004",
    "headcount": "900",
}


def test_curator_creates_a_vendor_and_history_names_them(client, curator):
    client.force_login(curator)
    response = client.post(reverse("vendors:vendor_create"), VENDOR_POST)
    vendor = Vendor.objects.get()
    assert response.status_code == 302
    assert vendor.languages == ["pl", "en", "de"]
    assert vendor.name_key == "vistula shared services"
    record = vendor.history.get()
    assert record.history_type == "+"
    assert record.history_user == curator


def test_history_records_each_change_with_old_and_new(client, curator):
    client.force_login(curator)
    client.post(reverse("vendors:vendor_create"), VENDOR_POST)
    vendor = Vendor.objects.get()
    client.post(
        reverse("vendors:vendor_edit", args=[vendor.pk]), {**VENDOR_POST, "headcount": "950"}
    )
    client.post(
        reverse("vendors:vendor_status", args=[vendor.pk]),
        {"status": "suspended", "reason": "Failed the security audit"},
    )
    assert vendor.history.count() == 3
    page = client.get(reverse("vendors:vendor_history", args=[vendor.pk]))
    assert page.status_code == 200
    assert "Failed the security audit" in page.content.decode()
    assert "900 → 950" in page.content.decode()
    latest = vendor.history.first()
    assert latest.history_user == curator and latest.status == VendorStatus.SUSPENDED


def test_history_covers_a_vendors_records(client, curator):
    vendor = VendorFactory()
    client.force_login(curator)
    client.post(
        reverse("vendors:record_create", args=[vendor.pk, "offerings"]),
        {"service_line": service_line("payroll").pk, "capability_level": "4", "capacity_fte": "20"},
    )
    offering = Offering.objects.get(vendor=vendor)
    client.post(
        reverse("vendors:record_edit", args=[vendor.pk, "offerings", offering.pk]),
        {"service_line": service_line("payroll").pk, "capability_level": "5", "capacity_fte": "20"},
    )
    client.post(reverse("vendors:record_delete", args=[vendor.pk, "offerings", offering.pk]))
    assert [h.history_type for h in Offering.history.filter(vendor_id=vendor.pk)] == ["-", "~", "+"]
    assert all(h.history_user == curator for h in Offering.history.all())
    page = client.get(reverse("vendors:vendor_history", args=[vendor.pk])).content.decode()
    assert "capability_level" in page


def test_probable_duplicate_is_refused_until_the_curator_confirms(client, curator):
    VendorFactory(legal_name="Vistula Shared Services S.A.", website="https://other.example")
    client.force_login(curator)
    response = client.post(reverse("vendors:vendor_create"), VENDOR_POST)
    assert response.status_code == 200
    assert "looks like a vendor already in the catalog" in response.content.decode()
    assert 'name="allow_duplicate"' in response.content.decode()
    assert Vendor.objects.count() == 1
    client.post(reverse("vendors:vendor_create"), {**VENDOR_POST, "allow_duplicate": "on"})
    assert Vendor.objects.count() == 2


def test_same_website_domain_is_a_probable_duplicate():
    VendorFactory(legal_name="Totally Different", website="https://www.vistula.example/en/")
    with pytest.raises(ValidationError) as caught:
        vendor_create(legal_name="Vistula", headquarters_country="PL", website="vistula.example")
    assert "same website domain (vistula.example)" in str(caught.value)


def test_editing_a_vendor_does_not_flag_itself():
    vendor = vendor_create(legal_name="Acme Ltd", headquarters_country="GB", website="acme.example")
    vendor_update(vendor=vendor, legal_name="ACME Limited", website="https://www.acme.example")
    assert vendor.name_key == "acme"


@pytest.mark.parametrize(
    ("kind", "data", "field", "message"),
    [
        ("rates", {"rate": "0"}, "rate", "more than zero"),
        ("rates", {"rate": "-5"}, "rate", "more than zero"),
        ("rates", {"currency": "EURO"}, "currency", "Select a valid choice"),
        ("rates", {"valid_to": "2020-01-01"}, "valid_to", "on or after"),
        ("certifications", {"expires_on": "2020-01-01"}, "expires_on", "after the issue date"),
        ("offerings", {"capability_level": "6"}, "capability_level", "less than or equal to 5"),
        ("centres", {"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice"),
        ("centres", {"country": "XX"}, "country", "Select a valid choice"),
    ],
)
def test_bad_record_input_is_refused_with_the_field_named(
    client, curator, kind, data, field, message
):
    vendor = VendorFactory()
    valid = {
        "rates": {
            "service_line": service_line().pk,
            "delivery_country": "IN",
            "currency": "EUR",
            "unit": "fte_month",
            "rate": "2000",
            "valid_from": "2025-01-01",
        },
        "certifications": {"kind": "iso_27001", "number": "X-1", "issued_on": "2024-01-01"},
        "offerings": {"service_line": service_line().pk, "capability_level": "3"},
        "centres": {"country": "IN", "city": "Pune", "time_zone": "Asia/Kolkata"},
    }[kind]
    client.force_login(curator)
    response = client.post(
        reverse("vendors:record_create", args=[vendor.pk, kind]), {**valid, **data}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert not vendor.offerings.exists() and not RateCard.objects.exists()


def test_valid_rate_card_is_saved_as_decimal(client, curator):
    vendor = VendorFactory()
    client.force_login(curator)
    client.post(
        reverse("vendors:record_create", args=[vendor.pk, "rates"]),
        {
            "service_line": service_line().pk,
            "delivery_country": "PL",
            "currency": "EUR",
            "unit": "hour",
            "rate": "31.50",
            "valid_from": "2025-01-01",
        },
    )
    assert RateCard.objects.get().rate == Decimal("31.50")


def test_text_is_escaped_on_list_and_detail(client, signed_in_user):
    vendor = VendorFactory(
        legal_name="<script>alert(1)</script> Ltd", description="<b>bold</b> & <i>claims</i>"
    )
    client.force_login(signed_in_user)
    for url in (reverse("vendors:vendor_list"), reverse("vendors:vendor_detail", args=[vendor.pk])):
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    detail = client.get(reverse("vendors:vendor_detail", args=[vendor.pk])).content.decode()
    assert "<b>bold</b>" not in detail


def test_certificate_states_relative_to_today():
    today = date.today()
    valid = CertificationFactory(expires_on=today + timedelta(days=200))
    expiring = CertificationFactory(expires_on=today + timedelta(days=30))
    expired = CertificationFactory(expires_on=today - timedelta(days=1))
    lasting = CertificationFactory(kind=CertificationKind.GDPR_DPA, expires_on=None)
    assert [c.current_state for c in (valid, expiring, expired, lasting)] == [
        "valid",
        "expiring",
        "expired",
        "valid",
    ]


def test_merge_keeps_offerings_certificates_centres_and_rates():
    target = VendorFactory(legal_name="Acme Services Ltd", website="", headcount=None)
    source = VendorFactory(legal_name="ACME Services Limited", headcount=900, languages=["de"])
    OfferingFactory(vendor=target, service_line=service_line("payroll"), capability_level=3)
    OfferingFactory(vendor=source, service_line=service_line("payroll"), capability_level=5)
    OfferingFactory(vendor=source, service_line=service_line("it-support"), capability_level=2)
    CentreFactory(vendor=target, country="IN", city="Pune", headcount=100)
    CentreFactory(vendor=source, country="IN", city="pune", headcount=400)
    CentreFactory(vendor=source, country="PL", city="Kraków", time_zone="Europe/Warsaw")
    CertificationFactory(vendor=source, kind=CertificationKind.SOC2_TYPE2, number="S-1")
    CertificationFactory(vendor=target, kind=CertificationKind.ISO_9001, number="Q-1")
    RateCardFactory(vendor=target, rate=Decimal("2000"))
    RateCardFactory(vendor=source, rate=Decimal("2100"))  # same key: target's price wins
    RateCardFactory(vendor=source, currency="USD", rate=Decimal("2300"))

    result = vendor_merge(target=target, source=source)

    assert not Vendor.objects.filter(pk=source.pk).exists()
    target.refresh_from_db()
    offerings = {o.service_line.code: o.capability_level for o in target.offerings.all()}
    assert offerings == {"payroll": 5, "it-support": 2}
    assert {(c.city, c.headcount) for c in target.centres.all()} == {
        ("Pune", 400),
        ("Kraków", 200),
    }
    assert {c.kind for c in target.certifications.all()} == {
        CertificationKind.SOC2_TYPE2,
        CertificationKind.ISO_9001,
    }
    assert sorted((r.currency, r.rate) for r in target.rate_cards.all()) == [
        ("EUR", Decimal("2000.00")),
        ("USD", Decimal("2300.00")),
    ]
    assert target.headcount == 900 and target.website == source.website
    assert target.languages == ["en", "de"]
    assert any("dropped EUR 2100.00" in note for note in result.notes)
    assert (
        "Merged into"
        in source.history.model.objects.filter(id=source.pk).first().history_change_reason
    )


def test_merge_page_asks_for_confirmation_then_merges(client, curator):
    target, source = VendorFactory(), VendorFactory()
    OfferingFactory(vendor=source)
    client.force_login(curator)
    url = reverse("vendors:vendor_merge", args=[target.pk])
    review = client.post(url, {"other": source.pk})
    assert "will be merged into" in review.content.decode()
    assert Vendor.objects.filter(pk=source.pk).exists()
    client.post(url, {"other": source.pk, "confirm": "yes"})
    assert not Vendor.objects.filter(pk=source.pk).exists()
    assert target.offerings.count() == 1


def test_suspend_then_reinstate(client, curator):
    vendor = VendorFactory()
    client.force_login(curator)
    client.post(reverse("vendors:vendor_status", args=[vendor.pk]), {"status": "suspended"})
    vendor.refresh_from_db()
    assert vendor.status == "suspended"
    client.post(reverse("vendors:vendor_status", args=[vendor.pk]), {"status": "approved"})
    vendor.refresh_from_db()
    assert vendor.status == "approved"


def test_curator_adds_a_service_line(client, curator):
    client.force_login(curator)
    client.post(
        reverse("vendors:service_line_create"),
        {"code": "translation", "name": "Translation", "option": "BPO"},
    )
    assert service_line("translation").option == "BPO"


def test_history_page_queries_do_not_grow_with_the_records(client, curator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    vendor = VendorFactory()
    client.force_login(curator)
    url = reverse("vendors:vendor_history", args=[vendor.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    RateCardFactory(vendor=vendor)
    few = count()
    for index in range(10):
        rate = RateCardFactory(
            vendor=vendor, delivery_country="PL", valid_from=date(2020, 1, 1 + index)
        )
        rate.rate += 1
        rate.save()
    assert count() == few


def test_a_certificate_expiring_before_it_was_issued_is_refused_by_the_service_and_the_database():
    vendor = VendorFactory()
    issued = date(2024, 3, 1)
    with pytest.raises(ValidationError, match="must expire after it was issued"):
        certification_save(
            vendor=vendor, kind=CertificationKind.ISO_27001, issued_on=issued, expires_on=issued
        )
    # Past the service (a bulk import, a script): the database itself refuses it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Certification.objects.create(
            vendor=vendor,
            kind=CertificationKind.ISO_27001,
            issued_on=issued,
            expires_on=issued - timedelta(days=1),
        )
    assert not Certification.objects.filter(vendor=vendor).exists()
