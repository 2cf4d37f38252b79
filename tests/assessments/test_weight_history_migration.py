"""The data migration that carried the old hand-written WeightChange table into the weights'
history: after it, the weights page lists the same changes, before and after."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from assessments.selectors import weight_changes
from outsourcing.models import Workspace
from tests.factories import UserFactory, WorkspaceFactory

BEFORE = [("assessments", "0002_criteria_weights_history")]


def _latest():
    """Every app's newest migration: later migrations (of this app too) must be back in
    place for the tests that run after this one."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_weight_changes_read_the_same_from_the_history():
    workspace = WorkspaceFactory()
    someone = UserFactory()
    old_apps = _migrate(BEFORE)
    try:
        old_apps.get_model("assessments", "CriteriaWeights").objects.create(
            workspace_id=workspace.pk, weights={"cost": 1.0}, method="direct"
        )
        change = old_apps.get_model("assessments", "WeightChange")
        first = change.objects.create(
            workspace_id=workspace.pk,
            changed_by_id=someone.pk,
            method="ahp",
            old_weights={"cost": 0.2, "control": 0.8},
            new_weights={"cost": 0.5, "control": 0.5},
            consistency_ratio=0.04,
        )
        second = change.objects.create(
            workspace_id=workspace.pk,
            changed_by_id=someone.pk,
            method="direct",
            old_weights={"cost": 0.5, "control": 0.5},
            new_weights={"cost": 1.0, "control": 0.0},
        )
        # auto_now_add stamps both alike within a test: space them as real changes are.
        change.objects.filter(pk=first.pk).update(changed_at=timezone.now() - timedelta(days=2))
    finally:
        _migrate(_latest())

    newest, oldest = weight_changes(workspace=Workspace.objects.get(pk=workspace.pk))
    assert (newest.changed_by, newest.method_label) == (someone, "Entered directly")
    assert (newest.old_weights, newest.new_weights) == (second.old_weights, second.new_weights)
    assert (oldest.method_label, oldest.consistency_ratio) == ("AHP pairwise comparison", 0.04)
    assert (oldest.old_weights, oldest.new_weights) == (first.old_weights, first.new_weights)
    assert oldest.changed_at < newest.changed_at
