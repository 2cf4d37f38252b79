"""Who may see and change a workspace: one decorator every workspace view wears."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from outsourcing.models import Membership, Role, User
from outsourcing.selectors import membership_get

ROLE_NEEDED = {
    Role.VIEWER: "",
    Role.EDITOR: "Only editors and owners of this workspace can do that.",
    Role.OWNER: "Only owners of this workspace can do that.",
}


def workspace_membership(*, user: User, slug: str, min_role: str = Role.VIEWER) -> Membership:
    """The user's membership of the workspace `slug` if it has `min_role`, or refuse.

    Someone who is not a member gets 404 (we do not confirm that the workspace exists); a
    member without the role gets 403. The pages (`workspace_view`) and the REST API both
    decide through here.
    """
    membership = membership_get(user=user, slug=slug)
    if not membership.has_role(min_role):
        raise PermissionDenied(ROLE_NEEDED[min_role])
    return membership


def workspace_view(min_role: str = Role.VIEWER):
    """Resolve the URL's workspace for a member of it, or refuse.

    Anonymous visitors go to sign-in; someone who is not a member gets 404 (we do not
    confirm that the workspace exists); a member without `min_role` gets 403. The view
    receives the workspace and membership as `request.workspace` and `request.membership`
    and no `slug` argument.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, slug, *args, **kwargs):
            membership = workspace_membership(user=request.user, slug=slug, min_role=min_role)
            request.workspace = membership.workspace
            request.membership = membership
            if request.session.get("last_workspace") != slug:
                request.session["last_workspace"] = slug  # where "home" takes them next time
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def sign_in_username(request, credentials: dict | None) -> str:
    """The email a sign-in attempt was for, as django-axes counts failures: in any case
    and with stray spaces it is the same account, so varying them does not dodge the limit."""
    # Axes passes the credentials when it has them, else only the request.
    source = credentials if credentials is not None else request.POST
    return " ".join((source.get("username") or "").split()).lower()
