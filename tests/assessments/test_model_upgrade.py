"""Re-scoring every workspace when the scoring model changes, keeping the old scores."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessments import scoring
from assessments.models import Assessment
from assessments.services import model_upgrade_rescore_start
from outsourcing.models import Job
from tests.factories import PAYROLL, BusinessFunctionFactory, assess

NEUTRAL = (3, 3, 3, 3, 3, 3, 3, 3)


def scored_by_an_old_model(function, values, recommendation="BPO"):
    """An assessment as the previous model left it (version 1.0 called a tie BPO)."""
    assessment = assess(function, values)
    Assessment.objects.filter(pk=assessment.pk).update(
        model_version="sw-linear-1.0",
        recommendation=recommendation,
        score_bpo=50.0,
        close_call=True,
        flips=[],
    )
    return assessment


@pytest.fixture
def old_tie(workspace):
    function = BusinessFunctionFactory(workspace=workspace, name="Facilities coordination")
    scored_by_an_old_model(function, NEUTRAL)
    return function


def upgrade(capture) -> list[Job]:
    """Queue the upgrade jobs and run them as a worker would once the transaction commits."""
    with capture(execute=True):
        return model_upgrade_rescore_start()


def test_upgrading_rescores_with_the_new_model_and_keeps_the_old_scores(
    workspace, old_tie, django_capture_on_commit_callbacks
):
    [job] = upgrade(django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.message == f"1 assessments re-scored with {scoring.MODEL_VERSION}."

    old_tie.refresh_from_db()
    current = old_tie.latest_assessment
    assert current.model_version == scoring.MODEL_VERSION
    assert current.recommendation == "NO_CALL"
    assert current.ratings == dict(zip(scoring.FACTORS, NEUTRAL, strict=True))

    old = current.rescored_from
    assert (old.model_version, old.recommendation, old.close_call) == ("sw-linear-1.0", "BPO", True)
    assert list(old_tie.assessments.order_by("pk")) == [old, current]


def test_workspaces_already_on_the_current_model_are_left_alone(
    workspace, other_workspace, django_capture_on_commit_callbacks
):
    assess(BusinessFunctionFactory(workspace=workspace), PAYROLL)
    old = BusinessFunctionFactory(workspace=other_workspace)
    scored_by_an_old_model(old, PAYROLL)
    jobs = upgrade(django_capture_on_commit_callbacks)
    assert [job.workspace for job in jobs] == [other_workspace]
    assert upgrade(django_capture_on_commit_callbacks) == []  # done: nothing left to queue


def test_a_weight_change_after_the_upgrade_rescores_in_place(workspace, owner):
    function = BusinessFunctionFactory(workspace=workspace)
    assessment = assess(function, PAYROLL)
    from assessments.services import workspace_rescore

    assert workspace_rescore(workspace=workspace) == 1
    function.refresh_from_db()
    assert function.latest_assessment_id == assessment.pk
    assert function.assessments.count() == 1


def test_the_history_shows_the_rescoring_and_the_old_call(
    client_for, workspace, old_tie, viewer, django_capture_on_commit_callbacks
):
    upgrade(django_capture_on_commit_callbacks)
    page = (
        client_for(viewer)
        .get(reverse("function_detail", args=[workspace.slug, old_tie.pk]))
        .content.decode()
    )
    assert f"Re-scored with model {scoring.MODEL_VERSION}; ratings unchanged" in page
    assert "(before: BPO under sw-linear-1.0)" in page


def test_the_command_lists_then_queues_the_workspaces_to_rescore(
    workspace, old_tie, django_capture_on_commit_callbacks
):
    out = StringIO()
    call_command("rescore_model_upgrade", "--dry-run", stdout=out)
    assert out.getvalue().strip() == (
        f"1 workspace(s) to re-score with model {scoring.MODEL_VERSION}: {workspace.slug}"
    )
    assert not Job.objects.exists()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rescore_model_upgrade", stdout=out)
    assert f"Queued job {Job.objects.get().pk} for {workspace.slug}." in out.getvalue()
    old_tie.refresh_from_db()
    assert old_tie.latest_assessment.model_version == scoring.MODEL_VERSION

    out = StringIO()
    call_command("rescore_model_upgrade", stdout=out)
    assert "already scored by" in out.getvalue()
