"""The portfolio's pages, included under /w/<slug>/ (URL names kept unnamespaced: the
dashboard was `dashboard` before it moved here, and links everywhere use that name)."""

from django.urls import path

from portfolio import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("reports/", views.report_list_view, name="portfolio_report_list"),
    path("reports/new/", views.report_create, name="portfolio_report_create"),
    path("reports/<int:pk>/", views.report_detail, name="portfolio_report_detail"),
    path(
        "reports/<int:pk>/regenerate/",
        views.report_regenerate,
        name="portfolio_report_regenerate",
    ),
    path(
        "reports/<int:pk>/download/<str:file_format>/",
        views.report_download,
        name="portfolio_report_download",
    ),
]
