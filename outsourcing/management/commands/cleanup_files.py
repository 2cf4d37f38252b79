from django.conf import settings
from django.core.management.base import BaseCommand

from outsourcing.services.files import files_cleanup


class Command(BaseCommand):
    help = (
        "Delete uploaded inventories and generated exports older than FILES_KEEP_DAYS "
        "(Celery beat also runs this daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.FILES_KEEP_DAYS,
            help=f"keep files this many days (default {settings.FILES_KEEP_DAYS})",
        )

    def handle(self, *args, days: int, **options):
        result = files_cleanup(keep_days=days)
        self.stdout.write(
            f"{result.files_deleted:,} files deleted, "
            f"{result.previews_discarded:,} unconfirmed import previews discarded."
        )
