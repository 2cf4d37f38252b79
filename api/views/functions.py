from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from api.serializers.functions import BusinessFunctionSerializer, BusinessFunctionWriteSerializer
from api.views.base import WorkspaceApiView
from outsourcing.filters import BusinessFunctionFilter
from outsourcing.models import BusinessFunction
from outsourcing.selectors import function_filterset, function_get, function_name_taken
from outsourcing.services.functions import function_create, function_set_archived, function_update


class FunctionFilterBackend(DjangoFilterBackend):
    """The function list page's FilterSet (search, filters, sort) on the API's query string."""

    def get_filterset_class(self, view, queryset=None):
        return BusinessFunctionFilter

    def get_filterset(self, request, queryset, view):
        return function_filterset(workspace=view.workspace, data=request.query_params)


def _details(view, function: BusinessFunction | None, data, *, partial: bool) -> dict:
    """Validated details for the create/update service; the name rule is the form's."""
    serializer = BusinessFunctionWriteSerializer(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    details = {}
    if function is not None:
        # A PATCH changes what it names and keeps the rest.
        details = {
            "name": function.name,
            "department": function.department.name if function.department else "",
            "description": function.description,
            "annual_cost": function.annual_cost,
            "fte": function.fte,
            "monthly_volume": function.monthly_volume,
            "service_line": function.service_line,
            "current_sourcing": function.current_sourcing,
        }
    details.update(serializer.validated_data)
    name = " ".join(details["name"].split())
    if not name:
        raise exceptions.ValidationError({"name": ["Give the function a name."]})
    if function_name_taken(
        workspace=view.workspace, name=name, exclude_pk=function.pk if function else None
    ):
        raise exceptions.ValidationError(
            {"name": [f"“{name}” already exists in this workspace (names are not case-sensitive)."]}
        )
    return details


class FunctionList(WorkspaceApiView):
    serializer_class = BusinessFunctionSerializer
    filter_backends = [FunctionFilterBackend]
    # Names the model for the schema; the backend reads the workspace's functions through
    # `function_filterset`, and an empty default can never leak another workspace's rows.
    queryset = BusinessFunction.objects.none()

    @extend_schema(
        summary="The workspace's business functions",
        responses=BusinessFunctionSerializer(many=True),
        description="The same search (`q`), filters and sort as the function list page; "
        "active functions unless `status` says otherwise.",
    )
    def get(self, request, slug):
        functions = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(functions)
        return self.get_paginated_response(BusinessFunctionSerializer(page, many=True).data)

    @extend_schema(
        summary="Add a business function",
        request=BusinessFunctionWriteSerializer,
        responses={201: BusinessFunctionSerializer},
    )
    def post(self, request, slug):
        details = _details(self, None, request.data, partial=False)
        function = function_create(workspace=self.workspace, **details)
        return Response(BusinessFunctionSerializer(function).data, status=status.HTTP_201_CREATED)


class FunctionDetail(WorkspaceApiView):
    serializer_class = BusinessFunctionSerializer

    @extend_schema(summary="One business function")
    def get(self, request, slug, pk):
        function = function_get(workspace=self.workspace, pk=pk)
        return Response(BusinessFunctionSerializer(function).data)

    @extend_schema(
        summary="Replace a function's details",
        request=BusinessFunctionWriteSerializer,
        responses=BusinessFunctionSerializer,
    )
    def put(self, request, slug, pk):
        return self._update(request, pk, partial=False)

    @extend_schema(
        summary="Change some of a function's details",
        request=BusinessFunctionWriteSerializer,
        responses=BusinessFunctionSerializer,
    )
    def patch(self, request, slug, pk):
        return self._update(request, pk, partial=True)

    def _update(self, request, pk, *, partial):
        function = function_get(workspace=self.workspace, pk=pk)
        details = _details(self, function if partial else None, request.data, partial=partial)
        function = function_update(function=function, **details)
        return Response(BusinessFunctionSerializer(function).data)


class FunctionArchive(WorkspaceApiView):
    serializer_class = BusinessFunctionSerializer
    archived = True

    @extend_schema(request=None, summary="Archive a function (it leaves lists and the portfolio)")
    def post(self, request, slug, pk):
        function = function_set_archived(
            function=function_get(workspace=self.workspace, pk=pk), archived=self.archived
        )
        return Response(BusinessFunctionSerializer(function).data)


class FunctionRestore(FunctionArchive):
    archived = False

    @extend_schema(request=None, summary="Restore an archived function")
    def post(self, request, slug, pk):
        return super().post(request, slug, pk)
