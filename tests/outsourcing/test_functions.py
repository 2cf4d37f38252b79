from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outsourcing.models import BusinessFunction
from tests.factories import BusinessFunctionFactory, DepartmentFactory


def _valid_form(**overrides):
    data = {
        "name": "Payroll processing",
        "department": "Finance",
        "description": "Monthly payroll.",
        "annual_cost": "420000",
        "fte": "6",
        "monthly_volume": "1850",
        "current_sourcing": "in_house",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ["owner", "editor", "viewer"])
def test_members_see_the_function_list(request, client_for, workspace, role):
    BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    client = client_for(request.getfixturevalue(role))
    response = client.get(reverse("function_list", args=[workspace.slug]))
    assert response.status_code == 200
    assert "Payroll processing" in response.content.decode()


def test_list_shows_only_this_workspaces_functions(client_for, workspace, other_workspace, viewer):
    BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    BusinessFunctionFactory(workspace=other_workspace, name="Secret merger analysis")
    content = client_for(viewer).get(reverse("function_list", args=[workspace.slug])).content
    assert b"Payroll processing" in content
    assert b"Secret merger analysis" not in content


def test_empty_list_invites_editors_to_add_the_first_function(client_for, workspace, editor):
    response = client_for(editor).get(reverse("function_list", args=[workspace.slug]))
    assert "No business functions yet" in response.content.decode()
    assert reverse("function_create", args=[workspace.slug]) in response.content.decode()


def test_empty_list_for_a_viewer_offers_no_create_button(client_for, workspace, viewer):
    response = client_for(viewer).get(reverse("function_list", args=[workspace.slug]))
    assert "No business functions yet" in response.content.decode()
    assert reverse("function_create", args=[workspace.slug]) not in response.content.decode()


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_editors_and_owners_create_a_function(request, client_for, workspace, role):
    client = client_for(request.getfixturevalue(role))
    response = client.post(reverse("function_create", args=[workspace.slug]), _valid_form())
    function = BusinessFunction.objects.get(workspace=workspace)
    assert response.status_code == 302
    assert response["Location"] == reverse("function_detail", args=[workspace.slug, function.pk])
    assert function.name == "Payroll processing"
    assert function.department.name == "Finance"
    assert function.annual_cost == Decimal("420000")


def test_new_department_name_reuses_an_existing_one_in_any_case(client_for, workspace, editor):
    DepartmentFactory(workspace=workspace, name="Finance")
    client_for(editor).post(
        reverse("function_create", args=[workspace.slug]), _valid_form(department="FINANCE")
    )
    assert workspace.departments.count() == 1


