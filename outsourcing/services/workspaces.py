from django.db import transaction
from django.utils.text import slugify

from outsourcing.models import Membership, Role, User, Workspace


@transaction.atomic
def workspace_create(
    *,
    name: str,
    slug: str | None = None,
    country: str,
    currency: str,
    owner: User | None = None,
) -> Workspace:
    """Create a client workspace (validated) and, if given, make `owner` its owner."""
    workspace = Workspace(
        name=name.strip(),
        slug=slug or slugify(name)[:60],
        country=country.upper(),
        currency=currency.upper(),
    )
    workspace.full_clean()
    workspace.save()
    if owner is not None:
        Membership.objects.create(user=owner, workspace=workspace, role=Role.OWNER)
    return workspace
