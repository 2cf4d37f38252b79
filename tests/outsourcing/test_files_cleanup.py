"""Uploaded inventories and generated exports are deleted after FILES_KEEP_DAYS."""

import os
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from outsourcing.models import Job
from outsourcing.services.files import files_cleanup
from tests.factories import JobFactory


def _job_with_files(workspace, status, days_ago: int) -> Job:
    job = JobFactory(workspace=workspace, status=status)
    job.source_file.save("inventory.csv", ContentFile(b"name\nPayroll\n"), save=False)
    job.result_file.save("export.csv", ContentFile(b"name\nPayroll\n"), save=False)
    job.finished_at = timezone.now() - timedelta(days=days_ago)
    job.save()
    return job


def test_old_job_files_are_deleted_and_the_job_page_says_so(
    client_for, workspace, viewer, settings
):
    old = _job_with_files(workspace, Job.Status.SUCCEEDED, settings.FILES_KEEP_DAYS + 1)
    recent = _job_with_files(workspace, Job.Status.SUCCEEDED, settings.FILES_KEEP_DAYS - 1)
    old_paths = [old.source_file.name, old.result_file.name]

    result = files_cleanup()

    assert result.files_deleted == 2
    assert not any(default_storage.exists(path) for path in old_paths)
    old.refresh_from_db()
    assert not old.result_file and not old.source_file
    recent.refresh_from_db()
    assert default_storage.exists(recent.result_file.name)
    page = client_for(viewer).get(old.get_absolute_url()).content.decode()
    assert "The file is no longer kept" in page


def test_unconfirmed_import_previews_are_discarded(workspace, settings):
    preview = JobFactory(workspace=workspace, status=Job.Status.PREVIEW)
    preview.source_file.save("inventory.csv", ContentFile(b"name\n"), save=True)
    Job.objects.filter(pk=preview.pk).update(
        created_at=timezone.now() - timedelta(days=settings.FILES_KEEP_DAYS + 1)
    )
    assert files_cleanup().previews_discarded == 1
    assert not Job.objects.filter(pk=preview.pk).exists()
    assert not default_storage.exists(preview.source_file.name)


def test_old_files_no_job_refers_to_are_deleted(workspace, settings):
    stray = default_storage.save("jobs/2020/01/orphan.csv", ContentFile(b"x"))
    fresh = default_storage.save("jobs/2020/01/fresh.csv", ContentFile(b"x"))
    long_ago = time.time() - (settings.FILES_KEEP_DAYS + 1) * 86400
    os.utime(default_storage.path(stray), (long_ago, long_ago))

    call_command("cleanup_files")

    assert not default_storage.exists(stray)
    assert default_storage.exists(fresh)


def test_the_clean_up_and_the_job_sweep_are_scheduled_on_real_tasks(settings):
    from outsourcing.celery import app

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {"files-cleanup", "jobs-sweep"} <= set(schedule)
    for entry in schedule.values():
        assert entry["task"] in app.tasks, f"beat names a task that does not exist: {entry}"
