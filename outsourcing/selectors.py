"""Reads of the core domain. Everything a workspace owns is read through a function here
that takes the workspace, so no view can forget the tenant filter."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from outsourcing.filters import BusinessFunctionFilter
from outsourcing.models import BusinessFunction, Department, Job, Membership, User, Workspace


def membership_get(*, user: User, slug: str) -> Membership:
    """The user's membership of the workspace with this slug; 404 for anyone else."""
    return get_object_or_404(
        Membership.objects.select_related("workspace"), user=user, workspace__slug=slug
    )


def memberships_for_user(*, user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("workspace")


def workspace_members(*, workspace: Workspace) -> QuerySet[Membership]:
    return workspace.memberships.select_related("user").order_by("user__email")


def workspace_member_get(*, workspace: Workspace, pk: int) -> Membership:
    return get_object_or_404(workspace.memberships.select_related("user"), pk=pk)


def function_queryset(*, workspace: Workspace) -> QuerySet[BusinessFunction]:
    return BusinessFunction.objects.filter(workspace=workspace).select_related(
        "department", "service_line", "latest_assessment", "projected_saving"
    )


def function_filterset(*, workspace: Workspace, data=None) -> BusinessFunctionFilter:
    """The filtered, sorted function list and its form (active functions by default)."""
    return BusinessFunctionFilter(
        data, queryset=function_queryset(workspace=workspace), workspace=workspace
    )


def function_get(*, workspace: Workspace, pk: int) -> BusinessFunction:
    return get_object_or_404(function_queryset(workspace=workspace), pk=pk)


def function_name_taken(*, workspace: Workspace, name: str, exclude_pk: int | None = None) -> bool:
    """Whether another function of the workspace already has this name, in any case."""
    queryset = BusinessFunction.objects.filter(workspace=workspace, name__iexact=name.strip())
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.exists()


def department_names(*, workspace: Workspace) -> list[str]:
    return list(Department.objects.filter(workspace=workspace).values_list("name", flat=True))


def job_get(*, workspace: Workspace, pk: int) -> Job:
    return get_object_or_404(Job.objects.filter(workspace=workspace), pk=pk)


def catalog_job_get(*, pk: int) -> Job:
    """A job of the shared vendor catalog (one without a workspace)."""
    return get_object_or_404(Job.objects.filter(workspace__isnull=True), pk=pk)
