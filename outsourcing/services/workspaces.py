from django.db import transaction
from django.utils.text import slugify

from outsourcing.models import Membership, Organization, Role, User


@transaction.atomic
def workspace_create(
    *,
    name: str,
    slug: str | None = None,
    country: str,
    currency: str,
    owner: User | None = None,
) -> Organization:
    """Create a client workspace (validated) and, if given, make `owner` its owner."""
    workspace = Organization(
        name=name.strip(),
        slug=slug or slugify(name)[:60],
        country=country.upper(),
        currency=currency.upper(),
    )
    workspace.full_clean()
    workspace.save()
    if owner is not None:
        Membership.objects.create(user=owner, organization=workspace, role=Role.OWNER)
    return workspace
