from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments and criteria weights"

    def ready(self) -> None:
        from assessments import tasks
        from outsourcing.jobkinds import job_kind_register
        from outsourcing.models import Job

        job_kind_register(Job.Kind.RESCORE, task=tasks.rescore_workspace)
