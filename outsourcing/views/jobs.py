from django.http import FileResponse
from django.shortcuts import redirect

from outsourcing.access import workspace_view
from outsourcing.models import Job
from outsourcing.selectors import job_get
from outsourcing.views.helpers import render_job


@workspace_view()
def job_detail(request, pk: int):
    job = job_get(workspace=request.workspace, pk=pk)
    if job.status == Job.Status.PREVIEW:
        return redirect("import_preview", slug=request.workspace.slug, pk=job.pk)
    return render_job(request, job)


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
