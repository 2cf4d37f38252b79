"""Reads of portfolio reports, always through the workspace."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from outsourcing.models import Department, Workspace
from portfolio.models import PortfolioReport


def report_list(*, workspace: Workspace) -> QuerySet[PortfolioReport]:
    """The workspace's reports, newest first, with their job and who asked."""
    return PortfolioReport.objects.filter(workspace=workspace).select_related(
        "workspace", "job", "requested_by"
    )


def report_get(*, workspace: Workspace, pk: int) -> PortfolioReport:
    """One of the workspace's reports; another workspace's report is a 404."""
    return get_object_or_404(report_list(workspace=workspace), pk=pk)


def report_departments(*, workspace: Workspace) -> QuerySet[Department]:
    """The departments a report can be limited to."""
    return Department.objects.filter(workspace=workspace).order_by("name")
