from django.urls import reverse

from outsourcing.models import Job
from tests.factories import BusinessFunctionFactory, JobFactory


def test_a_viewer_exports_polls_and_downloads(
    api_as, workspace, viewer, django_capture_on_commit_callbacks
):
    BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    client = api_as(viewer)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("api:exports", args=[workspace.slug]), {"format": "csv"}, format="json"
        )
    assert started.status_code == 202, started.json()
    job = started.json()
    assert job["kind"] == "export_functions"
    polled = client.get(job["url"]).json()  # eager Celery: already done
    assert polled["status"] == "succeeded"
    assert polled["progress"] == 100
    download = client.get(polled["download_url"])
    assert download.status_code == 200
    assert b"Payroll processing" in b"".join(download.streaming_content)


def test_an_unknown_export_format_is_refused(api_as, workspace, viewer):
    response = api_as(viewer).post(
        reverse("api:exports", args=[workspace.slug]), {"format": "pdf"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "format"
    assert not Job.objects.filter(workspace=workspace).exists()


def test_downloading_an_unfinished_job_is_a_409_problem(api_as, workspace, viewer):
    job = JobFactory(workspace=workspace, status=Job.Status.RUNNING, progress=40)
    client = api_as(viewer)
    assert (
        client.get(reverse("api:job_detail", args=[workspace.slug, job.pk])).json()["download_url"]
        is None
    )
    response = client.get(reverse("api:job_download", args=[workspace.slug, job.pk]))
    assert response.status_code == 409
    assert response.json()["type"] == "/api/v1/problems/job-not-finished"
