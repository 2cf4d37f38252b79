from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 digest of the secret is stored.

    The token the person copies is `sw_<prefix>_<secret>`; `prefix` finds the row without
    comparing digests across all tokens, and the digest of the whole token is compared in
    constant time. Anyone reading the database (or a backup) cannot use a token.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. “BI export”.")
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "user", models.functions.Lower("name"), name="api_token_name_unique_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"
