"""Group criteria weights: stakeholders' AHP matrices combined by geometric mean (AIJ)."""

from datetime import timedelta
from fractions import Fraction

import numpy as np
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from assessments import scoring
from assessments.judgements import criterion_pairs
from assessments.models import CriteriaWeights
from assessments.rounds import aggregate
from assessments.rounds.models import WeightsRound
from assessments.rounds.selectors import AHP_SCALE_MAX, weights_round_result
from assessments.rounds.services import weights_round_judge, weights_round_open


def _judgements(**pairs) -> dict[str, str]:
    """Every pair equal, except those given (``pair_0_1="3"``)."""
    return {name: pairs.get(name, "1") for *_, name in criterion_pairs()}


CONSISTENT_A = _judgements(pair_0_1="3", pair_0_2="3", pair_1_2="1")
CONSISTENT_B = _judgements(pair_0_1="1/3", pair_0_2="1", pair_1_2="3")


def test_aij_equals_the_published_apple_and_orange_example():
    # Saaty's illustration (docs/domain.md, *Group judgement*): three people judge an apple
    # 2, 3 and 4 times larger than an orange; the group's judgement is (2·3·4)^(1/3) = 2.884,
    # and its reciprocal the reciprocals' geometric mean, 0.347.
    group = scoring.aggregate_judgements([[[1, k], [1 / k, 1]] for k in (2, 3, 4)])
    assert group.matrix[0, 1] == pytest.approx(2.884, abs=1e-3)
    assert group.matrix[1, 0] == pytest.approx(0.347, abs=1e-3)
    assert group.result.weights[0] == pytest.approx(2.884 / 3.884, abs=1e-3)


def test_ahp_consensus_is_full_for_one_view_and_nil_for_opposed_extremes():
    n = len(scoring.CRITERIA)
    same = np.tile([0.4, 0.3, 0.1, 0.1, 0.1], (3, 1))
    assert aggregate.consensus_of_priorities(same, AHP_SCALE_MAX) == pytest.approx(1.0)
    lopsided = (np.ones((n, n)) + (AHP_SCALE_MAX - 1) * np.eye(n)) / (AHP_SCALE_MAX + n - 1)
    assert aggregate.consensus_of_priorities(lopsided, AHP_SCALE_MAX) == pytest.approx(0.0)


@pytest.fixture
def weights_round(workspace, owner, editor, viewer):
    return weights_round_open(
        workspace=workspace,
        opened_by=owner,
        assessors=[editor, viewer],
        due_date=timezone.localdate() + timedelta(days=3),
    )


def _detail(round_):
    return reverse("rounds:weights_round_detail", args=["acme", round_.pk])


def test_the_group_weights_are_the_aij_of_the_submitted_matrices(weights_round, editor, viewer):
    weights_round_judge(round=weights_round, assessor=editor, judgements=CONSISTENT_A)
    weights_round_judge(round=weights_round, assessor=viewer, judgements=CONSISTENT_B)
    result = weights_round_result(round=weights_round)
    n = len(scoring.CRITERIA)
    matrices = [
        scoring.ahp_from_upper_triangle(
            [float(Fraction(j[name])) for *_, name in criterion_pairs()],
            n,
        )
        for j in (CONSISTENT_A, CONSISTENT_B)
    ]
    expected = scoring.ahp_priorities(np.sqrt(matrices[0] * matrices[1]))
    assert list(result.weights.values()) == pytest.approx(list(expected.weights), abs=1e-9)
    assert result.cr == pytest.approx(expected.cr)
    assert [s.cr for s in result.stakeholders] == pytest.approx(
        [scoring.ahp_priorities(m).cr for m in matrices]
    )
    assert 0 <= result.consensus < 1


def test_owners_open_a_weights_round_and_invitations_go_out(client_for, workspace, owner, editor):
    response = client_for(owner).post(
        reverse("rounds:weights_round_open", args=["acme"]),
        {"assessors": [editor.pk], "due_date": timezone.localdate()},
    )
    round_ = WeightsRound.objects.get()
    assert response.url == _detail(round_)
    assert [m.to for m in mail.outbox] == [[editor.email]]


def test_editors_cannot_open_close_or_apply_a_weights_round(client_for, weights_round, editor):
    client = client_for(editor)
    assert client.get(reverse("rounds:weights_round_open", args=["acme"])).status_code == 403
    for name in ("weights_round_close", "weights_round_apply"):
        assert (
            client.post(reverse(f"rounds:{name}", args=["acme", weights_round.pk])).status_code
            == 403
        )


def test_an_invited_stakeholder_sees_the_others_only_after_judging(
    client_for, weights_round, editor, viewer
):
    weights_round_judge(round=weights_round, assessor=viewer, judgements=CONSISTENT_B)
    client = client_for(editor)
    page = client.get(_detail(weights_round)).content.decode()
    assert 'id="hidden-until-submitted"' in page
    assert "The group's weights" not in page
    client.post(_detail(weights_round), CONSISTENT_A)
    page = client.get(_detail(weights_round)).content.decode()
    assert "The group's weights" in page
    assert viewer.get_full_name() in page.split('id="group-weights"')[1]


def test_one_judgement_gives_one_persons_weights(client_for, weights_round, owner, editor):
    weights_round_judge(round=weights_round, assessor=editor, judgements=CONSISTENT_A)
    page = client_for(owner).get(_detail(weights_round)).content.decode()
    assert "One person's weights" in page


def test_judging_uninvited_or_after_closing_is_refused(client_for, weights_round, owner, editor):
    assert client_for(owner).post(_detail(weights_round), CONSISTENT_A).status_code == 403
    client_for(owner).post(reverse("rounds:weights_round_close", args=["acme", weights_round.pk]))
    client_for(editor).post(_detail(weights_round), CONSISTENT_A)
    assert not weights_round.judgements.get(assessor=editor).submitted


def test_applying_sets_the_workspace_weights_and_queues_rescoring(
    client_for, weights_round, workspace, owner, editor, django_capture_on_commit_callbacks
):
    weights_round_judge(round=weights_round, assessor=editor, judgements=CONSISTENT_A)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post(
            reverse("rounds:weights_round_apply", args=["acme", weights_round.pk])
        )
    record = CriteriaWeights.objects.get(workspace=workspace)
    expected = weights_round_result(round=weights_round).weights
    assert record.weights == pytest.approx(expected)
    assert record.updated_by == owner
    weights_round.refresh_from_db()
    assert weights_round.applied_at is not None and not weights_round.is_open
