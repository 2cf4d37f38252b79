from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Assessments and criteria weights"

    def ready(self) -> None:
        # Plug into the core (outsourcing.jobkinds, outsourcing.hooks): it imports no app.
        from assessments import demo, tasks
        from assessments.rounds.selectors import rounds_of_function
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
        _register_activity()
        function_page_register(
            "assessments.rounds",
            lambda function: {"function_rounds": rounds_of_function(function=function)},
        )


def _register_activity() -> None:
    """Assessments, weights and rounds on the workspace's Activity page (outsourcing.activity)."""
    from assessments.models import Assessment, AssessmentRound, CriteriaWeights, WeightsRound
    from outsourcing.activity import activity_source_register, text, title_of

    activity_source_register(
        "assessment",
        label="Assessments",
        history=Assessment.history.model,
        workspace_path="function__workspace",
        title=title_of("function__name", text(" → "), "recommendation"),
    )
    activity_source_register(
        "weights",
        label="Criteria weights",
        history=CriteriaWeights.history.model,
        workspace_path="workspace",
        title=title_of(text("Criteria weights ("), "method", text(")")),
    )
    activity_source_register(
        "round",
        label="Assessment rounds",
        history=AssessmentRound.history.model,
        workspace_path="function__workspace",
        title=title_of(text("Round on "), "function__name"),
    )
    activity_source_register(
        "weights_round",
        label="Weights rounds",
        history=WeightsRound.history.model,
        workspace_path="workspace",
        title=title_of(text("Weights round due "), "due_date"),
    )
