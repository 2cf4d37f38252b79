"""In a real browser: a function without a monthly volume, priced by per-transaction rate
cards, says so once on its page (the vendor shortlist) and once on its business case."""

import os
from decimal import Decimal

import pytest

from outsourcing.models import Role
from tests.factories import (
    PASSWORD,
    PAYROLL,
    BusinessFunctionFactory,
    MembershipFactory,
    UserFactory,
    WorkspaceFactory,
    assess,
)
from tests.vendors.factories import OfferingFactory, RateCardFactory, VendorFactory, service_line
from vendors.models import RateUnit, ServiceLine
from vendors.taxonomy import service_lines_seed

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def function_without_volume():
    # An earlier transactional test may have flushed the service lines migrations seed.
    service_lines_seed(ServiceLine)
    workspace = WorkspaceFactory(name="Globex", slug="globex", country="GB", currency="GBP")
    user = UserFactory(email="analyst@example.com")
    MembershipFactory(user=user, workspace=workspace, role=Role.VIEWER)
    function = BusinessFunctionFactory(
        workspace=workspace,
        name="Payroll processing",
        service_line=service_line("payroll"),
        monthly_volume=None,
        annual_cost=Decimal("300000"),
        fte=Decimal("4"),
    )
    assess(function, PAYROLL)
    for index in range(3):
        vendor = VendorFactory(legal_name=f"Per Payslip {index}")
        OfferingFactory(vendor=vendor)
        for country in ("IN", "PL"):
            RateCardFactory(
                vendor=vendor,
                unit=RateUnit.TRANSACTION,
                rate=Decimal("4.50"),
                currency="EUR",
                delivery_country=country,
            )
    return function


def test_missing_volume_is_said_once(page, live_server, function_without_volume):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill("analyst@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/w/globex/")

    base = f"{live_server.url}/w/globex/functions/{function_without_volume.pk}/"
    page.goto(base)
    page.locator("#shortlist-table").wait_for()  # the shortlist arrives after the page
    assert page.get_by_text("no monthly volume").count() == 1
    assert page.locator("#shortlist-table").get_by_text("Per Payslip").count() == 3

    page.get_by_role("link", name="Business case").click()
    page.wait_for_url("**/business-case/")
    assert page.locator("#missing-data").count() == 1
    # Said in the one missing-data box (the method note below only explains the units).
    assert page.get_by_text("its monthly volume").count() == 1
    assert page.locator("#missing-data").get_by_text("its monthly volume").count() == 1
