"""Bringing a client's inventory in (upload, preview, confirm) and taking it out."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assessments.inventory.columns import INPUT_COLUMNS
from assessments.inventory.exporter import inventory_template
from assessments.inventory.services import inventory_upload
from outsourcing.access import workspace_view
from outsourcing.imports.preview import import_upload_checked
from outsourcing.models import Job, Role
from outsourcing.selectors import job_get
from outsourcing.services.jobs import job_confirm, job_discard, job_start

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class InventoryUploadForm(forms.Form):
    file = forms.FileField(
        label="Inventory file (.xlsx or .csv)",
        allow_empty_file=True,  # the reader says “The file is empty.” like its other refusals
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv", "autofocus": True}),
    )


def _format(value: str | None) -> str:
    if value not in FORMATS:
        raise Http404("Unknown file format.")
    return value


@workspace_view(min_role=Role.EDITOR)
def function_import(request):
    form = InventoryUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job, problems = import_upload_checked(
            lambda: inventory_upload(
                workspace=request.workspace,
                uploaded_by=request.user,
                filename=upload.name,
                data=upload.read(),
            )
        )
        if job is not None:
            return redirect("import_preview", slug=request.workspace.slug, pk=job.pk)
    return render(
        request,
        "assessments/function_import.html",
        {
            "form": form,
            "problems": problems,
            "problem_count": len(problems),
            "input_columns": INPUT_COLUMNS,
            "max_rows": f"{settings.IMPORT_MAX_ROWS:,}",
            "max_mb": f"{settings.IMPORT_MAX_BYTES / 1024 / 1024:g}",
        },
        status=400 if problems or form.errors else 200,
    )


def _preview_job(request, pk: int) -> Job:
    job = job_get(workspace=request.workspace, pk=pk)
    if job.kind != Job.Kind.IMPORT_FUNCTIONS:
        raise Http404("No such import.")
    return job


@workspace_view(min_role=Role.EDITOR)
def import_preview(request, pk: int):
    job = _preview_job(request, pk)
    if job.status != Job.Status.PREVIEW:
        return redirect("job_detail", slug=request.workspace.slug, pk=job.pk)
    return render(request, "assessments/import_preview.html", {"job": job})


@workspace_view(min_role=Role.EDITOR)
@require_POST
def import_confirm(request, pk: int):
    job = _preview_job(request, pk)
    if not job_confirm(job=job):
        messages.info(request, "This import was already started.")
    return redirect("job_detail", slug=request.workspace.slug, pk=job.pk)


@workspace_view(min_role=Role.EDITOR)
@require_POST
def import_cancel(request, pk: int):
    job = _preview_job(request, pk)
    if job.status == Job.Status.PREVIEW:
        job_discard(job=job)
        messages.info(request, "Import cancelled; nothing was changed.")
    return redirect("function_list", slug=request.workspace.slug)


@workspace_view()
def import_template(request):
    file_format = _format(request.GET.get("format", "xlsx"))
    response = HttpResponse(inventory_template(file_format=file_format), FORMATS[file_format])
    response["Content-Disposition"] = (
        f'attachment; filename="sourcewise-inventory-template.{file_format}"'
    )
    return response


@workspace_view()
@require_POST
def functions_export(request):
    job = job_start(
        workspace=request.workspace,
        kind=Job.Kind.EXPORT_FUNCTIONS,
        requested_by=request.user,
        params={"format": _format(request.POST.get("format", "csv"))},
    )
    return redirect("job_detail", slug=request.workspace.slug, pk=job.pk)
