import pytest
from django.urls import reverse

from assessments import scoring
from assessments.models import CriteriaWeights
from assessments.selectors import workspace_weights
from outsourcing.models import Job
from tests.factories import BusinessFunctionFactory, assess

DIRECT = {"strategic_value": 30, "cost": 30, "task_nature": 20, "flexibility": 10, "control": 10}


def test_members_read_the_weights(api_as, workspace, viewer):
    response = api_as(viewer).get(reverse("api:weights", args=[workspace.slug]))
    assert response.status_code == 200
    data = response.json()
    assert data["method"] == "default"
    assert data["weights"] == pytest.approx(scoring.DEFAULT_WEIGHTS)


def test_an_owner_sets_weights_directly_and_rescoring_is_queued(
    api_as, workspace, owner, django_capture_on_commit_callbacks
):
    function = BusinessFunctionFactory(workspace=workspace)
    assessment = assess(function)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(owner).put(
            reverse("api:weights", args=[workspace.slug]), {"weights": DIRECT}, format="json"
        )
    assert response.status_code == 202, response.json()
    data = response.json()
    assert data["weights"]["method"] == "direct"
    assert data["weights"]["weights"]["cost"] == pytest.approx(0.3)
    assert data["weights"]["updated_by"] == owner.email
    job = Job.objects.get(pk=data["rescore_job"]["id"], workspace=workspace)
    assert job.kind == Job.Kind.RESCORE
    assessment.refresh_from_db()
    assert assessment.weights["cost"] == pytest.approx(0.3)  # eager Celery re-scored it


def test_direct_weights_must_add_up_to_100(api_as, workspace, owner):
    response = api_as(owner).put(
        reverse("api:weights", args=[workspace.slug]),
        {"weights": {**DIRECT, "cost": 40}},
        format="json",
    )
    assert response.status_code == 400
    assert "add up to 110" in response.json()["detail"]
    assert workspace_weights(workspace=workspace) == scoring.DEFAULT_WEIGHTS


def _judgements(value_0_1="1", value_0_2="1", value_1_2="1"):
    judgements = {
        f"pair_{i}_{j}": "1" for i in range(len(scoring.CRITERIA)) for j in range(i + 1, 5)
    }
    judgements.update(pair_0_1=value_0_1, pair_0_2=value_0_2, pair_1_2=value_1_2)
    return judgements


def test_consistent_ahp_judgements_set_the_weights_with_their_cr(api_as, workspace, owner):
    response = api_as(owner).post(
        reverse("api:weights_ahp", args=[workspace.slug]),
        {"judgements": _judgements(value_0_1="2")},
        format="json",
    )
    assert response.status_code == 202, response.json()
    weights = response.json()["weights"]
    assert weights["method"] == "ahp"
    assert weights["consistency_ratio"] < 0.1
    assert weights["weights"]["strategic_value"] > weights["weights"]["cost"]
    assert CriteriaWeights.objects.get(workspace=workspace).ahp_judgements["pair_0_1"] == "2"


def test_inconsistent_ahp_judgements_are_refused_with_the_ones_to_revisit(api_as, workspace, owner):
    # Strategic value ≫ cost, cost ≫ task nature, yet task nature ≫ strategic value.
    response = api_as(owner).post(
        reverse("api:weights_ahp", args=[workspace.slug]),
        {"judgements": _judgements(value_0_1="9", value_1_2="9", value_0_2="1/9")},
        format="json",
    )
    assert response.status_code == 400
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/inconsistent-judgements"
    assert problem["consistency_ratio"] >= 0.1
    revisit = problem["judgements_to_revisit"]
    assert revisit and {"pair", "given", "implied", "message"} <= set(revisit[0])
    assert {r["pair"] for r in revisit} & {"pair_0_1", "pair_0_2", "pair_1_2"}
    assert not CriteriaWeights.objects.filter(workspace=workspace).exists()


def test_an_unknown_judgement_is_refused_naming_the_pair(api_as, workspace, owner):
    response = api_as(owner).post(
        reverse("api:weights_ahp", args=[workspace.slug]),
        {"judgements": _judgements(value_0_1="10")},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "judgements.pair_0_1"
