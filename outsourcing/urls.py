"""Sourcewise URLs: the composition root. Each app owns its URL conf; this file only
includes them. Everything a workspace owns lives under /w/<slug>/.

Uploaded and generated files (MEDIA_ROOT) are never served directly: they belong to a
workspace, so they go out through views that check membership.
"""

from django.contrib import admin
from django.urls import include, path

WORKSPACE = "w/<slug:slug>/"

urlpatterns = [
    path("profile/", include("api.profile_urls")),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
    path("", include("outsourcing.core_urls")),
    path(WORKSPACE, include("assessments.inventory.urls")),
    path(WORKSPACE, include("assessments.urls")),
    path(WORKSPACE, include("vendors.workspace_urls")),
    path(WORKSPACE, include("businesscase.urls")),
    path(WORKSPACE, include("portfolio.urls")),
    path("vendors/", include("vendors.urls")),
]
