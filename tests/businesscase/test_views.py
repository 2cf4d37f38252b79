"""The business-case pages: who may see and change what, what they show, bad input."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from businesscase.models import BusinessCaseDefaults, FunctionAssumptions, ProjectedSaving
from outsourcing.currencies import exchange_rate
from tests.factories import BusinessFunctionFactory
from tests.vendors.factories import OfferingFactory, RateCardFactory, VendorFactory, service_line
from vendors.models import RateUnit, VendorStatus

pytestmark = pytest.mark.django_db


def priced_vendor(name, *, country, rate, currency="EUR", unit=RateUnit.FTE_MONTH):
    vendor = VendorFactory(legal_name=name)
    OfferingFactory(vendor=vendor)
    RateCardFactory(
        vendor=vendor, delivery_country=country, rate=Decimal(rate), currency=currency, unit=unit
    )
    return vendor


@pytest.fixture
def payroll(workspace):
    return BusinessFunctionFactory(
        workspace=workspace,
        name="Payroll",
        service_line=service_line("payroll"),
        annual_cost=Decimal("400000"),
        fte=Decimal("5"),
        monthly_volume=2000,
    )


@pytest.fixture
def catalog():
    """For a German client: one onshore vendor, two nearshore (Poland), one offshore."""
    return [
        priced_vendor("Berlin Payroll", country="DE", rate="7000"),
        priced_vendor("Krakow One", country="PL", rate="3000"),
        priced_vendor("Krakow Two", country="PL", rate="4000"),
        priced_vendor("Pune Payroll", country="IN", rate="1500"),
    ]


def url(name, workspace, function=None):
    args = [workspace.slug] + ([function.pk] if function else [])
    return reverse(f"businesscase:{name}", args=args)


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("editor", 200), ("viewer", 200), ("outsider", 404)]
)
def test_business_case_page_by_role(client, workspace, payroll, catalog, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("function_business_case", workspace, payroll)).status_code == status


def test_anonymous_is_sent_to_sign_in(client, workspace, payroll):
    response = client.get(url("function_business_case", workspace, payroll))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_business_case_shows_each_shore_side_by_side(client, workspace, viewer, payroll, catalog):
    client.force_login(viewer)
    html = client.get(url("function_business_case", workspace, payroll)).content.decode()
    # Nearshore: median of 3,000 and 4,000 per FTE-month × 12 × 5 FTE = 210,000; governance
    # 5 % = 10,500; saving 400,000 − 220,500 = 179,500 a year (45 %).
    assert "Nearshore saves EUR 179,500 a year (45 %)" in html
    assert "Offshore saves" in html
    assert "Onshore costs EUR 41,000 a year more than keeping it in-house" in html
    assert "NPV over 5 years" in html and "at 8 %" in html
    assert 'id="flip-points"' in html and 'data-chart="tornado-chart"' in html


def test_business_case_queries_do_not_grow_with_vendors(client, workspace, viewer, payroll):
    client.force_login(viewer)
    page = url("function_business_case", workspace, payroll)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return len(captured)

    for index in range(2):
        priced_vendor(f"Few {index}", country="PL", rate="3000")
    queries()  # the first visit also stores the workspace in the session
    few = queries()
    for index in range(25):
        priced_vendor(f"Many {index}", country=("PL", "IN", "DE")[index % 3], rate="3000")
    assert queries() == few


def test_a_function_without_data_says_what_is_missing_once(client, workspace, viewer):
    bare = BusinessFunctionFactory(
        workspace=workspace, annual_cost=None, fte=None, monthly_volume=None, service_line=None
    )
    client.force_login(viewer)
    html = client.get(url("function_business_case", workspace, bare)).content.decode()
    assert html.count('id="missing-data"') == 1
    assert "an annual in-house cost, or its FTE" in html
    assert "a service line" in html
    assert "business-case-table" not in html


def test_a_gbp_workspace_shows_the_rates_and_dates_it_converted_with(client, other_workspace):
    from tests.factories import MembershipFactory

    member = MembershipFactory(workspace=other_workspace).user
    function = BusinessFunctionFactory(
        workspace=other_workspace, service_line=service_line("payroll"), fte=Decimal("2")
    )
    priced_vendor("Euro Co", country="PL", rate="3000", currency="EUR")
    priced_vendor("Dollar Co", country="IN", rate="2000", currency="USD")
    priced_vendor("Rupee Co", country="IN", rate="150000", currency="INR")
    priced_vendor("Franc Co", country="IN", rate="900000", currency="XAF")
    client.force_login(member)
    html = client.get(url("function_business_case", other_workspace, function)).content.decode()
    for currency in ("EUR", "USD", "INR"):
        rate = exchange_rate(currency, "GBP")
        assert f"1 {currency} = " in html
        assert f"{rate.rate_date:%d %b %Y}" in html
    assert "1 rate card in XAF left out" in html


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("editor", 200), ("viewer", 403), ("outsider", 404)]
)
def test_assumptions_form_by_role(client, workspace, payroll, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(
        url("function_business_case_assumptions", workspace, payroll)
    ).status_code == (status)


def test_saving_assumptions_keeps_who_and_when_and_projects_the_saving(
    client, workspace, editor, payroll, catalog
):
    client.force_login(editor)
    response = client.post(
        url("function_business_case_assumptions", workspace, payroll),
        {"transition_cost": "150000", "exit_cost": "50000", "governance_pct": "7"},
    )
    assert response.status_code == 302
    saved = FunctionAssumptions.objects.get(function=payroll)
    assert saved.transition_cost == Decimal("150000") and saved.governance_pct == Decimal("7")
    assert saved.updated_by == editor
    assert saved.history.first().history_user == editor
    projected = ProjectedSaving.objects.get(function=payroll)
    assert projected.shore == "offshore"  # 1,500 × 60 = 90,000 a year is the cheapest
    assert projected.annual_saving == Decimal("400000") - Decimal("90000") * Decimal("1.07")
    page = client.get(url("function_business_case", workspace, payroll)).content.decode()
    assert "editor@example.com" in page or editor.display_name in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("transition_cost", "-1", "cannot be negative"),
        ("exit_cost", "-5", "cannot be negative"),
        ("discount_rate_pct", "51", "between 0 and 50 %"),
        ("discount_rate_pct", "-1", "between 0 and 50 %"),
        ("term_years", "0", "between 1 and 15 years"),
        ("term_years", "16", "between 1 and 15 years"),
        ("governance_pct", "abc", "Enter a number"),
        ("governance_pct", "101", "between 0 and 100 %"),
    ],
)
def test_bad_assumptions_name_the_field_and_save_nothing(
    client, workspace, editor, payroll, field, value, message
):
    client.force_login(editor)
    data = {"transition_cost": "0", "exit_cost": "0", field: value}
    response = client.post(url("function_business_case_assumptions", workspace, payroll), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not FunctionAssumptions.objects.exists()
    assert not ProjectedSaving.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("editor", 403), ("viewer", 403), ("outsider", 404)]
)
def test_settings_page_is_for_owners(client, workspace, request, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("business_case_settings", workspace)).status_code == status


def test_owner_saves_defaults_and_every_function_is_reprojected(
    client, workspace, owner, payroll, catalog
):
    by_fte = BusinessFunctionFactory(
        workspace=workspace, annual_cost=None, fte=Decimal("2"), service_line=service_line()
    )
    client.force_login(owner)
    data = {
        "loaded_cost_per_fte": "70000",
        "governance_pct": "5",
        "discount_rate_pct": "10",
        "term_years": "4",
        "hours_per_fte_year": "1760",
    }
    assert client.post(url("business_case_settings", workspace), data).status_code == 302
    defaults = BusinessCaseDefaults.objects.get(workspace=workspace)
    assert defaults.updated_by == owner and defaults.term_years == 4
    # 2 FTE × 70,000 in-house against 1,500 × 12 × 2 × 1.05 offshore.
    assert ProjectedSaving.objects.get(function=by_fte).annual_saving == Decimal("102200.00")
    assert ProjectedSaving.objects.filter(function__workspace=workspace).count() == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("loaded_cost_per_fte", "0", "above zero"),
        ("loaded_cost_per_fte", "-100", "above zero"),
        ("discount_rate_pct", "75", "between 0 and 50 %"),
        ("term_years", "20", "between 1 and 15 years"),
        ("hours_per_fte_year", "0", "between 1 and 8,784"),
    ],
)
def test_bad_defaults_name_the_field_and_save_nothing(
    client, workspace, owner, field, value, message
):
    client.force_login(owner)
    data = {
        "loaded_cost_per_fte": "70000",
        "governance_pct": "5",
        "discount_rate_pct": "8",
        "term_years": "5",
        "hours_per_fte_year": "1800",
        field: value,
    }
    response = client.post(url("business_case_settings", workspace), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    assert not BusinessCaseDefaults.objects.exists()


def test_function_page_links_to_its_business_case(client, workspace, viewer, payroll):
    client.force_login(viewer)
    html = client.get(reverse("function_detail", args=[workspace.slug, payroll.pk])).content
    assert url("function_business_case", workspace, payroll).encode() in html


def test_suspended_vendors_are_not_priced(client, workspace, viewer, payroll):
    cheap = priced_vendor("Cheap but suspended", country="IN", rate="10")
    cheap.status = VendorStatus.SUSPENDED
    cheap.save()
    client.force_login(viewer)
    html = client.get(url("function_business_case", workspace, payroll)).content.decode()
    assert "Not enough data" in html and "business-case-table" not in html
    assert "a vendor (not suspended) with a current rate card for Payroll" in html


def test_a_workspace_currency_without_ecb_rate_says_so_once(client):
    from tests.factories import MembershipFactory, WorkspaceFactory

    dirham = WorkspaceFactory(slug="dubai", country="AE", currency="AED")
    member = MembershipFactory(workspace=dirham).user
    function = BusinessFunctionFactory(workspace=dirham, service_line=service_line("payroll"))
    priced_vendor("Euro Co", country="PL", rate="3000", currency="EUR")
    client.force_login(member)
    html = client.get(url("function_business_case", dirham, function)).content.decode()
    assert html.count("no reference rate for the workspace currency") == 1
    assert "1 rate card in EUR left out" not in html  # the one reason is enough


def test_assumptions_saved_by_no_one_in_particular_still_show(client, workspace, viewer, payroll):
    # load_demo and other commands save assumptions with no signed-in user.
    FunctionAssumptions.objects.create(function=payroll, transition_cost=Decimal("1000"))
    client.force_login(viewer)
    response = client.get(url("function_business_case", workspace, payroll))
    assert response.status_code == 200
    assert "a command or import" in response.content.decode()
