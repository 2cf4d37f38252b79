"""Celery tasks of the business case: thin, they call a service."""

from celery import shared_task

from businesscase.services import projected_savings_refresh
from outsourcing.models import Workspace


@shared_task(name="businesscase.refresh_projected_savings")
def refresh_projected_savings() -> int:
    """Recompute every workspace's projected savings: rate cards and exchange rates change
    in the shared catalog, which no workspace's own save would notice. Nightly from beat."""
    return sum(projected_savings_refresh(workspace=each) for each in Workspace.objects.all())
