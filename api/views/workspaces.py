from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from api.serializers.workspaces import WorkspaceSerializer
from api.views.base import WorkspaceApiView
from outsourcing.selectors import memberships_for_user


class WorkspaceList(GenericAPIView):
    serializer_class = WorkspaceSerializer

    @extend_schema(
        summary="The workspaces you are a member of",
        responses=WorkspaceSerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(memberships_for_user(user=request.user))
        return self.get_paginated_response(WorkspaceSerializer(page, many=True).data)


class WorkspaceDetail(WorkspaceApiView):
    serializer_class = WorkspaceSerializer

    @extend_schema(summary="One of your workspaces, and your role in it")
    def get(self, request, slug):
        return Response(WorkspaceSerializer(self.membership).data)
