from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from outsourcing.models import User
from outsourcing.services.workspaces import workspace_create


class Command(BaseCommand):
    help = "Create a client workspace, optionally with its first owner."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Short name used in URLs, e.g. acme")
        parser.add_argument("--name", required=True, help="Display name, e.g. 'Acme Manufacturing'")
        parser.add_argument("--country", default="US", help="ISO 3166 alpha-2 code (default US)")
        parser.add_argument("--currency", default="USD", help="ISO 4217 code (default USD)")
        parser.add_argument("--owner", help="Email of the first owner; created if new")

    def handle(self, *args, slug, name, country, currency, owner, **options):
        owner_user = None
        created = False
        if owner:
            owner_user = User.objects.filter(email__iexact=owner).first()
            if owner_user is None:
                owner_user = User.objects.create_user(email=owner)
                created = True
        try:
            workspace = workspace_create(
                name=name, slug=slug, country=country, currency=currency, owner=owner_user
            )
        except ValidationError as exc:
            if created:
                owner_user.delete()
            problems = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items()
            )
            raise CommandError(f"Workspace not created. {problems}") from None
        self.stdout.write(
            self.style.SUCCESS(f"Created workspace “{workspace.name}” at /w/{workspace.slug}/")
        )
        if created:
            self.stdout.write(
                f"Created {owner_user.email} without a password: "
                f"run `python manage.py changepassword {owner_user.email}` to set one."
            )
