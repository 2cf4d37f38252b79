from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from outsourcing.access import workspace_view
from outsourcing.models import Role
from outsourcing.pagination import paginate
from portfolio.forms import ReportForm
from portfolio.selectors.dashboard import portfolio_summary
from portfolio.selectors.reports import report_departments, report_get, report_list
from portfolio.services import portfolio_report_again, portfolio_report_start

DOWNLOADS = {
    "pdf": ("pdf", "application/pdf"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("zip", "application/zip"),
}


@workspace_view()
def dashboard(request):
    return render(
        request,
        "portfolio/dashboard.html",
        {"portfolio": portfolio_summary(workspace=request.workspace)},
    )


@workspace_view()
def report_list_view(request):
    form = ReportForm(departments=report_departments(workspace=request.workspace))
    reports = paginate(request, report_list(workspace=request.workspace))
    return render(request, "portfolio/report_list.html", {"reports": reports, "form": form})


@workspace_view(min_role=Role.EDITOR)
def report_create(request):
    departments = report_departments(workspace=request.workspace)
    form = ReportForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        report = portfolio_report_start(
            workspace=request.workspace,
            requested_by=request.user,
            sections=form.cleaned_data["sections"],
            department_ids=[d.pk for d in form.cleaned_data.get("departments", [])],
            language=form.cleaned_data["language"],
        )
        return redirect(report)
    return render(request, "portfolio/report_form.html", {"form": form})


@workspace_view()
def report_detail(request, pk: int):
    """A report's page; htmx polls the same URL for the status card alone."""
    report = report_get(workspace=request.workspace, pk=pk)
    template = (
        "portfolio/_report_status.html"
        if request.headers.get("HX-Request")
        else "portfolio/report_detail.html"
    )
    return render(request, template, {"report": report, "job": report.job})


@workspace_view(min_role=Role.EDITOR)
@require_POST
def report_regenerate(request, pk: int):
    report = report_get(workspace=request.workspace, pk=pk)
    again = portfolio_report_again(report=report, requested_by=request.user)
    messages.success(request, "A new report is on its way; the earlier one stays as it was sent.")
    return redirect(again)


@workspace_view()
def report_download(request, pk: int, file_format: str):
    report = report_get(workspace=request.workspace, pk=pk)
    if file_format not in DOWNLOADS:
        raise Http404("Unknown file format.")
    stored = report.file_for(file_format)
    if stored is None:
        return redirect(report)
    suffix, content_type = DOWNLOADS[file_format]
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{report.workspace.slug}-portfolio-report-{report.pk}.{suffix}",
        content_type=content_type,
    )
