from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from outsourcing.access import workspace_view
from outsourcing.models import Job, Role
from outsourcing.selectors import job_get
from outsourcing.services.jobs import job_recover_if_lost, job_retry
from outsourcing.views.helpers import render_job


@workspace_view()
def job_detail(request, pk: int):
    job = job_get(workspace=request.workspace, pk=pk)
    if job.status == Job.Status.PREVIEW:
        return redirect("import_preview", slug=request.workspace.slug, pk=job.pk)
    job = job_recover_if_lost(job=job)
    retry_url = None
    if job.can_retry and _may_retry(request, job):
        retry_url = reverse("job_retry", args=[request.workspace.slug, job.pk])
    return render_job(request, job, retry_url=retry_url)


def _may_retry(request, job: Job) -> bool:
    # Whoever asked for it, or an editor or owner: a viewer may retry their own export.
    return job.requested_by_id == request.user.pk or request.membership.has_role(Role.EDITOR)


@workspace_view()
@require_POST
def job_retry_view(request, pk: int):
    job = job_get(workspace=request.workspace, pk=pk)
    if not _may_retry(request, job):
        raise PermissionDenied("Only the person who started it, or an editor, can retry this.")
    if job_retry(job=job):
        messages.success(request, "Started again.")
    return redirect("job_detail", slug=request.workspace.slug, pk=job.pk)


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
