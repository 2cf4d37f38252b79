"""Import a catalog file: all or nothing, with a dry run that writes nothing.

Rows are written with bulk inserts and updates (a 5,000-vendor catalog in seconds, not
minutes), each with its history record, attributed to the importing user with the change
reason "Catalog import".
"""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from outsourcing.imports.plan import ImportInvalid, Problem
from outsourcing.imports.preview import import_preview_create, import_preview_source
from outsourcing.models import Job
from outsourcing.services.jobs import JobOutput, ProgressFn
from vendors.catalog_io.files import (
    UploadedFiles,
    pack_files,
    read_catalog_files,
    unpack_files,
)
from vendors.catalog_io.plan import ImportPlan
from vendors.catalog_io.planner import catalog_plan
from vendors.models import (
    Certification,
    DeliveryCentre,
    Offering,
    RateCard,
    Vendor,
)

BATCH_SIZE = 500
CHANGE_REASON = "Catalog import"
CHILD_MODELS = {
    "offerings": Offering,
    "centres": DeliveryCentre,
    "certifications": Certification,
    "rates": RateCard,
}


def catalog_import(*, files: UploadedFiles, user=None, dry_run: bool = False) -> ImportPlan:
    """Validate the uploaded catalog files and, unless `dry_run`, write them.

    Returns the plan: what was (or would be) created, updated, left unchanged and
    rejected, with every problem named by kind, row and column. Nothing is written when
    any row is rejected or any file is unreadable; `plan.applied` says whether it was.
    """
    tables = read_catalog_files(files)
    with transaction.atomic():
        # Planned inside the transaction that writes, so the commit acts on the catalog
        # it validated against, not on the one the preview saw minutes ago.
        plan = catalog_plan(tables)
        if dry_run or not plan.is_valid:
            return plan
        _write(plan, user=user)
        plan.applied = True
    return plan


def _write(plan: ImportPlan, *, user) -> None:
    history = {"default_user": user, "default_change_reason": CHANGE_REASON}
    now = timezone.now()
    new_vendor_ids: dict[str, int] = {}
    vendors = plan.kinds.get("vendors")
    if vendors is not None:
        created = bulk_create_with_history(
            vendors.creates, Vendor, batch_size=BATCH_SIZE, **history
        )
        new_vendor_ids = {vendor.name_key: vendor.pk for vendor in created}
        if vendors.updates:
            for vendor in vendors.updates:
                vendor.updated_at = now
            bulk_update_with_history(
                vendors.updates,
                Vendor,
                fields=sorted(vendors.update_fields | {"updated_at"}),
                batch_size=BATCH_SIZE,
                **history,
            )
    for kind_name, model in CHILD_MODELS.items():
        kind_plan = plan.kinds.get(kind_name)
        if kind_plan is None:
            continue
        for record in kind_plan.creates:
            vendor_key = getattr(record, "_vendor_key", None)
            if vendor_key is not None:
                record.vendor_id = new_vendor_ids[vendor_key]
        bulk_create_with_history(kind_plan.creates, model, batch_size=BATCH_SIZE, **history)
        if kind_plan.updates:
            bulk_update_with_history(
                kind_plan.updates,
                model,
                fields=sorted(kind_plan.update_fields),
                batch_size=BATCH_SIZE,
                **history,
            )


def catalog_upload(*, uploaded_by, files: UploadedFiles) -> Job:
    """Check uploaded catalog files and keep them for the curator's go-ahead.

    Raises ImportInvalid listing every problem (the file's and each rejected row's), and
    then keeps nothing; otherwise returns a catalog job awaiting confirmation.
    """
    plan = catalog_import(files=files, user=uploaded_by, dry_run=True)
    if not plan.is_valid:
        raise ImportInvalid([Problem(error) for error in plan.errors])
    names = ", ".join(name for name, _ in files)
    return import_preview_create(
        workspace=None,
        kind=Job.Kind.IMPORT_CATALOG,
        requested_by=uploaded_by,
        filename="catalog-upload.zip",
        data=pack_files(files),
        params={"filenames": names[:500], "totals": plan.totals},
    )


def catalog_upload_files(job: Job) -> UploadedFiles:
    """The files a catalog preview job keeps."""
    return unpack_files(import_preview_source(job))


def catalog_import_work(job: Job, report_progress: ProgressFn) -> JobOutput:
    """The confirmed catalog import, all or nothing.

    The files are checked again against the catalog as it is now; if anything is rejected
    the job fails with the reasons and the catalog is untouched.
    """
    report_progress(10, "Checking the files against the catalog…")
    plan = catalog_import(files=catalog_upload_files(job), user=job.requested_by)
    if not plan.applied:
        shown = "; ".join(plan.errors[:10])
        more = f" … and {len(plan.errors) - 10:,} more" if len(plan.errors) > 10 else ""
        raise ValueError(f"nothing was imported: {shown}{more}")
    totals = plan.totals
    return JobOutput(
        message=(
            f"Catalog imported: {totals.get('create', 0):,} created, "
            f"{totals.get('update', 0):,} updated, {totals.get('unchanged', 0):,} unchanged."
        )
    )
