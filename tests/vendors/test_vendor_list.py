"""Browsing the catalog: filters, shore relative to my workspace, constant query count."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.vendors.factories import (
    CentreFactory,
    CertificationFactory,
    OfferingFactory,
    VendorFactory,
    service_line,
)
from vendors.models import CertificationKind, VendorStatus

pytestmark = pytest.mark.django_db


def full_vendor(index: int, country: str = "IN"):
    vendor = VendorFactory(legal_name=f"Vendor {index:03d}", headquarters_country=country)
    OfferingFactory(vendor=vendor, service_line=service_line("payroll"))
    OfferingFactory(vendor=vendor, service_line=service_line("it-support"))
    CentreFactory(vendor=vendor, country=country)
    CentreFactory(vendor=vendor, country="PL", time_zone="Europe/Warsaw")
    CertificationFactory(vendor=vendor)
    return vendor


def listed(response) -> list[str]:
    return [vendor.legal_name for vendor in response.context["vendors"]]


def test_vendor_list_keeps_a_constant_query_count(client, owner, workspace):
    client.force_login(owner)
    client.get(reverse("dashboard", args=[workspace.slug]))  # sets the current workspace
    url = reverse("vendors:vendor_list") + "?service_line=payroll&shore=nearshore&sort=name"

    def queries_for_page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), len(response.context["vendors"])

    for index in range(5):
        full_vendor(index)
    five, shown = queries_for_page()
    assert shown == 5
    for index in range(5, 50):
        full_vendor(index)
    fifty, shown = queries_for_page()
    assert shown == 25  # one page
    assert fifty == five


def test_filters(client, signed_in_user):
    today = date.today()
    indian = VendorFactory(legal_name="Indian Co", headquarters_country="IN")
    OfferingFactory(vendor=indian, service_line=service_line("payroll"))
    CertificationFactory(vendor=indian, kind=CertificationKind.ISO_27001)
    polish = VendorFactory(legal_name="Polish Co", headquarters_country="PL")
    OfferingFactory(vendor=polish, service_line=service_line("market-research"))
    CentreFactory(vendor=polish, country="RO", time_zone="Europe/Bucharest")
    CertificationFactory(
        vendor=polish,
        kind=CertificationKind.ISO_27001,
        issued_on=today - timedelta(days=1200),
        expires_on=today - timedelta(days=5),
    )
    VendorFactory(legal_name="Suspended Co", status=VendorStatus.SUSPENDED)
    client.force_login(signed_in_user)
    url = reverse("vendors:vendor_list")
    assert listed(client.get(url)) == ["Indian Co", "Polish Co"]
    assert listed(client.get(url, {"service_line": "payroll"})) == ["Indian Co"]
    assert listed(client.get(url, {"option": "KPO"})) == ["Polish Co"]
    assert listed(client.get(url, {"country": "RO"})) == ["Polish Co"]  # a centre there
    assert listed(client.get(url, {"certification": "iso_27001"})) == ["Indian Co"]  # in force
    assert listed(client.get(url, {"status": "suspended"})) == ["Suspended Co"]
    assert listed(client.get(url, {"status": "all"})) == ["Indian Co", "Polish Co", "Suspended Co"]
    assert listed(client.get(url, {"q": "polish"})) == ["Polish Co"]
    assert listed(client.get(url, {"sort": "-name"})) == ["Polish Co", "Indian Co"]


def test_shore_filter_is_relative_to_my_workspace(client, owner, workspace):
    for name, country in (("Berlin Co", "DE"), ("Kraków Co", "PL"), ("Pune Co", "IN")):
        CentreFactory(vendor=VendorFactory(legal_name=name), country=country, time_zone="UTC")
    client.force_login(owner)
    client.get(reverse("dashboard", args=[workspace.slug]))  # Acme, in Germany
    url = reverse("vendors:vendor_list")
    assert listed(client.get(url, {"shore": "onshore"})) == ["Berlin Co"]
    assert listed(client.get(url, {"shore": "nearshore"})) == ["Kraków Co"]
    assert listed(client.get(url, {"shore": "offshore"})) == ["Pune Co"]
    page = client.get(url).content.decode()
    assert "shores relative to Acme Manufacturing" in page


def test_without_a_workspace_there_is_no_shore_filter(client, signed_in_user):
    client.force_login(signed_in_user)
    response = client.get(reverse("vendors:vendor_list"))
    assert "shore" not in response.context["filterset"].form.fields


def test_a_foreign_workspace_in_the_session_is_ignored(client, signed_in_user, workspace):
    client.force_login(signed_in_user)
    session = client.session
    session["last_workspace"] = workspace.slug  # not a member
    session.save()
    response = client.get(reverse("vendors:vendor_list"))
    assert response.context["client_workspace"] is None


def test_empty_catalog_shows_an_empty_state(client, signed_in_user):
    client.force_login(signed_in_user)
    assert "The catalog is empty" in client.get(reverse("vendors:vendor_list")).content.decode()
