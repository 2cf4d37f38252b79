"""Rating a function in the browser and reading its recommendation."""

import pytest
from django.urls import reverse

from assessments import scoring
from assessments.models import FACTOR_FIELDS, Assessment
from tests.factories import (
    CORE_STRATEGY,
    MARKET_RESEARCH,
    PAYROLL,
    BusinessFunctionFactory,
    assess,
    ratings_of,
)


def _answers(values, notes=""):
    return {**ratings_of(values), "notes": notes}


@pytest.fixture
def payroll(workspace):
    return BusinessFunctionFactory(workspace=workspace, name="Payroll processing")


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_editors_assess_and_land_on_the_result(request, client_for, workspace, payroll, role):
    client = client_for(request.getfixturevalue(role))
    response = client.post(
        reverse("assessments:function_assess", args=[workspace.slug, payroll.pk]), _answers(PAYROLL)
    )
    assert response.status_code == 302
    assert response.url == reverse("function_detail", args=[workspace.slug, payroll.pk]) + "#result"
    payroll.refresh_from_db()
    assert payroll.latest_assessment.recommendation == "BPO"
    page = client.get(response.url).content.decode()
    assert "Recommended BPO" in page
    assert 'data-chart="scores-chart"' in page
    assert 'data-chart="contributions-chart"' in page


def test_viewer_reads_the_result_but_cannot_assess(client_for, workspace, payroll, viewer):
    assess(payroll)
    client = client_for(viewer)
    url = reverse("assessments:function_assess", args=[workspace.slug, payroll.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _answers(CORE_STRATEGY)).status_code == 403
    page = client.get(
        reverse("function_detail", args=[workspace.slug, payroll.pk])
    ).content.decode()
    assert "Recommended BPO" in page
    assert url not in page  # no Re-assess button


def test_questionnaire_shows_each_factor_with_its_scale_anchors(
    client_for, workspace, payroll, editor
):
    page = (
        client_for(editor)
        .get(reverse("assessments:function_assess", args=[workspace.slug, payroll.pk]))
        .content.decode()
    )
    assert page.count('type="radio"') == 8 * 5
    assert "Commodity, no competitive impact" in page
    assert "Core differentiator" in page
    for criterion in ("Strategic value", "Cost", "Task nature", "Flexibility", "Control"):
        assert criterion in page


def test_missing_rating_is_named_and_nothing_is_saved(client_for, workspace, payroll, editor):
    answers = _answers(PAYROLL)
    del answers["control_need"]
    response = client_for(editor).post(
        reverse("assessments:function_assess", args=[workspace.slug, payroll.pk]), answers
    )
    assert response.status_code == 200
    label = scoring.FACTOR_INFO["control_need"].label.lower()
    assert response.context["form"].errors["control_need"] == [f"Rate {label} from 1 to 5."]
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("bad", ["0", "6", "three"])
def test_rating_outside_the_scale_is_refused(client_for, workspace, payroll, editor, bad):
    answers = {**_answers(PAYROLL), "data_sensitivity": bad}
    response = client_for(editor).post(
        reverse("assessments:function_assess", args=[workspace.slug, payroll.pk]), answers
    )
    assert "data_sensitivity" in response.context["form"].errors
    assert not Assessment.objects.exists()


def test_reassessing_starts_from_the_current_ratings_and_keeps_history(
    client_for, workspace, payroll, editor
):
    assess(payroll, PAYROLL)
    client = client_for(editor)
    url = reverse("assessments:function_assess", args=[workspace.slug, payroll.pk])
    form = client.get(url).context["form"]
    assert {f: form[f].value() for f in FACTOR_FIELDS} == ratings_of(PAYROLL)

    changed = list(PAYROLL)
    changed[FACTOR_FIELDS.index("data_sensitivity")] = 5
    client.post(url, _answers(changed, notes="Now includes health data"))
    payroll.refresh_from_db()
    assert payroll.assessments.count() == 2
    assert payroll.latest_assessment.data_sensitivity == 5
    page = client.get(
        reverse("function_detail", args=[workspace.slug, payroll.pk])
    ).content.decode()
    assert "Data sensitivity 3 → 5" in page
    assert "Now includes health data" in page


def test_close_call_is_flagged_on_the_page(client_for, workspace, editor):
    function = BusinessFunctionFactory(workspace=workspace)
    assessment = assess(function, (3, 3, 3, 3, 3, 3, 3, 3))
    page = (
        client_for(editor)
        .get(reverse("function_detail", args=[workspace.slug, function.pk]))
        .content.decode()
    )
    assert ("A close call." in page) == assessment.close_call


def test_result_page_says_how_the_call_moves_with_the_weights(
    client_for, workspace, payroll, viewer
):
    assess(payroll, PAYROLL)
    page = (
        client_for(viewer)
        .get(reverse("function_detail", args=[workspace.slug, payroll.pk]))
        .content.decode()
    )
    assert "Stays BPO" in page
    assert "random changes of the weights" in page


def test_unassessed_function_invites_an_assessment(client_for, workspace, payroll, editor):
    page = (
        client_for(editor)
        .get(reverse("function_detail", args=[workspace.slug, payroll.pk]))
        .content.decode()
    )
    assert "Not assessed yet" in page
    assert reverse("assessments:function_assess", args=[workspace.slug, payroll.pk]) in page


def test_list_filters_by_recommendation(client_for, workspace, viewer):
    assess(BusinessFunctionFactory(workspace=workspace, name="Payroll"), PAYROLL)
    assess(BusinessFunctionFactory(workspace=workspace, name="Research"), MARKET_RESEARCH)
    BusinessFunctionFactory(workspace=workspace, name="Unrated")
    client = client_for(viewer)
    url = reverse("function_list", args=[workspace.slug])

    def names(**params):
        return [f.name for f in client.get(url, params).context["functions"]]

    assert names(recommendation="KPO") == ["Research"]
    assert names(recommendation="NONE") == ["Unrated"]
