"""Sourcewise URLs. Everything a workspace owns lives under /w/<slug>/.

Uploaded and generated files (MEDIA_ROOT) are never served directly: they belong to a
workspace, so they go out through views that check membership.
"""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from outsourcing.forms import SignInForm
from outsourcing.views import functions, health, inventory, jobs, members, workspaces
from vendors.views.shortlist import function_vendor_shortlist_view

workspace_patterns = [
    path("", workspaces.dashboard, name="dashboard"),
    path("functions/", functions.function_list, name="function_list"),
    path("functions/new/", functions.function_create_view, name="function_create"),
    path("functions/export/", inventory.functions_export, name="functions_export"),
    path("functions/import/", inventory.function_import, name="function_import"),
    path("functions/import/template/", inventory.import_template, name="import_template"),
    path("functions/import/<int:pk>/", inventory.import_preview, name="import_preview"),
    path("functions/import/<int:pk>/confirm/", inventory.import_confirm, name="import_confirm"),
    path("functions/import/<int:pk>/cancel/", inventory.import_cancel, name="import_cancel"),
    path("functions/<int:pk>/", functions.function_detail, name="function_detail"),
    path("functions/<int:pk>/edit/", functions.function_edit, name="function_edit"),
    path("functions/<int:pk>/archive/", functions.function_archive, name="function_archive"),
    path("functions/<int:pk>/restore/", functions.function_restore, name="function_restore"),
    path(
        "functions/<int:pk>/vendors/",
        function_vendor_shortlist_view,
        name="function_vendor_shortlist",
    ),
    path("members/", members.member_list, name="member_list"),
    path("members/invite/", members.member_invite_view, name="member_invite"),
    path("members/<int:pk>/role/", members.member_change_role, name="member_change_role"),
    path("members/<int:pk>/remove/", members.member_remove, name="member_remove"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job_download"),
    path("jobs/<int:pk>/retry/", jobs.job_retry_view, name="job_retry"),
    path("", include("assessments.urls")),
]

urlpatterns = [
    path("", workspaces.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("w/", workspaces.workspace_list, name="workspace_list"),
    path("vendors/", include("vendors.urls")),
    path("w/<slug:slug>/", include(workspace_patterns)),
]
