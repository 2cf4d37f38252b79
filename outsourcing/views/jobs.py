from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from outsourcing.access import workspace_view
from outsourcing.models import Job
from outsourcing.selectors import job_get
from outsourcing.services.jobs import job_start
from outsourcing.tasks import export_functions

EXPORT_FORMATS = ("csv", "xlsx")


@workspace_view()
@require_POST
def functions_export(request):
    file_format = request.POST.get("format", "csv")
    if file_format not in EXPORT_FORMATS:
        raise Http404("Unknown export format.")
    job = job_start(
        workspace=request.workspace,
        kind=Job.Kind.EXPORT_FUNCTIONS,
        requested_by=request.user,
        task=export_functions,
        params={"format": file_format},
    )
    return redirect("job_detail", slug=request.workspace.slug, pk=job.pk)


@workspace_view()
def job_detail(request, pk: int):
    """The job's progress; htmx polls the same URL for the status card alone."""
    job = job_get(workspace=request.workspace, pk=pk)
    template = (
        "outsourcing/_job_status.html"
        if request.headers.get("HX-Request")
        else "outsourcing/job_detail.html"
    )
    return render(request, template, {"job": job})


@workspace_view()
def job_download(request, pk: int):
    job = job_get(workspace=request.workspace, pk=pk)
    if job.status != Job.Status.SUCCEEDED or not job.result_file:
        return redirect("job_detail", slug=request.workspace.slug, pk=job.pk)
    return FileResponse(
        job.result_file.open("rb"),
        as_attachment=True,
        filename=job.result_file.name.rsplit("/", 1)[-1],
    )
