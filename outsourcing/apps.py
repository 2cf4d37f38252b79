from django.apps import AppConfig


class OutsourcingConfig(AppConfig):
    name = "outsourcing"
    verbose_name = "Workspaces and business functions"

    def ready(self) -> None:
        from outsourcing import tasks
        from outsourcing.jobkinds import job_kind_register
        from outsourcing.models import Job

        job_kind_register(Job.Kind.EXPORT_FUNCTIONS, task=tasks.export_functions)
        job_kind_register(Job.Kind.IMPORT_FUNCTIONS, task=tasks.import_functions)
