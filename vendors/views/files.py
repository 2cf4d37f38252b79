"""Catalog import (upload → dry-run preview → confirm) and export, for curators."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from outsourcing.models import Job
from outsourcing.selectors import catalog_job_get
from outsourcing.services.jobs import job_start
from outsourcing.views.helpers import render_job
from vendors.access import curator_required
from vendors.catalog_io.files import unpack_files
from vendors.forms import CatalogUploadForm
from vendors.models import CatalogUpload
from vendors.selectors.catalog import catalog_upload_get
from vendors.selectors.export import catalog_export_file
from vendors.services.catalog_import import catalog_import, catalog_upload_create
from vendors.tasks import import_catalog


@curator_required
def catalog_import_upload(request):
    form = CatalogUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = catalog_upload_create(
            uploaded_by=request.user,
            files=[(f.name, f.read()) for f in form.cleaned_data["files"]],
        )
        return redirect("vendors:catalog_import_preview", token=upload.token)
    return render(request, "vendors/import_upload.html", {"form": form})


def _upload_of(request, token) -> CatalogUpload:
    return catalog_upload_get(token=token, uploaded_by=request.user)


@curator_required
def catalog_import_preview(request, token):
    """The dry run: what the upload would create, update and reject. Writes nothing."""
    upload = _upload_of(request, token)
    plan = catalog_import(files=unpack_files(upload.bundle), user=request.user, dry_run=True)
    return render(request, "vendors/import_preview.html", {"upload": upload, "plan": plan})


@curator_required
@require_POST
def catalog_import_commit(request, token):
    """Queue the import; a large catalog takes a while, so the curator watches a job."""
    upload = _upload_of(request, token)
    job = job_start(
        workspace=None,
        kind=Job.Kind.IMPORT_CATALOG,
        requested_by=request.user,
        task=import_catalog,
        params={"token": str(upload.token), "filenames": upload.filenames},
    )
    return redirect(job)


@curator_required
def catalog_job(request, pk: int):
    return render_job(request, catalog_job_get(pk=pk))


@curator_required
def catalog_export(request):
    file_format = request.GET.get("format", "xlsx")
    if file_format not in ("xlsx", "csv"):
        raise Http404("Unknown export format.")
    filename, content_type, content = catalog_export_file(file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
