"""Applying a checked inventory plan: all rows or none."""

from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from assessments.inventory.columns import INPUT_COLUMNS
from assessments.inventory.importer import (
    InventoryInvalid,
    InventoryPlan,
    PlannedRow,
    inventory_plan,
)
from assessments.models import FACTOR_FIELDS
from assessments.services import assessments_create_bulk, workspace_scoring_lock
from outsourcing.hooks import functions_imported
from outsourcing.imports.limits import Limits
from outsourcing.imports.preview import import_preview_create, import_preview_source
from outsourcing.imports.reader import read_table
from outsourcing.models import (
    BusinessFunction,
    CurrentSourcing,
    Department,
    Job,
    User,
    Workspace,
)
from outsourcing.services.activity import activity_record
from outsourcing.services.jobs import JobOutput, ProgressFn


@dataclass(frozen=True)
class InventoryResult:
    created: int
    updated: int
    unchanged: int
    assessed: int

    @property
    def message(self) -> str:
        text = f"Imported: {self.created:,} functions added, {self.updated:,} updated"
        if self.unchanged:
            text += f", {self.unchanged:,} unchanged"
        return f"{text}, {self.assessed:,} assessed."


def _departments(workspace: Workspace, names: set[str]) -> dict[str, Department]:
    """The workspace's departments by lower-case name, creating the missing ones."""
    known = {d.name.lower(): d for d in Department.objects.filter(workspace=workspace)}
    missing = {}
    for name in names:
        if name and name.lower() not in known:
            missing.setdefault(name.lower(), Department(workspace=workspace, name=name))
    for department in Department.objects.bulk_create(missing.values()):
        known[department.name.lower()] = department
    return known


def _apply_values(function: BusinessFunction, row: PlannedRow, departments: dict) -> None:
    for column, value in row.values.items():
        if column == "department":
            function.department = departments.get((value or "").lower())
        elif column == "description":
            function.description = value or ""
        elif column == "current_sourcing":
            function.current_sourcing = value or CurrentSourcing.IN_HOUSE
        else:
            setattr(function, column, value)


BATCH = 250
FOREIGN_KEYS = {"department", "service_line"}
# Every input column but the ratings, which become assessments.
UPDATABLE = set(INPUT_COLUMNS) - set(FACTOR_FIELDS)


@transaction.atomic
def inventory_import(
    *,
    workspace: Workspace,
    plan: InventoryPlan,
    imported_by: User | None,
    report_progress: ProgressFn | None = None,
) -> InventoryResult:
    """Create and update the plan's functions and assess the rated ones, in one transaction.

    Existing functions (matched by name, any case) change only in the columns the file has;
    an archived one is restored. A row whose ratings equal the function's current ones adds
    no assessment, so importing the same file twice leaves the history as it was.
    """
    workspace_scoring_lock(workspace)  # before anything is read: see its docstring
    report = report_progress or (lambda progress, message="": None)
    # Taken before creating: a created row points at its new function, as an update does.
    creates, updates = plan.creates, plan.updates
    departments = _departments(workspace, {row.values.get("department") or "" for row in plan.rows})
    report(20, "Adding functions…")
    created = _create_functions(workspace, creates, departments)
    report(45, "Updating functions…")
    updated = _update_functions(updates, plan.columns, departments)
    report(65, "Scoring…")
    assessed = _assess_changed_ratings(workspace, plan, imported_by)
    return InventoryResult(
        created=created,
        updated=updated,
        unchanged=len(updates) - updated,
        assessed=assessed,
    )


def _create_functions(workspace: Workspace, rows: list[PlannedRow], departments: dict) -> int:
    """The new functions, created in batches; each row then points at its function."""
    new_functions = []
    for row in rows:
        function = BusinessFunction(workspace=workspace)
        _apply_values(function, row, departments)
        new_functions.append(function)
    BusinessFunction.objects.bulk_create(new_functions, batch_size=BATCH)
    for row, function in zip(rows, new_functions, strict=True):
        row.existing = function
    return len(new_functions)


def _update_functions(rows: list[PlannedRow], columns: list[str], departments: dict) -> int:
    """The existing functions the file changes, in the file's columns only."""
    now = timezone.now()
    fields = sorted((UPDATABLE & set(columns)) | {"is_archived"})

    def state(function):
        return [
            getattr(function, f"{name}_id" if name in FOREIGN_KEYS else name) for name in fields
        ]

    updated = []
    for row in rows:
        function = row.existing
        before = state(function)
        _apply_values(function, row, departments)
        function.is_archived = False
        if before != state(function):
            function.updated_at = now
            updated.append(function)
    # Small batches: bulk_update writes one CASE per field, whose cost grows with the batch.
    BusinessFunction.objects.bulk_update(updated, [*fields, "updated_at"], batch_size=BATCH)
    return len(updated)


def _assess_changed_ratings(workspace: Workspace, plan: InventoryPlan, imported_by) -> int:
    """An assessment for each rated row whose ratings differ from the function's current."""
    to_assess = [
        row
        for row in plan.assessed
        if row.existing.latest_assessment is None
        or row.existing.latest_assessment.ratings != row.ratings
    ]
    assessments_create_bulk(
        functions=[row.existing for row in to_assess],
        ratings=[row.ratings for row in to_assess],
        assessor=imported_by,
        workspace=workspace,
        notes="Imported from a spreadsheet.",
    )
    return len(to_assess)


PREVIEW_NAMES = 100


def inventory_upload(*, workspace: Workspace, uploaded_by: User, filename: str, data: bytes) -> Job:
    """Check an uploaded inventory and keep it for the person to confirm.

    Raises TableError (unreadable file) or InventoryInvalid (every problem, by row and
    column); otherwise returns a job awaiting confirmation, with a summary to preview.
    Nothing in the workspace changes until the job is confirmed.
    """
    table = read_table(data, filename=filename, limits=Limits.from_settings())
    plan = inventory_plan(workspace=workspace, table=table)
    return import_preview_create(
        workspace=workspace,
        kind=Job.Kind.IMPORT_FUNCTIONS,
        requested_by=uploaded_by,
        filename=filename,
        data=data,
        params={
            "rows": len(plan.rows),
            "columns": plan.columns,
            "create_count": len(plan.creates),
            "update_count": len(plan.updates),
            "assess_count": len(plan.assessed),
            "creates": [row.values["name"] for row in plan.creates[:PREVIEW_NAMES]],
            "updates": [row.values["name"] for row in plan.updates[:PREVIEW_NAMES]],
        },
    )


def inventory_import_work(job: Job, report_progress: ProgressFn) -> JobOutput:
    """The confirmed import: the file is checked again (the workspace may have changed
    since the preview) and applied all or nothing."""
    report_progress(5, "Checking the file again…")
    table = read_table(
        import_preview_source(job), filename=job.params["filename"], limits=Limits.from_settings()
    )
    try:
        plan = inventory_plan(workspace=job.workspace, table=table)
    except InventoryInvalid as exc:
        raise ValueError("; ".join(exc.messages[:10])) from None
    result = inventory_import(
        workspace=job.workspace,
        plan=plan,
        imported_by=job.requested_by,
        report_progress=report_progress,
    )
    activity_record(
        workspace=job.workspace,
        actor=job.requested_by,
        kind="import",
        summary=f"{job.params['filename']}: {result.message}",
        file_name=job.params["filename"],
        counts=asdict(result),
    )
    report_progress(95, "Updating what depends on the functions…")
    functions_imported(job.workspace)  # e.g. projected savings (outsourcing.hooks)
    return JobOutput(message=result.message)
