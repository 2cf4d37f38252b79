"""A contract manager's journey in a real browser: add a contract, read its notice deadline
on the timeline, then record that notice was given."""

import pytest

from tests.test_journey import _sign_in, browser_type_launch_args, manager  # noqa: F401
from tests.vendors.factories import VendorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_a_contract_see_its_deadline_and_give_notice(page, live_server, manager):  # noqa: F811
    VendorFactory(legal_name="Vistula Shared Services sp. z o.o.", display_name="Vistula")
    _sign_in(page, live_server, "manager@example.com")
    page.wait_for_url("**/w/acme/")
    page.get_by_role("link", name="Contracts", exact=True).click()
    page.get_by_role("link", name="Add the first contract").click()
    page.get_by_label("Title").fill("Accounts payable")
    page.get_by_label("Vendor").select_option(label="Vistula")
    page.get_by_label("Sourcing option").select_option("BPO")
    page.get_by_label("Delivery country").select_option("PL")
    page.get_by_label("Pricing model").select_option("transaction")
    page.get_by_label("Annual value").fill("420000")
    page.get_by_label("Total value").fill("1260000")
    page.get_by_label("Start date").fill("2026-01-01")
    page.get_by_label("End date").fill("2028-12-31")
    page.get_by_label("Notice period days").fill("3000")
    page.get_by_role("button", name="Add contract").click()
    page.get_by_text("longer than the term").wait_for()  # refused, the field named

    page.get_by_label("Notice period days").fill("180")
    page.get_by_role("button", name="Add contract").click()
    page.get_by_text("“Accounts payable” saved.").wait_for()
    assert page.get_by_text("4 Jul 2028").first.is_visible()  # 31 Dec 2028 − 180 days
    page.locator("[data-chart='timeline-chart'][data-drawn]").wait_for()

    page.get_by_role("link", name="Record notice given").click()
    page.get_by_label("Notice given on").fill("2028-03-01")
    page.get_by_role("button", name="Record notice given").click()
    page.get_by_text("Notice recorded").wait_for()
    assert page.get_by_text("Notice was given on 1 March 2028").is_visible()
