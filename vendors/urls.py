"""The shared catalog's pages, mounted at /vendors/ (not per workspace: one catalog)."""

from django.urls import path

from vendors.views import browse, curation, files

app_name = "vendors"

urlpatterns = [
    path("", browse.vendor_list, name="vendor_list"),
    path("new/", curation.vendor_create_view, name="vendor_create"),
    path("duplicates/", curation.duplicate_list, name="duplicates"),
    path("import/", files.catalog_import_upload, name="catalog_import"),
    path("import/<int:job_pk>/", files.catalog_import_preview, name="catalog_import_preview"),
    path("import/<int:job_pk>/commit/", files.catalog_import_commit, name="catalog_import_commit"),
    path("import/<int:job_pk>/cancel/", files.catalog_import_cancel, name="catalog_import_cancel"),
    path("import/jobs/<int:pk>/", files.catalog_job, name="catalog_job"),
    path("import/jobs/<int:pk>/retry/", files.catalog_job_retry, name="catalog_job_retry"),
    path("export/", files.catalog_export, name="catalog_export"),
    path("service-lines/", curation.service_lines, name="service_lines"),
    path("service-lines/new/", curation.service_line_form, name="service_line_create"),
    path("service-lines/<int:pk>/edit/", curation.service_line_form, name="service_line_edit"),
    path("<int:pk>/", browse.vendor_detail, name="vendor_detail"),
    path("<int:pk>/edit/", curation.vendor_edit, name="vendor_edit"),
    path("<int:pk>/status/", curation.vendor_status, name="vendor_status"),
    path("<int:pk>/history/", curation.vendor_history_view, name="vendor_history"),
    path("<int:pk>/merge/", curation.vendor_merge_view, name="vendor_merge"),
    path("<int:pk>/<slug:kind>/new/", curation.record_create, name="record_create"),
    path("<int:pk>/<slug:kind>/<int:record_pk>/edit/", curation.record_edit, name="record_edit"),
    path(
        "<int:pk>/<slug:kind>/<int:record_pk>/delete/",
        curation.record_delete_view,
        name="record_delete",
    ),
]
