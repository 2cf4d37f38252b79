"""The core's pages: home, sign-in, the workspace list, and a workspace's functions,
members and jobs (under /w/<slug>/; its dashboard is the portfolio app's). The root URL
conf includes it."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from outsourcing.forms import SignInForm
from outsourcing.views import activity, functions, health, jobs, members, workspaces

workspace_patterns = [
    path("functions/", functions.function_list, name="function_list"),
    path("functions/new/", functions.function_create_view, name="function_create"),
    path("functions/<int:pk>/", functions.function_detail, name="function_detail"),
    path("functions/<int:pk>/edit/", functions.function_edit, name="function_edit"),
    path("functions/<int:pk>/archive/", functions.function_archive, name="function_archive"),
    path("functions/<int:pk>/restore/", functions.function_restore, name="function_restore"),
    path("members/", members.member_list, name="member_list"),
    path("members/invite/", members.member_invite_view, name="member_invite"),
    path("members/<int:pk>/role/", members.member_change_role, name="member_change_role"),
    path("members/<int:pk>/remove/", members.member_remove, name="member_remove"),
    path("activity/", activity.activity, name="activity"),
    path("activity/export/", activity.activity_export, name="activity_export"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job_download"),
    path("jobs/<int:pk>/retry/", jobs.job_retry_view, name="job_retry"),
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
    path("w/", workspaces.workspace_list, name="workspace_list"),
    path("w/<slug:slug>/", include(workspace_patterns)),
]
