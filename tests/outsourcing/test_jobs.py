"""Exports run as background jobs: queued on commit, run once, watched, downloaded."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from outsourcing.jobkinds import job_kind, workspace_job_url
from outsourcing.models import Job
from outsourcing.services.jobs import JobOutput, job_execute
from tests.factories import BusinessFunctionFactory, JobFactory


def _export(client, workspace, file_format, capture):
    with capture(execute=True):
        response = client.post(
            reverse("functions_export", args=[workspace.slug]), {"format": file_format}
        )
    job = Job.objects.get()
    assert response.url == reverse("job_detail", args=[workspace.slug, job.pk])
    job.refresh_from_db()
    return job


def test_viewer_exports_csv_with_formulas_neutralised(
    client_for, workspace, viewer, django_capture_on_commit_callbacks
):
    BusinessFunctionFactory(workspace=workspace, name='=HYPERLINK("http://evil")')
    BusinessFunctionFactory(workspace=workspace, name="Payroll processing", description="@SUM(A1)")
    client = client_for(viewer)
    job = _export(client, workspace, "csv", django_capture_on_commit_callbacks)
    assert job.status == Job.Status.SUCCEEDED
    assert job.message == "2 functions exported."

    download = client.get(reverse("job_download", args=[workspace.slug, job.pk]))
    rows = list(csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert [r["name"] for r in rows] == ['\'=HYPERLINK("http://evil")', "Payroll processing"]
    assert rows[1]["description"] == "'@SUM(A1)"


def test_xlsx_export_opens_in_a_spreadsheet(
    client_for, workspace, viewer, django_capture_on_commit_callbacks
):
    BusinessFunctionFactory(workspace=workspace, name="+cmd|' /C calc'!A0")
    client = client_for(viewer)
    job = _export(client, workspace, "xlsx", django_capture_on_commit_callbacks)
    download = client.get(reverse("job_download", args=[workspace.slug, job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sheet["A1"].value == "name"
    assert sheet["A2"].value == "'+cmd|' /C calc'!A0"
    assert sheet["A2"].data_type == "s"


def test_job_page_shows_progress_then_the_download(client_for, workspace, viewer):
    job = JobFactory(workspace=workspace, status=Job.Status.RUNNING, progress=40, message="Writing")
    client = client_for(viewer)
    page = client.get(reverse("job_detail", args=[workspace.slug, job.pk])).content.decode()
    assert "40%" in page
    assert 'hx-trigger="every 1s"' in page

    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED)
    partial = client.get(
        reverse("job_detail", args=[workspace.slug, job.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "every 1s" not in partial
    assert "<html" not in partial


def test_a_job_runs_at_most_once(workspace):
    job = JobFactory(workspace=workspace)
    runs = []

    def work(job, report):
        runs.append(job.pk)
        return JobOutput(message="ok")

    assert job_execute(job_id=job.pk, work=work) is not None
    # The same task delivered again (a worker lost after finishing) finds the job claimed.
    assert job_execute(job_id=job.pk, work=work) is None
    assert runs == [job.pk]


def test_a_failing_job_says_why(workspace):
    job = JobFactory(workspace=workspace)

    def work(job, report):
        report(30, "Halfway")
        raise ValueError("the disk is full")

    job_execute(job_id=job.pk, work=work)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "It failed: the disk is full"
    assert job.progress == 30


def test_unknown_export_format_is_refused(client_for, workspace, viewer):
    response = client_for(viewer).post(
        reverse("functions_export", args=[workspace.slug]), {"format": "pdf"}
    )
    assert response.status_code == 404
    assert not Job.objects.exists()


@pytest.mark.parametrize("status", [Job.Status.QUEUED, Job.Status.FAILED])
def test_download_before_success_goes_back_to_the_job(client_for, workspace, viewer, status):
    job = JobFactory(workspace=workspace, status=status)
    response = client_for(viewer).get(reverse("job_download", args=[workspace.slug, job.pk]))
    assert response.url == reverse("job_detail", args=[workspace.slug, job.pk])


@pytest.mark.parametrize("kind", Job.Kind.values)
def test_every_job_kind_has_a_task_and_a_page(kind, workspace):
    # A kind no app registers could be started but never run, or shown with no page.
    registered = job_kind(kind)
    assert callable(registered.task.delay)
    # A kind with a page of its own (the catalog's) belongs to no workspace.
    owned = registered.page_url is workspace_job_url
    job = JobFactory(workspace=workspace if owned else None, kind=kind)
    assert job.get_absolute_url().endswith(f"/{job.pk}/")


def test_a_catalog_job_page_is_the_curators_and_a_workspace_job_page_is_the_workspaces(
    workspace,
):
    catalog_job = JobFactory(workspace=None, kind=Job.Kind.IMPORT_CATALOG)
    rescore = JobFactory(workspace=workspace, kind=Job.Kind.RESCORE)
    assert catalog_job.get_absolute_url() == reverse("vendors:catalog_job", args=[catalog_job.pk])
    assert rescore.get_absolute_url() == reverse("job_detail", args=[workspace.slug, rescore.pk])
