"""Catalog import (upload → dry-run preview → confirm) and export, for curators.

The import is the one pipeline's flow (`outsourcing.imports`): a file with any problem is
refused on the upload page and nothing is kept; a clean one becomes a job awaiting
confirmation whose preview lists what it would create and update.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outsourcing.imports.preview import import_upload_checked
from outsourcing.models import Job
from outsourcing.selectors import catalog_job_get
from outsourcing.services.jobs import job_confirm, job_discard, job_recover_if_lost, job_retry
from outsourcing.views.helpers import render_job
from vendors.access import curator_required
from vendors.forms import CatalogUploadForm
from vendors.selectors.catalog import catalog_preview_get
from vendors.selectors.export import catalog_export_file
from vendors.services.catalog_import import catalog_import, catalog_upload, catalog_upload_files


@curator_required
def catalog_import_upload(request):
    form = CatalogUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        job, problems = import_upload_checked(
            lambda: catalog_upload(uploaded_by=request.user, files=files)
        )
        if job is not None:
            return redirect("vendors:catalog_import_preview", job_pk=job.pk)
    return render(
        request,
        "vendors/import_upload.html",
        {"form": form, "problems": problems},
        status=400 if problems or form.errors else 200,
    )


@curator_required
def catalog_import_preview(request, job_pk: int):
    """The dry run: what the upload would create and update. Writes nothing."""
    job = catalog_preview_get(pk=job_pk, requested_by=request.user)
    if job.status != Job.Status.PREVIEW:
        return redirect(job)
    plan = catalog_import(files=catalog_upload_files(job), user=request.user, dry_run=True)
    return render(request, "vendors/import_preview.html", {"job": job, "plan": plan})


@curator_required
@require_POST
def catalog_import_commit(request, job_pk: int):
    """Queue the import; a large catalog takes a while, so the curator watches a job."""
    job = catalog_preview_get(pk=job_pk, requested_by=request.user)
    if not job_confirm(job=job):
        messages.info(request, "This import was already started.")
    return redirect(job)


@curator_required
@require_POST
def catalog_import_cancel(request, job_pk: int):
    job = catalog_preview_get(pk=job_pk, requested_by=request.user)
    if job.status == Job.Status.PREVIEW:
        job_discard(job=job)
        messages.info(request, "Import cancelled; nothing was changed.")
    return redirect("vendors:catalog_import")


@curator_required
def catalog_job(request, pk: int):
    job = job_recover_if_lost(job=catalog_job_get(pk=pk))
    retry_url = reverse("vendors:catalog_job_retry", args=[job.pk]) if job.can_retry else None
    return render_job(request, job, retry_url=retry_url)


@curator_required
@require_POST
def catalog_job_retry(request, pk: int):
    if job_retry(job=catalog_job_get(pk=pk)):
        messages.success(request, "Started again.")
    return redirect("vendors:catalog_job", pk=pk)


@curator_required
def catalog_export(request):
    file_format = request.GET.get("format", "xlsx")
    if file_format not in ("xlsx", "csv"):
        raise Http404("Unknown export format.")
    filename, content_type, content = catalog_export_file(file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
