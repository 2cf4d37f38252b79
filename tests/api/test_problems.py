"""Every refusal is an RFC 9457 problem: type, title, status, detail, and field errors."""

from django.urls import reverse

from tests.factories import BusinessFunctionFactory


def test_bad_input_names_each_field(api_as, workspace, editor):
    response = api_as(editor).post(
        reverse("api:function_list", args=[workspace.slug]),
        {"name": "", "annual_cost": "-5", "current_sourcing": "sometimes"},
        format="json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/validation"
    assert problem["status"] == 400
    assert problem["title"]
    fields = {error["field"] for error in problem["errors"]}
    assert fields == {"name", "annual_cost", "current_sourcing"}
    assert all(error["message"] for error in problem["errors"])
    assert "name:" in problem["detail"]


def test_a_missing_object_is_a_problem_that_leaks_nothing(api_as, workspace, owner):
    response = api_as(owner).get(reverse("api:function_detail", args=[workspace.slug, 999999]))
    assert response.status_code == 404
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Not found.",
    }


def test_an_unknown_endpoint_is_a_problem_too(api_as, owner):
    response = api_as(owner).get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert "/api/v1/docs/" in response.json()["detail"]


def test_a_role_refusal_says_which_role_is_needed(api_as, workspace, viewer):
    function = BusinessFunctionFactory(workspace=workspace)
    response = api_as(viewer).post(
        reverse("api:function_archive", args=[workspace.slug, function.pk])
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Only editors and owners of this workspace can do that."
    function.refresh_from_db()
    assert not function.is_archived


def test_malformed_json_is_a_400_problem(api_as, workspace, editor):
    response = api_as(editor).generic(
        "POST",
        reverse("api:function_list", args=[workspace.slug]),
        "{not json",
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_problem_types_are_documented_at_their_uri(client):
    response = client.get("/api/v1/problems/validation")
    assert response.status_code == 200
    assert "errors" in response.json()["description"]


def test_an_oversized_body_is_a_413_problem(api_as, reader, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = api_as(reader).post(
        reverse("api:bulk_score"), {"rows": [{"x": "y" * 2000}]}, format="json"
    )
    assert response.status_code == 413
    assert response.json()["type"] == "/api/v1/problems/too-large"
