import pandas as pd
import pytest
from django.urls import reverse

from api.serializers.scoring import MAX_ROWS
from assessments import scoring
from assessments.services import weights_set
from tests.factories import CORE_STRATEGY, IT_HELPDESK, MARKET_RESEARCH, PAYROLL, ratings_of

ROWS = [ratings_of(values) for values in (PAYROLL, MARKET_RESEARCH, IT_HELPDESK, CORE_STRATEGY)]
WEIGHTS = {"strategic_value": 3, "cost": 1, "task_nature": 1, "flexibility": 1, "control": 2}


def _score(client, body):
    return client.post(reverse("api:bulk_score"), body, format="json")


@pytest.mark.parametrize("weights", [None, WEIGHTS])
def test_bulk_scores_equal_the_engines_batch(api_as, reader, weights):
    body = {"rows": ROWS * 50, **({"weights": weights} if weights else {})}
    response = _score(api_as(reader), body)
    assert response.status_code == 200, response.json()
    data = response.json()
    expected = scoring.score_batch(pd.DataFrame(ROWS * 50), weights)
    assert len(data["results"]) == len(expected)
    assert data["model_version"] == scoring.MODEL_VERSION
    assert data["weights"] == pytest.approx(expected.attrs["weights"])
    for got, (_, row) in zip(data["results"], expected.iterrows(), strict=True):
        assert set(got) == set(expected.columns)
        for column, value in row.items():
            if isinstance(value, float):
                assert got[column] == pytest.approx(value, abs=1e-6), column
            else:
                assert got[column] == value, column


def test_explanations_come_on_request(api_as, reader):
    data = _score(api_as(reader), {"rows": ROWS, "explain": True}).json()
    expected = scoring.score_batch(pd.DataFrame(ROWS))
    assert [r["explanation"] for r in data["results"]] == [
        scoring.explain(row) for _, row in expected.iterrows()
    ]


def test_bulk_scoring_can_use_a_workspaces_weights(api_as, workspace, owner):
    weights_set(workspace=workspace, weights=WEIGHTS, method="direct", changed_by=owner)
    data = _score(api_as(owner), {"rows": ROWS, "workspace": workspace.slug}).json()
    assert data["weights"]["strategic_value"] == pytest.approx(3 / 8)


def test_another_workspaces_weights_are_404(api_as, workspace, outsider):
    response = _score(api_as(outsider), {"rows": ROWS, "workspace": workspace.slug})
    assert response.status_code == 404


def test_bad_cells_are_named_by_row_and_column(api_as, reader):
    rows = [dict(row) for row in ROWS]
    rows[1]["data_sensitivity"] = 6
    rows[2]["repetitiveness"] = 2.5
    rows[3]["control_need"] = "high"
    del rows[0]["cost_saving_potential"]
    rows.append(["not", "an", "object"])
    response = _score(api_as(reader), {"rows": rows})
    assert response.status_code == 400
    errors = {(e["row"], e.get("column")) for e in response.json()["errors"]}
    assert errors == {
        (0, "cost_saving_potential"),
        (1, "data_sensitivity"),
        (2, "repetitiveness"),
        (3, "control_need"),
        (4, None),
    }


def test_bad_weights_are_named(api_as, reader):
    response = _score(api_as(reader), {"rows": ROWS, "weights": {"cost": -1}})
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"weights"}


def test_more_than_ten_thousand_rows_are_refused_clearly(api_as, reader):
    response = _score(api_as(reader), {"rows": [ROWS[0]] * (MAX_ROWS + 1)})
    assert response.status_code == 400
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/too-many-rows"
    assert "At most 10,000 rows" in problem["detail"]
    assert "10,001" in problem["detail"]


def test_ten_thousand_rows_are_scored(api_as, reader):
    response = _score(api_as(reader), {"rows": [ROWS[0]] * MAX_ROWS})
    assert response.status_code == 200
    assert len(response.json()["results"]) == MAX_ROWS


@pytest.mark.parametrize(
    "body",
    [[], {"rows": []}, {"rows": "1,2,3"}, {}, {"rows": ROWS, "explain": "yes"}],
)
def test_a_body_without_rows_is_refused(api_as, reader, body):
    response = _score(api_as(reader), body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_a_tie_comes_back_as_no_clear_call_with_what_would_settle_it(api_as, reader):
    data = _score(api_as(reader), {"rows": [ratings_of((3,) * 8)]}).json()
    [row] = data["results"]
    assert row["recommendation"] == "NO_CALL"
    assert row["close_call"] is False
    assert row["flip__repetitiveness__up"] == "BPO"
    assert row["flip__expertise_required__up"] == "KPO"
