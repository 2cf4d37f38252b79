from django.apps import AppConfig
from django.urls import reverse

from vendors.access import is_curator


def catalog_job_url(job) -> str:
    """A catalog job belongs to no workspace: curators watch it under /vendors/."""
    return reverse("vendors:catalog_job", args=[job.pk])


def curator_landing(user) -> str | None:
    """Curators without a workspace land on the catalog they look after."""
    return reverse("vendors:vendor_list") if is_curator(user) else None


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = "Vendor catalog"

    def ready(self) -> None:
        # Plug into the core (outsourcing.jobkinds, outsourcing.hooks): it imports no app.
        from outsourcing.hooks import demo_register, function_page_register, landing_register
        from outsourcing.jobkinds import job_kind_register
        from outsourcing.models import Job
        from vendors import demo, tasks
        from vendors.contracts import demo as contracts_demo
        from vendors.contracts.selectors import function_contracts

        job_kind_register(
            Job.Kind.IMPORT_CATALOG, task=tasks.import_catalog, page_url=catalog_job_url
        )
        landing_register(self.name, curator_landing)
        demo_register(self.name, demo.demo_step)
        # After the catalog's step: the demo contracts name catalog vendors.
        demo_register(f"{self.name}.contracts", contracts_demo.demo_step)
        function_page_register(
            f"{self.name}.contracts",
            lambda function: {"function_contracts": list(function_contracts(function=function))},
        )
