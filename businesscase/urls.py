from django.urls import path

from businesscase import views

app_name = "businesscase"

urlpatterns = [
    path(
        "functions/<int:pk>/business-case/",
        views.function_business_case_view,
        name="function_business_case",
    ),
    path(
        "functions/<int:pk>/business-case/assumptions/",
        views.function_business_case_assumptions,
        name="function_business_case_assumptions",
    ),
    path("business-case/settings/", views.business_case_settings, name="business_case_settings"),
]
