"""Demo workspaces, people and functions (idempotent: matched by email, slug and name)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from outsourcing.demo.functions import ACME, NORTHWIND, DemoFunction
from outsourcing.models import (
    BusinessFunction,
    CurrentSourcing,
    Membership,
    Role,
    User,
    Workspace,
)
from outsourcing.services.functions import department_get_or_create

DEMO_PASSWORD = "sourcewise-demo"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    what: str


DEMO_LOGINS = [
    DemoLogin(
        "owner@sourcewise.example",
        "Olivia Owner",
        "owner of Acme Manufacturing and Northwind Health",
    ),
    DemoLogin("editor@sourcewise.example", "Eli Editor", "consultant: editor in both workspaces"),
    DemoLogin(
        "viewer@sourcewise.example",
        "Vic Viewer",
        "viewer of Acme Manufacturing (reads, never writes)",
    ),
    DemoLogin(
        "curator@sourcewise.example",
        "Cara Curator",
        "catalog curator (vendor catalog), no workspace",
    ),
]

WORKSPACES = {
    "acme": ("Acme Manufacturing", "DE", "EUR", ACME),
    "northwind": ("Northwind Health", "US", "USD", NORTHWIND),
}

MEMBERSHIPS = {
    "acme": {
        "owner@sourcewise.example": Role.OWNER,
        "editor@sourcewise.example": Role.EDITOR,
        "viewer@sourcewise.example": Role.VIEWER,
    },
    "northwind": {
        "owner@sourcewise.example": Role.OWNER,
        "editor@sourcewise.example": Role.EDITOR,
    },
}


def _demo_user(login: DemoLogin) -> User:
    first, last = login.name.split(" ", 1)
    user, _ = User.objects.update_or_create(
        email=login.email,
        defaults={
            "first_name": first,
            "last_name": last,
            "is_staff": login.email.startswith("curator"),
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return user


def _demo_function(workspace: Workspace, demo: DemoFunction) -> BusinessFunction:
    function, _ = BusinessFunction.objects.update_or_create(
        workspace=workspace,
        name=demo.name,
        defaults={
            "department": department_get_or_create(workspace=workspace, name=demo.department),
            "description": demo.description,
            "annual_cost": Decimal(demo.annual_cost),
            "fte": Decimal(str(demo.fte)),
            "monthly_volume": demo.monthly_volume,
            "current_sourcing": CurrentSourcing.OUTSOURCED
            if demo.outsourced
            else CurrentSourcing.IN_HOUSE,
            "is_archived": False,
        },
    )
    return function


@transaction.atomic
def demo_load_core() -> dict[str, list[tuple[BusinessFunction, DemoFunction]]]:
    """Create or refresh the demo people, workspaces and functions.

    Returns, per workspace slug, each function with the demo record it came from, so the
    other apps' demo loaders can assess them and link them to the catalog.
    """
    users = {login.email: _demo_user(login) for login in DEMO_LOGINS}
    loaded = {}
    for slug, (name, country, currency, functions) in WORKSPACES.items():
        workspace, _ = Workspace.objects.update_or_create(
            slug=slug, defaults={"name": name, "country": country, "currency": currency}
        )
        for email, role in MEMBERSHIPS[slug].items():
            Membership.objects.update_or_create(
                user=users[email], workspace=workspace, defaults={"role": role}
            )
        loaded[slug] = [(_demo_function(workspace, demo), demo) for demo in functions]
    return loaded
