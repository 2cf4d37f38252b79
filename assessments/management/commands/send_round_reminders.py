from django.core.management.base import BaseCommand

from assessments.rounds.services import rounds_remind_due


class Command(BaseCommand):
    help = (
        "E-mail the invited members who have not yet rated an open assessment round due "
        "within --days days (each at most once a day). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=3, help="How close the due date is (3)")

    def handle(self, *args, days, **options):
        sent = rounds_remind_due(within_days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")
