"""The audit trail's one write that is not a model's own history: an event such as an import."""

from collections.abc import Mapping

from outsourcing.models import ActivityRecord, User, Workspace


def activity_record(
    *,
    workspace: Workspace,
    actor: User | None,
    kind: str,
    summary: str,
    file_name: str = "",
    counts: Mapping[str, int] | None = None,
) -> ActivityRecord:
    """Put an event on the workspace's Activity page, e.g. an import with its file's name and
    counts (``{"created": 12, "updated": 3}``). Imports and exports call this once they have
    finished; the record's history row carries who and when, like every other change."""
    record = ActivityRecord(
        workspace=workspace,
        kind=kind,
        summary=summary[:300],
        file_name=file_name[:255],
        counts=dict(counts or {}),
        actor=actor,
    )
    # The history row names the actor even when no request is running (a Celery job).
    record._history_user = actor
    record.save()
    return record
