from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "Portfolio dashboard and reports"

    def ready(self) -> None:
        # Plug into the core (outsourcing.jobkinds): it imports no app.
        from outsourcing.jobkinds import job_kind_register
        from outsourcing.models import Job
        from portfolio import tasks

        # The job's page is the core's job page; people follow a report on its own page,
        # which reads the same job row.
        job_kind_register(Job.Kind.PORTFOLIO_REPORT, task=tasks.generate_portfolio_report)
