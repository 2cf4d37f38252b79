"""/api/v1/: the REST API. Mounted by the root URL conf; nothing else imports this app."""

from csp.constants import SELF
from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from api.views import (
    assessments,
    functions,
    jobs,
    problems,
    records,
    scoring,
    vendors,
    weights,
    workspaces,
)
from api.views.records import RECORD_KINDS

app_name = "api"

workspace_patterns = [
    path("", workspaces.WorkspaceDetail.as_view(), name="workspace_detail"),
    path("functions/", functions.FunctionList.as_view(), name="function_list"),
    path("functions/<int:pk>/", functions.FunctionDetail.as_view(), name="function_detail"),
    path(
        "functions/<int:pk>/archive/",
        functions.FunctionArchive.as_view(),
        name="function_archive",
    ),
    path(
        "functions/<int:pk>/restore/",
        functions.FunctionRestore.as_view(),
        name="function_restore",
    ),
    path(
        "functions/<int:pk>/assessments/",
        assessments.FunctionAssessments.as_view(),
        name="function_assessments",
    ),
    path(
        "functions/<int:pk>/result/", assessments.FunctionResult.as_view(), name="function_result"
    ),
    path(
        "functions/<int:pk>/shortlist/",
        vendors.FunctionShortlist.as_view(),
        name="function_shortlist",
    ),
    path("weights/", weights.Weights.as_view(), name="weights"),
    path("weights/ahp/", weights.WeightsAhp.as_view(), name="weights_ahp"),
    path("exports/", jobs.Exports.as_view(), name="exports"),
    path("jobs/<int:pk>/", jobs.JobDetail.as_view(), name="job_detail"),
    path("jobs/<int:pk>/download/", jobs.JobDownload.as_view(), name="job_download"),
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its set-up script as a file: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # Redoc builds its search index in a worker made from a blob: URL.
    path(
        "redoc/",
        csp_update({"worker-src": [SELF, "blob:"]})(
            SpectacularRedocView.as_view(url_name="api:schema")
        ),
        name="redoc",
    ),
    path("problems/<slug:slug>", problems.problem_type_view, name="problem_type"),
    path("workspaces/", workspaces.WorkspaceList.as_view(), name="workspace_list"),
    path("workspaces/<slug:slug>/", include(workspace_patterns)),
    path("score/", scoring.BulkScore.as_view(), name="bulk_score"),
    path("vendors/", vendors.VendorList.as_view(), name="vendor_list"),
    path("vendors/<int:pk>/", vendors.VendorDetail.as_view(), name="vendor_detail"),
    path("vendors/<int:pk>/status/", vendors.VendorStatusView.as_view(), name="vendor_status"),
    *(
        route
        for kind in RECORD_KINDS
        for route in (
            path(
                f"vendors/<int:pk>/{kind}/",
                records.VendorRecords.as_view(kind=kind),
                name=f"vendor_{kind.replace('-', '_')}",
            ),
            path(
                f"vendors/<int:pk>/{kind}/<int:record_pk>/",
                records.VendorRecordDetail.as_view(kind=kind),
                name=f"vendor_{kind.replace('-', '_')}_detail",
            ),
        )
    ),
    path("service-lines/", vendors.ServiceLineList.as_view(), name="service_line_list"),
    # Anything else under /api/v1/ is a problem-details 404, not the site's HTML page.
    re_path(r"^.*$", problems.not_found, name="not_found"),
]
