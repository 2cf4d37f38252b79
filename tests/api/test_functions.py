import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcing.models import BusinessFunction
from tests.factories import (
    CORE_STRATEGY,
    PAYROLL,
    BusinessFunctionFactory,
    DepartmentFactory,
    assess,
)


def _list(client, workspace, **params):
    response = client.get(reverse("api:function_list", args=[workspace.slug]), params)
    assert response.status_code == 200, response.json()
    return response.json()


def test_lists_only_this_workspaces_active_functions(api_as, workspace, other_workspace, viewer):
    BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    BusinessFunctionFactory(workspace=workspace, name="Old mailroom", is_archived=True)
    BusinessFunctionFactory(workspace=other_workspace, name="Secret merger analysis")
    data = _list(api_as(viewer), workspace)
    assert [f["name"] for f in data["results"]] == ["Payroll processing"]
    assert data["count"] == 1


def test_the_list_takes_the_pages_filters_search_and_sort(api_as, workspace, viewer):
    finance = DepartmentFactory(workspace=workspace, name="Finance")
    payroll = BusinessFunctionFactory(workspace=workspace, name="Payroll", department=finance)
    strategy = BusinessFunctionFactory(workspace=workspace, name="Strategy", annual_cost=9)
    BusinessFunctionFactory(workspace=workspace, name="Unrated helpdesk", description="tickets")
    assess(payroll, PAYROLL)
    assess(strategy, CORE_STRATEGY)
    client = api_as(viewer)
    names = lambda **p: [f["name"] for f in _list(client, workspace, **p)["results"]]  # noqa: E731
    assert names(recommendation="BPO") == ["Payroll"]
    assert names(recommendation="NONE") == ["Unrated helpdesk"]
    assert names(department=finance.pk) == ["Payroll"]
    assert names(q="TICKETS") == ["Unrated helpdesk"]
    assert names(sort="-name") == ["Unrated helpdesk", "Strategy", "Payroll"]
    assert names(sort="annual_cost")[0] == "Strategy"
    result = _list(client, workspace, q="Payroll")["results"][0]
    assert result["department"] == "Finance"
    assert result["latest_assessment"]["recommendation"] == "BPO"


def test_a_bad_filter_is_refused_naming_it(api_as, workspace, viewer):
    response = api_as(viewer).get(
        reverse("api:function_list", args=[workspace.slug]), {"recommendation": "MAYBE"}
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "recommendation"


def test_pages_cost_the_same_queries_however_long_the_list(api_as, workspace, viewer):
    client = api_as(viewer)
    url = reverse("api:function_list", args=[workspace.slug])
    BusinessFunctionFactory.create_batch(3, workspace=workspace)
    client.get(url)  # the token's first use of the minute is recorded: one more query
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for function in BusinessFunctionFactory.create_batch(60, workspace=workspace)[:20]:
        assess(function)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url, {"page": 2, "page_size": 25}).json()
    assert len(page["results"]) == 25
    assert page["next"] and page["previous"]
    assert len(many) == len(few) == 4  # token, membership, count, page


def test_create_a_function(api_as, workspace, editor):
    response = api_as(editor).post(
        reverse("api:function_list", args=[workspace.slug]),
        {
            "name": "  Payroll   processing ",
            "department": "Finance",
            "annual_cost": "420000.00",
            "fte": 6,
            "monthly_volume": 1850,
            "service_line": "payroll",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    function = BusinessFunction.objects.get(pk=created["id"], workspace=workspace)
    assert function.name == "Payroll processing"
    assert function.department.name == "Finance"
    assert function.service_line.code == "payroll"
    assert created["annual_cost"] == "420000.00"
    assert created["latest_assessment"] is None


def test_a_duplicate_name_is_refused_whatever_its_case(api_as, workspace, editor):
    BusinessFunctionFactory(workspace=workspace, name="Payroll")
    response = api_as(editor).post(
        reverse("api:function_list", args=[workspace.slug]), {"name": "PAYROLL"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "name"
    assert BusinessFunction.objects.filter(workspace=workspace).count() == 1


def test_patch_changes_only_what_it_names(api_as, workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace, name="Payroll", fte=3)
    response = api_as(editor).patch(
        reverse("api:function_detail", args=[workspace.slug, function.pk]),
        {"description": "Monthly payroll for 900 staff."},
        format="json",
    )
    assert response.status_code == 200, response.json()
    function.refresh_from_db()
    assert function.description == "Monthly payroll for 900 staff."
    assert function.name == "Payroll"
    assert function.fte == 3


def test_put_replaces_the_details(api_as, workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace, name="Payroll", fte=3)
    response = api_as(editor).put(
        reverse("api:function_detail", args=[workspace.slug, function.pk]),
        {"name": "Payroll (DE)"},
        format="json",
    )
    assert response.status_code == 200
    function.refresh_from_db()
    assert (function.name, function.fte, function.department) == ("Payroll (DE)", None, None)


@pytest.mark.parametrize(("action", "archived"), [("archive", True), ("restore", False)])
def test_archive_and_restore(api_as, workspace, editor, action, archived):
    function = BusinessFunctionFactory(workspace=workspace, is_archived=not archived)
    response = api_as(editor).post(
        reverse(f"api:function_{action}", args=[workspace.slug, function.pk])
    )
    assert response.status_code == 200
    assert response.json()["is_archived"] is archived
    function.refresh_from_db()
    assert function.is_archived is archived
