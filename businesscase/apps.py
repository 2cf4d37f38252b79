from django.apps import AppConfig


class BusinessCaseConfig(AppConfig):
    name = "businesscase"
    verbose_name = "Business cases"
