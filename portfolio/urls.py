"""The portfolio's pages, included under /w/<slug>/ (URL names kept unnamespaced: the
dashboard was `dashboard` before it moved here, and links everywhere use that name)."""

from django.urls import path

from portfolio import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
