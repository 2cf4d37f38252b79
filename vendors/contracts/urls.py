"""Contract pages, mounted under /w/<slug>/ (namespace "contracts")."""

from django.urls import path

from . import views

app_name = "contracts"

urlpatterns = [
    path("contracts/", views.contract_list, name="contract_list"),
    path("contracts/new/", views.contract_create, name="contract_create"),
    path("contracts/import/", views.contract_import, name="contract_import"),
    path(
        "contracts/import/confirm/", views.contract_import_confirm, name="contract_import_confirm"
    ),
    path("contracts/export/", views.contract_export, name="contract_export"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("contracts/<int:pk>/renew/", views.contract_renew_view, name="contract_renew"),
    path("contracts/<int:pk>/notice/", views.contract_notice_view, name="contract_notice"),
    path("contracts/<int:pk>/terminate/", views.contract_terminate_view, name="contract_terminate"),
    path("contracts/<int:pk>/signed/", views.contract_file, name="contract_file"),
    path("contracts/<int:pk>/slas/new/", views.contract_sla_create, name="contract_sla_create"),
    path(
        "contracts/<int:pk>/measurements/",
        views.contract_measurements,
        name="contract_measurements",
    ),
    path("slas/<int:pk>/edit/", views.sla_edit, name="sla_edit"),
    path("slas/<int:pk>/delete/", views.sla_delete_view, name="sla_delete"),
]
