"""The workspace's Activity page (owners): who changed what and when, from the audit trail."""

from datetime import UTC

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from outsourcing.access import workspace_view
from outsourcing.activity import activity_entries, activity_kinds, activity_rows
from outsourcing.forms import ActivityFilterForm
from outsourcing.imports.writer import write_csv
from outsourcing.models import Role
from outsourcing.pagination import paginate

PER_PAGE = 50
EXPORT_CHUNK = 2000
CSV_HEADERS = ["when_utc", "person", "record_kind", "record", "action", "changes", "reason"]


def _filters(request) -> tuple[ActivityFilterForm, dict]:
    form = ActivityFilterForm(
        request.GET or None, workspace=request.workspace, kinds=activity_kinds()
    )
    return form, form.filters if form.is_bound else {}


@workspace_view(min_role=Role.OWNER)
def activity(request):
    form, filters = _filters(request)
    page = paginate(request, activity_entries(workspace=request.workspace, **filters), PER_PAGE)
    page.object_list = activity_rows(page.object_list)
    return render(request, "outsourcing/activity.html", {"form": form, "page": page})


@workspace_view(min_role=Role.OWNER)
def activity_export(request):
    """The filtered trail as CSV; text cells neutralised against spreadsheet formulas."""
    _, filters = _filters(request)
    entries = activity_entries(workspace=request.workspace, **filters)
    response = HttpResponse(write_csv(CSV_HEADERS, _csv_rows(entries)), content_type="text/csv")
    stamp = timezone.now().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = (
        f'attachment; filename="{request.workspace.slug}-activity-{stamp}.csv"'
    )
    return response


def _csv_rows(entries):
    # In chunks: each chunk's people and differences are fetched together, a few queries each.
    for start in range(0, entries.count(), EXPORT_CHUNK):
        for entry in activity_rows(entries[start : start + EXPORT_CHUNK]):
            yield [
                entry.when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
                entry.user.email if entry.user else "",
                entry.kind_label,
                entry.title,
                entry.action,
                "; ".join(entry.changes),
                entry.reason or "",
            ]
