"""Projected savings across a workspace: stored per function, sorted in the function list,
summed on the dashboard, recomputed by command."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from businesscase.models import ProjectedSaving
from businesscase.selectors import projected_savings_summary
from businesscase.services import projected_savings_refresh
from tests.factories import PAYROLL, BusinessFunctionFactory, DepartmentFactory, assess
from tests.vendors.factories import OfferingFactory, RateCardFactory, VendorFactory, service_line

pytestmark = pytest.mark.django_db


@pytest.fixture
def offshore_vendor():
    vendor = VendorFactory(legal_name="Pune Payroll")
    OfferingFactory(vendor=vendor)
    RateCardFactory(vendor=vendor, delivery_country="IN", rate=Decimal("1000"))  # EUR/FTE-month
    return vendor


def function(workspace, name, annual_cost, fte="1", department=None):
    return BusinessFunctionFactory(
        workspace=workspace,
        name=name,
        annual_cost=Decimal(annual_cost),
        fte=Decimal(fte),
        service_line=service_line("payroll"),
        **({"department": department} if department else {}),
    )


def test_refresh_stores_the_best_shore_saving_of_every_function(workspace, offshore_vendor):
    big = function(workspace, "Big", "100000", fte="2")  # 24,000 × 1.05 outsourced
    small = function(workspace, "Small", "10000")  # 12,000 × 1.05: a loss
    bare = BusinessFunctionFactory(workspace=workspace, service_line=None)
    assert projected_savings_refresh(workspace=workspace) == 3
    saved = {p.function_id: p for p in ProjectedSaving.objects.all()}
    assert saved[big.pk].annual_saving == Decimal("74800.00")
    assert saved[big.pk].shore == "offshore" and saved[big.pk].saving_pct == Decimal("74.80")
    assert saved[small.pk].annual_saving == Decimal("-2600.00")
    assert saved[bare.pk].annual_saving is None and saved[bare.pk].shore == ""


def test_function_list_sorts_by_saving(client, workspace, viewer, offshore_vendor):
    for name, cost in [("Middle", "50000"), ("Top", "90000"), ("Loss", "5000")]:
        function(workspace, name, cost)
    projected_savings_refresh(workspace=workspace)
    client.force_login(viewer)
    page = reverse("function_list", args=[workspace.slug])
    html = client.get(page, {"sort": "-saving"}).content.decode()
    assert html.index("Top") < html.index("Middle") < html.index("Loss")
    html = client.get(page, {"sort": "saving"}).content.decode()
    assert html.index("Loss") < html.index("Middle") < html.index("Top")


def test_function_list_saving_column_adds_no_query_per_row(
    client, workspace, viewer, offshore_vendor
):
    client.force_login(viewer)
    page = reverse("function_list", args=[workspace.slug])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(page)
        return len(captured)

    function(workspace, "One", "50000")
    projected_savings_refresh(workspace=workspace)
    queries()
    few = queries()
    for index in range(20):
        function(workspace, f"More {index}", "50000")
    projected_savings_refresh(workspace=workspace)
    assert queries() == few


def test_dashboard_shows_projected_savings_by_shore_and_department(
    client, workspace, viewer, offshore_vendor
):
    finance = DepartmentFactory(workspace=workspace, name="Finance")
    assess(function(workspace, "Payroll", "100000", fte="2", department=finance), PAYROLL)
    BusinessFunctionFactory(workspace=workspace, service_line=None)  # cannot be costed
    # Computed when the dashboard is drawn: no stored projection needed.
    summary = projected_savings_summary(workspace=workspace)
    assert {s.value: total for s, total in summary["shores"]} == {
        "onshore": 0,
        "nearshore": 0,
        "offshore": pytest.approx(74800),
    }
    assert (summary["costed"], summary["functions"]) == (1, 2)
    [row] = summary["by_department"]
    assert row["function__department__name"] == "Finance"
    assert row["saving"] == pytest.approx(74800)
    client.force_login(viewer)
    html = client.get(reverse("dashboard", args=[workspace.slug])).content.decode()
    assert "Projected savings" in html and "EUR 74,800" in html
    assert 'data-chart="savings-chart"' in html


def test_dashboard_with_nothing_costable_says_what_it_needs(client, workspace, owner):
    BusinessFunctionFactory(workspace=workspace, service_line=None)
    client.force_login(owner)
    html = client.get(reverse("dashboard", args=[workspace.slug])).content.decode()
    assert "No function can be costed yet" in html and "loaded cost per FTE" in html


def test_dashboard_queries_do_not_grow_with_functions(client, workspace, viewer, offshore_vendor):
    client.force_login(viewer)
    page = reverse("dashboard", args=[workspace.slug])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(page)
        return len(captured)

    assess(function(workspace, "One", "50000"), PAYROLL)
    queries()
    few = queries()
    for index in range(15):
        assess(function(workspace, f"More {index}", "50000"), PAYROLL)
    assert queries() == few


def test_command_refreshes_one_workspace_or_all(workspace, other_workspace, offshore_vendor):
    function(workspace, "Payroll", "100000")
    call_command("refresh_projected_savings", "--workspace", workspace.slug)
    assert ProjectedSaving.objects.count() == 1
    function(other_workspace, "Payroll", "100000")
    call_command("refresh_projected_savings")
    assert ProjectedSaving.objects.count() == 2


def test_functions_that_cannot_be_costed_sort_last_either_way(
    client, workspace, viewer, offshore_vendor
):
    function(workspace, "Costed", "50000")
    BusinessFunctionFactory(workspace=workspace, name="Uncosted", service_line=None)
    projected_savings_refresh(workspace=workspace)
    client.force_login(viewer)
    page = reverse("function_list", args=[workspace.slug])
    for sort in ("saving", "-saving"):
        html = client.get(page, {"sort": sort}).content.decode()
        assert html.index("Costed") < html.index("Uncosted")


def test_the_demo_comes_with_business_cases_that_take_months_to_pay_back(db):
    from businesscase.models import BusinessCaseDefaults, FunctionAssumptions

    call_command("load_demo")
    call_command("load_demo")  # again: nothing doubles
    acme = ProjectedSaving.objects.filter(function__workspace__slug="acme")
    assert acme.exclude(annual_saving__isnull=True).count() >= 20
    assert BusinessCaseDefaults.objects.get(workspace__slug="acme").loaded_cost_per_fte
    payroll = FunctionAssumptions.objects.get(
        function__workspace__slug="acme", function__name="Payroll processing"
    )
    assert payroll.transition_cost > 0 and payroll.history.count() == 1


def test_editing_a_function_reprojects_its_saving(client, workspace, editor, offshore_vendor):
    payroll = function(workspace, "Payroll", "100000", fte="2")
    projected_savings_refresh(workspace=workspace)
    client.force_login(editor)
    response = client.post(
        reverse("function_edit", args=[workspace.slug, payroll.pk]),
        {
            "name": "Payroll",
            "annual_cost": "200000",
            "fte": "2",
            "service_line": service_line("payroll").pk,
            "current_sourcing": "in_house",
        },
    )
    assert response.status_code == 302
    # 200,000 − 24,000 × 1.05: the stored saving follows the edit.
    assert ProjectedSaving.objects.get(function=payroll).annual_saving == Decimal("174800.00")


def test_an_inventory_import_projects_the_savings_of_what_it_changed(
    workspace, offshore_vendor, tmp_path
):
    inventory = tmp_path / "inventory.csv"
    inventory.write_text("name,annual_cost,fte,service_line\nImported payroll,100000,2,payroll\n")
    call_command("import_functions", str(inventory), workspace=workspace.slug)
    saving = ProjectedSaving.objects.get(function__name="Imported payroll")
    # As in the refresh test above: 100,000 in-house against 24,000 × 1.05 offshore.
    assert saving.annual_saving == Decimal("74800.00")


def test_the_nightly_refresh_follows_a_rate_card_change(workspace, offshore_vendor):
    from businesscase.tasks import refresh_projected_savings

    big = function(workspace, "Big", "100000", fte="2")
    projected_savings_refresh(workspace=workspace)
    offshore_vendor.rate_cards.update(rate=Decimal("2000"))  # a curator's edit, not a save
    refresh_projected_savings()
    # 2 FTE × 2,000 × 12 = 48,000, × 1.05 governance = 50,400; 100,000 − 50,400.
    assert ProjectedSaving.objects.get(function=big).annual_saving == Decimal("49600.00")
