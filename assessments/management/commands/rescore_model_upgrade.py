from django.core.management.base import BaseCommand

from assessments import scoring
from assessments.selectors import workspaces_scored_by_older_models
from assessments.services import model_upgrade_rescore_start


class Command(BaseCommand):
    help = (
        "After upgrading Sourcewise: re-score, in background jobs, every workspace whose "
        "current assessments come from an older scoring model. Old scores stay in history."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the workspaces; queue nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        if dry_run:
            slugs = list(workspaces_scored_by_older_models().values_list("slug", flat=True))
            self.stdout.write(
                f"{len(slugs)} workspace(s) to re-score with model {scoring.MODEL_VERSION}"
                + (f": {', '.join(slugs)}" if slugs else ".")
            )
            return
        jobs = model_upgrade_rescore_start()
        if not jobs:
            self.stdout.write(f"Every workspace is already scored by {scoring.MODEL_VERSION}.")
            return
        for job in jobs:
            self.stdout.write(f"Queued job {job.pk} for {job.workspace.slug}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(jobs)} re-scoring job(s) queued for model {scoring.MODEL_VERSION}."
            )
        )
