from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.problems import Problem
from api.serializers.jobs import ExportSerializer, JobSerializer
from api.views.base import WorkspaceApiView
from outsourcing.models import Job, Role
from outsourcing.selectors import job_get
from outsourcing.services.jobs import job_start


class Exports(WorkspaceApiView):
    serializer_class = JobSerializer
    write_role = Role.VIEWER  # viewers read and export, as on the pages

    @extend_schema(
        summary="Start an export of the functions with their current results",
        description="Answers at once with the job; poll its `url` until `status` is "
        "`succeeded`, then fetch `download_url`.",
        request=ExportSerializer,
        responses={202: JobSerializer},
    )
    def post(self, request, slug):
        serializer = ExportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = job_start(
            workspace=self.workspace,
            kind=Job.Kind.EXPORT_FUNCTIONS,
            requested_by=request.user,
            params={"format": serializer.validated_data["format"]},
        )
        return Response(JobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class JobDetail(WorkspaceApiView):
    serializer_class = JobSerializer

    @extend_schema(summary="A background job's progress")
    def get(self, request, slug, pk):
        return Response(JobSerializer(job_get(workspace=self.workspace, pk=pk)).data)


class JobDownload(WorkspaceApiView):
    extra_error_codes = ["409"]

    @extend_schema(
        summary="The file a finished job produced",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file (CSV or XLSX)."
            )
        },
    )
    def get(self, request, slug, pk):
        job = job_get(workspace=self.workspace, pk=pk)
        if job.status != Job.Status.SUCCEEDED or not job.result_file:
            raise Problem(
                status_code=status.HTTP_409_CONFLICT,
                slug="job-not-finished",
                title="The job has no file yet",
                detail=f"The job is {job.get_status_display().lower()}; "
                "its file can be fetched once it has succeeded.",
            )
        return FileResponse(
            job.result_file.open("rb"),
            as_attachment=True,
            filename=job.result_file.name.rsplit("/", 1)[-1],
            content_type="application/octet-stream",
        )
