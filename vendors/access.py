"""Who may change the shared catalog: catalog curators (a group) and superusers.

Curators need not belong to any workspace: the catalog is not a tenant's data.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

CURATORS_GROUP = "Catalog curators"
NOT_A_CURATOR = "Only catalog curators can change the vendor catalog."


def is_curator(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: a page asks several times (nav, buttons, the view).
    cached = getattr(user, "_is_catalog_curator", None)
    if cached is None:
        cached = user.groups.filter(name=CURATORS_GROUP).exists()
        user._is_catalog_curator = cached
    return cached


def curator_required(view):
    """Anonymous visitors go to sign-in; signed-in people who are not curators get 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_curator(request.user):
            raise PermissionDenied(NOT_A_CURATOR)
        return view(request, *args, **kwargs)

    return wrapped
