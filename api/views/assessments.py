from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from api.serializers.assessments import (
    AssessmentCreateSerializer,
    AssessmentResultSerializer,
    AssessmentSerializer,
)
from api.views.base import WorkspaceApiView
from assessments.models import FACTOR_FIELDS
from assessments.selectors import function_assessments, function_result
from assessments.services import assessment_create
from outsourcing.selectors import function_get


def _result(function) -> dict:
    result = function_result(function=function)
    return {
        "assessment": result.latest,
        "weight_intervals": result.intervals,
        "robustness": result.robustness,
    }


class FunctionAssessments(WorkspaceApiView):
    serializer_class = AssessmentSerializer

    @extend_schema(
        summary="A function's assessments, newest first (its history)",
        responses=AssessmentSerializer(many=True),
    )
    def get(self, request, slug, pk):
        function = function_get(workspace=self.workspace, pk=pk)
        page = self.paginate_queryset(function_assessments(function=function))
        return self.get_paginated_response(AssessmentSerializer(page, many=True).data)

    @extend_schema(
        summary="Assess a function: rate it and get the scored result",
        description="Rates the eight factors (1–5), scores them with the workspace's weights "
        "and makes this the function's current assessment. The answer is the result as the "
        "function page shows it: scores, recommendation, explanation, contributions, the "
        "close call, and the weight intervals that keep the recommendation.",
        request=AssessmentCreateSerializer,
        responses={201: AssessmentResultSerializer},
    )
    def post(self, request, slug, pk):
        function = function_get(workspace=self.workspace, pk=pk)
        serializer = AssessmentCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment_create(
            function=function,
            ratings={name: data[name] for name in FACTOR_FIELDS},
            assessor=request.user,
            notes=data["notes"],
        )
        function = function_get(workspace=self.workspace, pk=pk)
        return Response(
            AssessmentResultSerializer(_result(function)).data, status=status.HTTP_201_CREATED
        )


class FunctionResult(WorkspaceApiView):
    serializer_class = AssessmentResultSerializer

    @extend_schema(summary="A function's current result, with its weight intervals")
    def get(self, request, slug, pk):
        function = function_get(workspace=self.workspace, pk=pk)
        if function.latest_assessment is None:
            raise exceptions.NotFound("This function has not been assessed yet.")
        return Response(AssessmentResultSerializer(_result(function)).data)
