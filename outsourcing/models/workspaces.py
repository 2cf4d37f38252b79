from django.conf import settings
from django.db import models
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from outsourcing.currencies import validate_currency_code


class Workspace(models.Model):
    """A client workspace: the tenant that owns functions, assessments, weights and contracts."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    country = CountryField(help_text="Home country: decides what counts as onshore.")
    currency = models.CharField(
        max_length=3,
        validators=[validate_currency_code],
        help_text="ISO 4217 code; every cost in this workspace is in this currency.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "workspace"

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    OWNER = "owner", "Owner"
    EDITOR = "editor", "Editor"
    VIEWER = "viewer", "Viewer"

    @classmethod
    def rank(cls, role: str) -> int:
        """Higher ranks may do everything lower ranks may."""
        return {cls.VIEWER: 1, cls.EDITOR: 2, cls.OWNER: 3}[role]


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)
    # Joining, role changes and removal, with who did it (the workspace's Activity page).
    history = HistoricalRecords()

    class Meta:
        ordering = ["workspace__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "workspace"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.workspace} ({self.role})"

    def has_role(self, minimum: str) -> bool:
        return Role.rank(self.role) >= Role.rank(minimum)

    @property
    def can_edit(self) -> bool:
        return self.has_role(Role.EDITOR)

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER
