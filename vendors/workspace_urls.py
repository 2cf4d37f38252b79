"""The vendors app's pages inside a workspace (mounted under /w/<slug>/ by the root URL
conf): a function's ranked vendor shortlist, and the workspace's contracts (namespace
"contracts"). The shared catalog itself is vendors/urls.py."""

from django.urls import include, path

from vendors.views.shortlist import function_vendor_shortlist_view

urlpatterns = [
    path(
        "functions/<int:pk>/vendors/",
        function_vendor_shortlist_view,
        name="function_vendor_shortlist",
    ),
    path("", include("vendors.contracts.urls")),
]
