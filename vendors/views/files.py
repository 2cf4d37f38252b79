"""Catalog import (upload → dry-run preview → confirm) and export, for curators."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vendors.access import curator_required
from vendors.catalog_io.files import pack_files, unpack_files
from vendors.forms import CatalogUploadForm
from vendors.models import CatalogUpload
from vendors.selectors.export import catalog_export_file
from vendors.services.catalog_import import catalog_import

# An upload waits this long for the curator's go-ahead before it is swept away.
UPLOAD_KEPT_FOR = timedelta(days=1)


@curator_required
def catalog_import_upload(request):
    form = CatalogUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        CatalogUpload.objects.filter(created_at__lt=timezone.now() - UPLOAD_KEPT_FOR).delete()
        upload = CatalogUpload.objects.create(
            uploaded_by=request.user,
            filenames=", ".join(name for name, _ in files)[:500],
            bundle=pack_files(files),
        )
        return redirect("vendors:catalog_import_preview", token=upload.token)
    return render(request, "vendors/import_upload.html", {"form": form})


def _upload_of(request, token) -> CatalogUpload:
    # Another curator's upload is not yours to commit: 404, as for a stranger's object.
    return get_object_or_404(CatalogUpload, token=token, uploaded_by=request.user)


@curator_required
def catalog_import_preview(request, token):
    """The dry run: what the upload would create, update and reject. Writes nothing."""
    upload = _upload_of(request, token)
    plan = catalog_import(files=unpack_files(upload.bundle), user=request.user, dry_run=True)
    return render(request, "vendors/import_preview.html", {"upload": upload, "plan": plan})


@curator_required
@require_POST
def catalog_import_commit(request, token):
    upload = _upload_of(request, token)
    plan = catalog_import(files=unpack_files(upload.bundle), user=request.user, dry_run=False)
    if not plan.applied:
        messages.error(
            request,
            "Nothing was imported: the file has problems (listed below). Fix them "
            "and upload it again.",
        )
        return render(request, "vendors/import_preview.html", {"upload": upload, "plan": plan})
    upload.delete()
    totals = plan.totals
    messages.success(
        request,
        f"Catalog imported: {totals.get('create', 0):,} created, {totals.get('update', 0):,} "
        f"updated, {totals.get('unchanged', 0):,} unchanged.",
    )
    return redirect("vendors:vendor_list")


@curator_required
def catalog_export(request):
    file_format = request.GET.get("format", "xlsx")
    if file_format not in ("xlsx", "csv"):
        raise Http404("Unknown export format.")
    filename, content_type, content = catalog_export_file(file_format=file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
