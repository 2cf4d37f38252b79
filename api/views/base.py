"""What every API view shares: the workspace and role check the pages use."""

from rest_framework.generics import GenericAPIView
from rest_framework.permissions import SAFE_METHODS

from outsourcing.access import workspace_membership
from outsourcing.models import Role


class WorkspaceApiView(GenericAPIView):
    """A view of one workspace's data, under /api/v1/workspaces/<slug>/.

    After authentication, the URL's workspace is resolved through the same check as the
    pages' `workspace_view`: not a member → 404, a member short of the role → 403. Reads
    need `read_role`, writes `write_role`. The view gets `self.workspace` and
    `self.membership`, and every query it makes goes through a selector taking them.
    """

    read_role = Role.VIEWER
    write_role = Role.EDITOR

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        role = self.read_role if request.method in SAFE_METHODS else self.write_role
        self.membership = workspace_membership(
            user=request.user, slug=kwargs["slug"], min_role=role
        )
        self.workspace = self.membership.workspace
