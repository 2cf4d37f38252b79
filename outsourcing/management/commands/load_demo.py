from django.core.management.base import BaseCommand

from outsourcing.demo.core import DEMO_LOGINS, DEMO_PASSWORD, demo_load_core
from outsourcing.hooks import demo_steps


class Command(BaseCommand):
    help = "Load (or refresh) the demo workspaces, people and data. Safe to run again."

    def handle(self, *args, **options):
        loaded = demo_load_core()
        for slug, functions in loaded.items():
            self.stdout.write(f"Workspace “{slug}”: {len(functions)} business functions.")
        # Each app above the core adds its demo data (outsourcing.hooks), in app order.
        for step in demo_steps():
            for line in step(loaded):
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD})"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<28} {login.what}")
