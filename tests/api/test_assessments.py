import pytest
from django.urls import reverse

from assessments import scoring
from assessments.models import Assessment
from tests.factories import IT_HELPDESK, PAYROLL, BusinessFunctionFactory, assess, ratings_of


def test_assessing_returns_the_scored_result_the_page_shows(api_as, workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace)
    response = api_as(editor).post(
        reverse("api:function_assessments", args=[workspace.slug, function.pk]),
        {**ratings_of(PAYROLL), "notes": "Asked the payroll lead."},
        format="json",
    )
    assert response.status_code == 201, response.json()
    result = response.json()
    stored = Assessment.objects.get(function=function)
    expected = scoring.score_one(ratings_of(PAYROLL))
    assessment = result["assessment"]
    assert assessment["id"] == stored.pk
    assert assessment["recommendation"] == expected.recommendation == "BPO"
    assert assessment["margin"] == pytest.approx(expected.margin, abs=0.01)
    assert assessment["close_call"] == expected.close_call
    assert assessment["explanation"] == expected.explanation
    assert set(assessment["contributions"]) == {"winner", "runner_up"}
    assert assessment["assessor"] == editor.email
    assert assessment["notes"] == "Asked the payroll lead."
    assert {i["criterion"] for i in result["weight_intervals"]} == set(scoring.CRITERIA)
    for interval in result["weight_intervals"]:
        assert interval["low"] <= interval["current"] <= interval["high"]
    assert 0 <= result["robustness"] <= 1
    function.refresh_from_db()
    assert function.latest_assessment_id == stored.pk


def test_a_rating_out_of_range_is_refused_naming_the_factor(api_as, workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace)
    ratings = {**ratings_of(PAYROLL), "data_sensitivity": 6}
    del ratings["control_need"]
    response = api_as(editor).post(
        reverse("api:function_assessments", args=[workspace.slug, function.pk]),
        ratings,
        format="json",
    )
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"data_sensitivity", "control_need"}
    assert not Assessment.objects.filter(function=function).exists()


def test_history_lists_assessments_newest_first(api_as, workspace, viewer):
    function = BusinessFunctionFactory(workspace=workspace)
    first = assess(function, PAYROLL)
    second = assess(function, IT_HELPDESK)
    response = api_as(viewer).get(
        reverse("api:function_assessments", args=[workspace.slug, function.pk])
    )
    assert [a["id"] for a in response.json()["results"]] == [second.pk, first.pk]


def test_the_current_result_of_an_unassessed_function_is_404(api_as, workspace, viewer):
    function = BusinessFunctionFactory(workspace=workspace)
    url = reverse("api:function_result", args=[workspace.slug, function.pk])
    response = api_as(viewer).get(url)
    assert response.status_code == 404
    assert "not been assessed" in response.json()["detail"]
    assess(function, IT_HELPDESK)
    assert api_as(viewer).get(url).json()["assessment"]["recommendation"] == "ITO"
