from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from outsourcing.hooks import function_saved
from outsourcing.models import BusinessFunction, CurrentSourcing, Department, Workspace
from vendors.models import ServiceLine


def department_get_or_create(*, workspace: Workspace, name: str) -> Department | None:
    """The workspace's department of this name (any case), created if new; None for blank."""
    name = " ".join((name or "").split())
    if not name:
        return None
    department = Department.objects.filter(workspace=workspace, name__iexact=name).first()
    if department is not None:
        return department
    try:
        with transaction.atomic():
            return Department.objects.create(workspace=workspace, name=name)
    except IntegrityError:
        # Someone created it between our read and our write: theirs is as good as ours.
        return Department.objects.get(workspace=workspace, name__iexact=name)


def function_create(*, workspace: Workspace, **details) -> BusinessFunction:
    """Add a business function to the workspace; `details` as for function_update.

    Raises ValidationError naming the field, and then saves nothing.
    """
    return function_update(function=BusinessFunction(workspace=workspace), **details)


@transaction.atomic
def function_update(
    *,
    function: BusinessFunction,
    name: str,
    department: str = "",
    description: str = "",
    annual_cost: Decimal | None = None,
    fte: Decimal | None = None,
    monthly_volume: int | None = None,
    service_line: ServiceLine | None = None,
    current_sourcing: str = CurrentSourcing.IN_HOUSE,
) -> BusinessFunction:
    """Set a function's details and save them. Raises ValidationError naming the field."""
    function.name = " ".join(name.split())
    function.description = description.strip()
    function.annual_cost = annual_cost
    function.fte = fte
    function.monthly_volume = monthly_volume
    function.service_line = service_line
    function.current_sourcing = current_sourcing
    function.full_clean(exclude=["department"])
    function.department = department_get_or_create(workspace=function.workspace, name=department)
    try:
        with transaction.atomic():
            function.save()
    except IntegrityError:
        # The same name saved by another request (a double-clicked Save) between our check
        # and our write: the constraint caught it, the person gets the form's error.
        raise ValidationError(
            {"name": f"“{function.name}” already exists in this workspace."}
        ) from None
    function_saved(function)  # apps above the core update what they derive (outsourcing.hooks)
    return function


def function_set_archived(*, function: BusinessFunction, archived: bool) -> BusinessFunction:
    """Archive (hide from lists and the portfolio) or restore a function; nothing is deleted."""
    function.is_archived = archived
    function._change_reason = "archived" if archived else "restored"  # for the Activity page
    function.save(update_fields=["is_archived", "updated_at"])
    return function
