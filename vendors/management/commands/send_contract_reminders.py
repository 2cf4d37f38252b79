from datetime import date

from django.core.management.base import BaseCommand, CommandError

from vendors.contracts.reminders import contract_reminders_send
from vendors.contracts.services import today_in_workspace_calendar


class Command(BaseCommand):
    help = (
        "Renew or expire contracts whose terms rolled over and e-mail the notice-deadline "
        "reminders due today (each once, however often this runs). For cron and tests."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Run as if today were this date (YYYY-MM-DD), in TIME_ZONE."
        )

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today {today!r} is not a YYYY-MM-DD date.") from exc
        else:
            day = today_in_workspace_calendar()
        run = contract_reminders_send(today=day)
        self.stdout.write(
            f"{day}: {run.sent} contract(s) reminded, {run.failed} failed (retried next run), "
            f"{run.renewed} renewed automatically, {run.expired} expired."
        )
        if run.failed:
            raise CommandError(f"{run.failed} reminder e-mail(s) could not be sent.")
