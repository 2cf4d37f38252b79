"""Writes of the portfolio app: start a report (its generation is in generation.py)."""

from django.db import transaction

from outsourcing.models import Job, User, Workspace
from outsourcing.services.jobs import job_execute, job_start
from portfolio.generation import portfolio_report_generate_work
from portfolio.models import PortfolioReport


def portfolio_report_start(
    *,
    workspace: Workspace,
    requested_by: User | None,
    sections: list[str],
    department_ids: list[int],
    language: str,
) -> PortfolioReport:
    """Record a report and queue its generation once the rows are committed."""
    with transaction.atomic():
        job = job_start(
            workspace=workspace,
            kind=Job.Kind.PORTFOLIO_REPORT,
            requested_by=requested_by,
        )
        return PortfolioReport.objects.create(
            workspace=workspace,
            job=job,
            requested_by=requested_by,
            sections=sections,
            department_ids=department_ids,
            language=language,
        )


def portfolio_report_again(
    *, report: PortfolioReport, requested_by: User | None
) -> PortfolioReport:
    """A new report with the same options; the old one stays as it was sent."""
    return portfolio_report_start(
        workspace=report.workspace,
        requested_by=requested_by,
        sections=list(report.sections),
        department_ids=list(report.department_ids),
        language=report.language,
    )


def portfolio_report_make_now(
    *, workspace: Workspace, sections: list[str], department_ids: list[int], language: str
) -> PortfolioReport:
    """Make a report in this process (the command line): the same job row and work as a
    queued report, run here rather than by a worker, so a script gets its files at once."""
    with transaction.atomic():
        job = Job.objects.create(workspace=workspace, kind=Job.Kind.PORTFOLIO_REPORT)
        report = PortfolioReport.objects.create(
            workspace=workspace,
            job=job,
            sections=sections,
            department_ids=department_ids,
            language=language,
        )
    job_execute(job_id=job.pk, work=portfolio_report_generate_work)
    report.refresh_from_db()
    return report
