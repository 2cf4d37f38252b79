"""Criteria weights: owners set them directly or by AHP; the workspace is re-scored."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from assessments import scoring
from assessments.judgements import pair_field_name
from assessments.models import CriteriaWeights
from assessments.selectors import weight_changes, workspace_weights
from assessments.services import weights_set
from outsourcing.models import Job
from tests.factories import PAYROLL, BusinessFunctionFactory, assess


def _percentages(**overrides):
    values = {key: round(weight * 100, 1) for key, weight in scoring.DEFAULT_WEIGHTS.items()}
    values.update(overrides)
    return {key: str(value) for key, value in values.items()}


def _post_direct(client, workspace, data, capture):
    with capture(execute=True):
        return client.post(reverse("assessments:weights_direct", args=[workspace.slug]), data)


def test_a_new_workspace_uses_the_default_weights(workspace):
    assert workspace_weights(workspace=workspace) == scoring.DEFAULT_WEIGHTS


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_only_owners_change_weights(request, client_for, workspace, role):
    client = client_for(request.getfixturevalue(role))
    assert client.get(reverse("assessments:weights", args=[workspace.slug])).status_code == 403
    response = client.post(
        reverse("assessments:weights_direct", args=[workspace.slug]), _percentages()
    )
    assert response.status_code == 403
    assert not CriteriaWeights.objects.exists()


def test_weights_that_do_not_add_up_are_refused(
    client_for, workspace, owner, django_capture_on_commit_callbacks
):
    data = _percentages(cost=0)
    response = _post_direct(client_for(owner), workspace, data, django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "they must add up to 100 %" in response.content.decode()
    assert not CriteriaWeights.history.exists()


def test_changing_weights_rescores_and_is_recorded(
    client_for, workspace, owner, django_capture_on_commit_callbacks
):
    function = BusinessFunctionFactory(workspace=workspace)
    before = assess(function, PAYROLL)
    # Put nearly everything on control: payroll's low control need should weigh more.
    data = dict.fromkeys(scoring.CRITERIA, "0") | {"control": "60", "task_nature": "40"}
    response = _post_direct(client_for(owner), workspace, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    [change] = weight_changes(workspace=workspace)
    assert change.changed_by == owner
    assert change.old_weights == pytest.approx(scoring.DEFAULT_WEIGHTS)
    assert change.new_weights["control"] == pytest.approx(0.6)

    job = Job.objects.get(kind=Job.Kind.RESCORE)
    assert job.status == Job.Status.SUCCEEDED
    assert job.message == "1 assessments re-scored with the new weights."
    before.refresh_from_db()
    assert before.weights["control"] == pytest.approx(0.6)
    assert before.scored_at > before.assessed_at

    page = (
        client_for(owner)
        .get(reverse("assessments:weights", args=[workspace.slug]))
        .content.decode()
    )
    assert "Entered directly" in page
    assert "re-scored with the new weights" in page


def _ahp_data(values: dict[tuple[int, int], str]) -> dict[str, str]:
    n = len(scoring.CRITERIA)
    data = {pair_field_name(i, j): "1" for i in range(n) for j in range(i + 1, n)}
    data.update({pair_field_name(i, j): v for (i, j), v in values.items()})
    return data


def test_ahp_weights_are_saved_when_consistent(
    client_for, workspace, owner, django_capture_on_commit_callbacks
):
    # Strategic value moderately more important than everything else, the rest equal.
    data = _ahp_data({(0, j): "3" for j in range(1, 5)})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(
            reverse("assessments:weights_ahp", args=[workspace.slug]), data
        )
    assert response.status_code == 302
    weights = workspace_weights(workspace=workspace)
    assert weights["strategic_value"] == pytest.approx(3 / 7, abs=1e-3)
    record = CriteriaWeights.objects.get(workspace=workspace)
    assert record.method == CriteriaWeights.Method.AHP
    assert record.consistency_ratio == pytest.approx(0, abs=1e-6)


def test_inconsistent_ahp_is_refused_with_the_judgements_to_revisit(client_for, workspace, owner):
    # A > B, B > C, but C much more important than A: a cycle.
    data = _ahp_data({(0, 1): "9", (1, 2): "9", (0, 2): "1/9"})
    response = client_for(owner).post(
        reverse("assessments:weights_ahp", args=[workspace.slug]), data
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "These judgements are inconsistent" in page
    assert "Revisit first" in page
    assert not CriteriaWeights.objects.exists()


def test_ahp_preview_shows_weights_and_consistency_as_you_go(client_for, workspace, owner):
    data = _ahp_data({(0, j): "3" for j in range(1, 5)})
    response = client_for(owner).post(
        reverse("assessments:weights_ahp_preview", args=[workspace.slug]), data
    )
    page = response.content.decode()
    assert "Consistency ratio" in page
    assert "42.9 %" in page  # 3/7 for strategic value
    assert "<html" not in page


def test_methodology_page_explains_the_weights_in_use(client_for, workspace, viewer):
    page = (
        client_for(viewer)
        .get(reverse("assessments:methodology", args=[workspace.slug]))
        .content.decode()
    )
    assert scoring.MODEL_VERSION in page
    assert "close call" in page.lower()
    for key in scoring.CRITERIA:
        assert escape(scoring.CRITERION_INFO[key].label) in page


def test_the_service_refuses_inconsistent_ahp_judgements_whoever_calls_it(workspace, owner):
    # The rule is the service's, not only the form's: an import or the API gets it too.
    judgements = _ahp_data({(0, 1): "9", (1, 2): "9", (0, 2): "1/9"})
    with pytest.raises(ValidationError) as refused:
        weights_set(
            workspace=workspace,
            method=CriteriaWeights.Method.AHP,
            changed_by=owner,
            ahp_judgements=judgements,
        )
    message = " ".join(refused.value.messages)
    assert "must be below 0.10" in message
    assert "Strategic value vs" in message
    assert not CriteriaWeights.objects.exists()
    assert not Job.objects.exists()


def test_the_history_lists_each_change_newest_first_with_the_weights_before_it(
    client_for, workspace, owner, django_capture_on_commit_callbacks, django_assert_num_queries
):
    client = client_for(owner)
    first = dict.fromkeys(scoring.CRITERIA, "0") | {"control": "60", "task_nature": "40"}
    second = dict.fromkeys(scoring.CRITERIA, "0") | {"cost": "100"}
    for data in (first, second):
        response = _post_direct(client, workspace, data, django_capture_on_commit_callbacks)
        assert response.status_code == 302

    with django_assert_num_queries(1):
        newest, oldest = weight_changes(workspace=workspace)
    assert newest.new_weights["cost"] == pytest.approx(1.0)
    assert newest.old_weights == oldest.new_weights
    assert oldest.old_weights == pytest.approx(scoring.DEFAULT_WEIGHTS)
    assert newest.changed_by == owner
    assert newest.method_label == "Entered directly"

    page = client.get(reverse("assessments:weights", args=[workspace.slug])).content.decode()
    assert page.count("Entered directly") >= 2
    assert owner.display_name in page


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (dict.fromkeys(scoring.CRITERIA, 1e308), "too large to add up"),
        ({**scoring.DEFAULT_WEIGHTS, "cost": True}, "'cost' is a yes/no value (True)"),
        ({**scoring.DEFAULT_WEIGHTS, "cost": float("nan")}, "'cost' is not a finite number"),
    ],
)
def test_the_service_refuses_weights_the_engine_cannot_use_with_a_clear_message(
    workspace, owner, weights, message
):
    with pytest.raises(ValidationError) as refused:
        weights_set(
            workspace=workspace,
            method=CriteriaWeights.Method.DIRECT,
            changed_by=owner,
            weights=weights,
        )
    assert message in " ".join(refused.value.messages)
    assert not CriteriaWeights.objects.exists()
    assert not Job.objects.exists()


def test_the_methodology_page_shows_the_two_stages_and_no_clear_call(client_for, workspace, viewer):
    page = (
        client_for(viewer)
        .get(reverse("assessments:methodology", args=[workspace.slug]))
        .content.decode()
    )
    assert "<strong>Outsource or keep.</strong>" in page
    assert "<strong>Which kind.</strong>" in page
    table = page[
        page.index('data-testid="stages-table"') : page.index(
            "</table>", page.index('data-testid="stages-table"')
        )
    ]
    # Strategic importance: against outsourcing in stage 1, a mild pull towards KPO in stage 2.
    assert '>↓</td><td class="text-nowrap">·</td><td class="text-nowrap">↑ mild</td>' in table
    assert "No clear call" in page
    assert "close call</strong> exactly when that list is not empty" in page
