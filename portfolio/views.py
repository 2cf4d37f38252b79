from django.shortcuts import render

from outsourcing.access import workspace_view
from portfolio.selectors import portfolio_summary


@workspace_view()
def dashboard(request):
    return render(
        request,
        "portfolio/dashboard.html",
        {"portfolio": portfolio_summary(workspace=request.workspace)},
    )
