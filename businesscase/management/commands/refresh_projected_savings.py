from django.core.management.base import BaseCommand, CommandError

from businesscase.services import projected_savings_refresh
from outsourcing.models import Workspace


class Command(BaseCommand):
    help = (
        "Recompute the projected saving of every function (after catalog, rate or function "
        "changes), for one workspace or all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workspace", help="The workspace's slug (default: every one)")

    def handle(self, *args, workspace: str | None = None, **options):
        workspaces = Workspace.objects.order_by("slug")
        if workspace:
            workspaces = workspaces.filter(slug=workspace)
            if not workspaces.exists():
                raise CommandError(f"No workspace “{workspace}”.")
        for each in workspaces:
            count = projected_savings_refresh(workspace=each)
            self.stdout.write(f"{each.slug}: {count:,} functions projected.")