def test_viewer_cannot_create(client_for, workspace, viewer):
    client = client_for(viewer)
    assert client.get(reverse("function_create", args=[workspace.slug])).status_code == 403
    response = client.post(reverse("function_create", args=[workspace.slug]), _valid_form())
    assert response.status_code == 403
    assert not BusinessFunction.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "   ", "This field is required."),
        ("annual_cost", "-1", "An annual cost cannot be negative."),
        ("fte", "-0.5", "FTE cannot be negative."),
        ("annual_cost", "lots", "Enter a number."),
        ("monthly_volume", "-3", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_bad_input_is_refused_beside_the_field(
    client_for, workspace, editor, field, value, message
):
    response = client_for(editor).post(
        reverse("function_create", args=[workspace.slug]), _valid_form(**{field: value})
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not BusinessFunction.objects.exists()
    assert not workspace.departments.exists()


def test_duplicate_name_in_any_case_is_refused(client_for, workspace, editor):
    BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    response = client_for(editor).post(
        reverse("function_create", args=[workspace.slug]), _valid_form(name="PAYROLL  processing")
    )
    assert response.status_code == 200
    assert "already exists in this workspace" in response.context["form"].errors["name"][0]
    assert BusinessFunction.objects.count() == 1


def test_same_name_in_another_workspace_is_fine(client_for, workspace, other_workspace, editor):
    BusinessFunctionFactory(workspace=other_workspace, name="Payroll processing")
    response = client_for(editor).post(
        reverse("function_create", args=[workspace.slug]), _valid_form()
    )
    assert response.status_code == 302


def test_edit_keeps_its_own_name_and_changes_the_rest(client_for, workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    response = client_for(editor).post(
        reverse("function_edit", args=[workspace.slug, function.pk]),
        _valid_form(annual_cost="500000", department="People"),
    )
    assert response.status_code == 302
    function.refresh_from_db()
    assert function.annual_cost == Decimal("500000")
    assert function.department.name == "People"


def test_edit_form_shows_current_department(client_for, workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace)
    response = client_for(editor).get(reverse("function_edit", args=[workspace.slug, function.pk]))
    assert response.context["form"].initial["department"] == function.department.name


def test_archive_hides_from_the_list_and_restore_brings_back(client_for, workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace, name="Facilities management")
    client = client_for(editor)
    list_url = reverse("function_list", args=[workspace.slug])

    def listed(**params):
        return [f.name for f in client.get(list_url, params).context["functions"]]

    client.post(reverse("function_archive", args=[workspace.slug, function.pk]))
    assert listed() == []
    assert listed(status="archived") == ["Facilities management"]
    client.post(reverse("function_restore", args=[workspace.slug, function.pk]))
    assert listed() == ["Facilities management"]


def test_viewer_cannot_archive(client_for, workspace, viewer):
    function = BusinessFunctionFactory(workspace=workspace)
    response = client_for(viewer).post(
        reverse("function_archive", args=[workspace.slug, function.pk])
    )
    assert response.status_code == 403
    function.refresh_from_db()
    assert not function.is_archived


def test_search_filters_by_name_and_description(client_for, workspace, viewer):
    BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    BusinessFunctionFactory(workspace=workspace, name="IT helpdesk", description="Tickets")
    client = client_for(viewer)
    url = reverse("function_list", args=[workspace.slug])
    assert [f.name for f in client.get(url, {"q": "payroll"}).context["functions"]] == [
        "Payroll processing"
    ]
    assert [f.name for f in client.get(url, {"q": "tickets"}).context["functions"]] == [
        "IT helpdesk"
    ]


def test_filter_by_department(client_for, workspace, viewer):
    finance = DepartmentFactory(workspace=workspace, name="Finance")
    BusinessFunctionFactory(workspace=workspace, name="Payroll", department=finance)
    BusinessFunctionFactory(workspace=workspace, name="Helpdesk")
    response = client_for(viewer).get(
        reverse("function_list", args=[workspace.slug]), {"department": finance.pk}
    )
    assert [f.name for f in response.context["functions"]] == ["Payroll"]


def test_sort_by_cost_both_ways(client_for, workspace, viewer):
    for name, cost in [("Cheap", 1), ("Dear", 900), ("Middle", 50)]:
        BusinessFunctionFactory(workspace=workspace, name=name, annual_cost=Decimal(cost))
    client = client_for(viewer)
    url = reverse("function_list", args=[workspace.slug])
    ascending = [f.name for f in client.get(url, {"sort": "annual_cost"}).context["functions"]]
    descending = [f.name for f in client.get(url, {"sort": "-annual_cost"}).context["functions"]]
    assert ascending == ["Cheap", "Middle", "Dear"]
    assert descending == ["Dear", "Middle", "Cheap"]


def test_list_is_paginated(client_for, workspace, viewer):
    BusinessFunctionFactory.create_batch(30, workspace=workspace)
    client = client_for(viewer)
    url = reverse("function_list", args=[workspace.slug])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert len(first.context["functions"]) == 25
    assert len(second.context["functions"]) == 5
    assert not {f.pk for f in first.context["functions"]} & {
        f.pk for f in second.context["functions"]
    }


def _queries_for_list(client, workspace, count):
    BusinessFunction.objects.filter(workspace=workspace).delete()
    BusinessFunctionFactory.create_batch(count, workspace=workspace)
    client.get(reverse("function_list", args=[workspace.slug]))  # the session settles first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("function_list", args=[workspace.slug]))
    assert response.status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_the_workspace(client_for, workspace, viewer):
    client = client_for(viewer)
    assert _queries_for_list(client, workspace, 5) == _queries_for_list(client, workspace, 50)


def test_detail_shows_the_functions_facts(client_for, workspace, viewer):
    function = BusinessFunctionFactory(
        workspace=workspace, name="Payroll processing", annual_cost=Decimal("420000")
    )
    response = client_for(viewer).get(
        reverse("function_detail", args=[workspace.slug, function.pk])
    )
    content = response.content.decode()
    assert "Payroll processing" in content
    assert "EUR 420,000" in content


def test_function_text_is_escaped(client_for, workspace, viewer):
    function = BusinessFunctionFactory(workspace=workspace, name="<script>alert(1)</script>")
    response = client_for(viewer).get(
        reverse("function_detail", args=[workspace.slug, function.pk])
    )
    assert b"<script>alert(1)</script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_a_function_saved_twice_at_once_answers_with_the_form_error(
    client_for, workspace, editor, monkeypatch
):
    from outsourcing import forms

    # Both requests passed the name checks before either had saved.
    monkeypatch.setattr(forms, "function_name_taken", lambda **kwargs: False)
    monkeypatch.setattr(BusinessFunction, "validate_constraints", lambda self, exclude=None: None)
    client = client_for(editor)
    url = reverse("function_create", args=[workspace.slug])
    data = {"name": "Payroll processing", "current_sourcing": "in_house"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "“Payroll processing” already exists in this workspace." in response.content.decode()
    assert BusinessFunction.objects.filter(workspace=workspace).count() == 1
