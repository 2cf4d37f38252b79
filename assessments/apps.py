from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments and criteria weights"

    def ready(self) -> None:
        # Plug into the core (outsourcing.jobkinds, outsourcing.hooks): it imports no app.
        from assessments import demo, tasks
        from assessments.selectors import function_result
        from outsourcing.hooks import demo_register, function_page_register
        from outsourcing.jobkinds import job_kind_register
        from outsourcing.models import Job

        job_kind_register(Job.Kind.RESCORE, task=tasks.rescore_workspace)
        job_kind_register(Job.Kind.EXPORT_FUNCTIONS, task=tasks.export_functions)
        job_kind_register(Job.Kind.IMPORT_FUNCTIONS, task=tasks.import_functions)
        function_page_register(
            self.name, lambda function: {"result": function_result(function=function)}
        )
        demo_register(self.name, demo.demo_step)
