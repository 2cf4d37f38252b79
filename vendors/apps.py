from django.apps import AppConfig
from django.urls import reverse


def catalog_job_url(job) -> str:
    """A catalog job belongs to no workspace: curators watch it under /vendors/."""
    return reverse("vendors:catalog_job", args=[job.pk])


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = "Vendor catalog"

    def ready(self) -> None:
        from outsourcing.jobkinds import job_kind_register
        from outsourcing.models import Job
        from vendors import tasks

        job_kind_register(
            Job.Kind.IMPORT_CATALOG, task=tasks.import_catalog, page_url=catalog_job_url
        )
