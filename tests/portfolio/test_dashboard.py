"""The workspace dashboard: the sourcing mix, the charts, what to revisit."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portfolio.selectors.dashboard import portfolio_summary
from tests.factories import (
    CORE_STRATEGY,
    IT_HELPDESK,
    MARKET_RESEARCH,
    PAYROLL,
    BusinessFunctionFactory,
    assess,
)


def _portfolio(workspace):
    assess(BusinessFunctionFactory(workspace=workspace, annual_cost=Decimal(400)), PAYROLL)
    assess(BusinessFunctionFactory(workspace=workspace, annual_cost=Decimal(100)), PAYROLL)
    assess(BusinessFunctionFactory(workspace=workspace, annual_cost=Decimal(50)), MARKET_RESEARCH)
    assess(BusinessFunctionFactory(workspace=workspace, annual_cost=Decimal(70)), IT_HELPDESK)
    assess(BusinessFunctionFactory(workspace=workspace, annual_cost=Decimal(900)), CORE_STRATEGY)
    BusinessFunctionFactory(workspace=workspace, name="Never rated", annual_cost=Decimal(10))
    BusinessFunctionFactory(workspace=workspace, is_archived=True)


def test_counts_and_cost_by_recommendation(workspace):
    _portfolio(workspace)
    summary = portfolio_summary(workspace=workspace)
    totals = {t.option: (t.count, t.annual_cost) for t in summary.totals}
    assert totals == {
        "BPO": (2, Decimal(500)),
        "KPO": (1, Decimal(50)),
        "ITO": (1, Decimal(70)),
        "IN_HOUSE": (1, Decimal(900)),
    }
    assert (summary.function_count, summary.assessed_count) == (6, 5)
    assert [f.name for f in summary.unassessed] == ["Never rated"]


def test_bubble_chart_places_each_assessed_function(workspace):
    _portfolio(workspace)
    chart = portfolio_summary(workspace=workspace).bubble_chart
    names = [name for trace in chart["data"] for name in trace["text"]]
    assert len(names) == 5
    assert {trace["name"] for trace in chart["data"]} == {"BPO", "KPO", "ITO", "In-house"}


def test_another_workspaces_functions_do_not_count(workspace, other_workspace):
    assess(BusinessFunctionFactory(workspace=other_workspace), PAYROLL)
    summary = portfolio_summary(workspace=workspace)
    assert summary.function_count == 0
    assert summary.bubble_chart is None


def test_dashboard_page_for_every_member(client_for, workspace, viewer):
    _portfolio(workspace)
    page = client_for(viewer).get(reverse("dashboard", args=[workspace.slug])).content.decode()
    assert 'data-chart="bubble-chart"' in page
    assert "Never assessed" in page
    assert "Never rated" in page


def test_empty_workspace_dashboard_explains_what_to_do(client_for, workspace, editor):
    page = client_for(editor).get(reverse("dashboard", args=[workspace.slug])).content.decode()
    assert "Nothing to show yet" in page


def _dashboard_queries(client, workspace, count):
    for _ in range(count):
        assess(BusinessFunctionFactory(workspace=workspace), PAYROLL)
        BusinessFunctionFactory(workspace=workspace)
    client.get(reverse("dashboard", args=[workspace.slug]))  # the session settles first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("dashboard", args=[workspace.slug])).status_code == 200
    return len(queries)


def test_dashboard_query_count_does_not_grow_with_the_workspace(client_for, workspace, viewer):
    client = client_for(viewer)
    small = _dashboard_queries(client, workspace, 3)
    large = _dashboard_queries(client, workspace, 30)
    assert small == large


def test_function_list_query_count_with_assessments(client_for, workspace, viewer):
    client = client_for(viewer)
    url = reverse("function_list", args=[workspace.slug])

    def queries(count):
        for _ in range(count):
            assess(BusinessFunctionFactory(workspace=workspace), MARKET_RESEARCH)
        client.get(url)  # the session settles first
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    assert queries(5) == queries(40)
