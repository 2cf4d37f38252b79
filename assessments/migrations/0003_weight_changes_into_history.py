"""Carry the hand-written WeightChange rows into the criteria weights' history.

Each change becomes a changed ("~") version of the workspace's weights, saved by the same
person at the same time with the same method and CR. The weights it replaced become the
version just before it whenever the history does not already end on them (always for a
workspace's first change), so the weights page reads "before → after" exactly as it did.
"""

from datetime import timedelta

from django.db import migrations


def _version(HistoricalCriteriaWeights, record_id, workspace_id, at, weights, **fields):
    return HistoricalCriteriaWeights.objects.create(
        id=record_id,
        workspace_id=workspace_id,
        weights=weights,
        history_date=at,
        **fields,
    )


def carry_changes(apps, schema_editor):
    WeightChange = apps.get_model("assessments", "WeightChange")
    CriteriaWeights = apps.get_model("assessments", "CriteriaWeights")
    HistoricalCriteriaWeights = apps.get_model("assessments", "HistoricalCriteriaWeights")
    record_ids = dict(CriteriaWeights.objects.values_list("workspace_id", "id"))
    last_weights = {}
    for change in WeightChange.objects.order_by("workspace_id", "changed_at", "pk"):
        record_id = record_ids.get(change.workspace_id)
        if record_id is None:  # the weights were deleted since; nothing to hang history on
            continue
        if last_weights.get(change.workspace_id) != change.old_weights:
            _version(
                HistoricalCriteriaWeights,
                record_id,
                change.workspace_id,
                change.changed_at - timedelta(microseconds=1),
                change.old_weights,
                method="default",
                history_type="+",
            )
        _version(
            HistoricalCriteriaWeights,
            record_id,
            change.workspace_id,
            change.changed_at,
            change.new_weights,
            method=change.method,
            consistency_ratio=change.consistency_ratio,
            updated_by_id=change.changed_by_id,
            history_user_id=change.changed_by_id,
            history_type="~",
        )
        last_weights[change.workspace_id] = change.new_weights


def drop_carried_history(apps, schema_editor):
    # Going back, WeightChange is recreated empty by the next migration's reverse; the
    # history versions are left (they are still true).
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_criteria_weights_history"),
    ]

    operations = [
        migrations.RunPython(carry_changes, drop_carried_history),
    ]
