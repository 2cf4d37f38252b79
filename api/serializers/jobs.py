from django.urls import reverse
from rest_framework import serializers

from outsourcing.models import Job


class JobSerializer(serializers.ModelSerializer):
    """Long work the server does in the background: poll `url` until it is finished."""

    url = serializers.SerializerMethodField(help_text="Where to poll this job.")
    download_url = serializers.SerializerMethodField(
        help_text="Where to fetch the result file, once the job has succeeded."
    )

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "status",
            "progress",
            "message",
            "created_at",
            "started_at",
            "finished_at",
            "url",
            "download_url",
        ]

    def get_url(self, job: Job) -> str:
        return reverse("api:job_detail", args=[job.workspace.slug, job.pk])

    def get_download_url(self, job: Job) -> str | None:
        if job.status != Job.Status.SUCCEEDED or not job.result_file:
            return None
        return reverse("api:job_download", args=[job.workspace.slug, job.pk])


class ExportSerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=["csv", "xlsx"], default="csv")
