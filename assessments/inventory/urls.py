"""The inventory's pages, mounted under /w/<slug>/ without a namespace (see outsourcing/urls.py),
so their names stay those links and bookmarks have always used."""

from django.urls import path

from assessments.views import inventory

urlpatterns = [
    path("functions/export/", inventory.functions_export, name="functions_export"),
    path("functions/import/", inventory.function_import, name="function_import"),
    path("functions/import/template/", inventory.import_template, name="import_template"),
    path("functions/import/<int:pk>/", inventory.import_preview, name="import_preview"),
    path("functions/import/<int:pk>/confirm/", inventory.import_confirm, name="import_confirm"),
    path("functions/import/<int:pk>/cancel/", inventory.import_cancel, name="import_cancel"),
]
