from django.utils.functional import SimpleLazyObject

from outsourcing.selectors import memberships_for_user


def workspaces(request):
    """The current workspace (set by workspace_view) and the user's others, for the navbar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "workspace": getattr(request, "workspace", None),
        "membership": getattr(request, "membership", None),
        "my_memberships": SimpleLazyObject(lambda: list(memberships_for_user(user=user))),
    }
