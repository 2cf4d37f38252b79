from django.core.management.base import BaseCommand

from assessments.demo import demo_load_assessments
from outsourcing.demo.core import DEMO_LOGINS, DEMO_PASSWORD, demo_load_core
from outsourcing.models import User, Workspace
from vendors.contracts.demo import demo_load_contracts
from vendors.demo import demo_load_catalog


class Command(BaseCommand):
    help = "Load (or refresh) the demo workspaces, people and data. Safe to run again."

    def handle(self, *args, **options):
        loaded = demo_load_core()
        for slug, functions in loaded.items():
            self.stdout.write(f"Workspace “{slug}”: {len(functions)} business functions.")
        assessed = demo_load_assessments(
            loaded, assessor=User.objects.get(email="editor@sourcewise.example")
        )
        self.stdout.write(f"Assessments: {assessed} added (0 means they were already there).")
        catalog = demo_load_catalog()
        self.stdout.write(
            "Vendor catalog: " + ", ".join(f"{n} {k}" for k, n in catalog.items()) + "."
        )
        contracts = demo_load_contracts(
            workspace=Workspace.objects.get(slug="acme"),
            owner=User.objects.get(email="owner@sourcewise.example"),
        )
        self.stdout.write(
            f"Contracts: {contracts} added to Acme (0 means they were already there)."
        )
        self.stdout.write(self.style.SUCCESS(f"\nDemo logins (password for all: {DEMO_PASSWORD})"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.email:<28} {login.what}")
