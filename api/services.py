"""Writes of the API app: personal tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from api.models import ApiToken
from outsourcing.models import User

TOKEN_PREFIX = "sw"
# Writing last_used_at on every request would turn each read into a write; a minute is
# as precise as anyone reading "last used" needs.
LAST_USED_PRECISION = timedelta(minutes=1)
MAX_TOKENS_PER_USER = 20


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token, shown once and never stored


def token_create(*, user: User, name: str) -> IssuedToken:
    """Issue a personal API token named `name` for `user`; the secret is returned once.

    Raises ValidationError naming the field for a blank or duplicate name, or when the
    person already has MAX_TOKENS_PER_USER tokens.
    """
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Give the token a name, e.g. what it is for."})
    if len(name) > 100:
        raise ValidationError({"name": "Keep the name under 100 characters."})
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(
            {"name": f"You have {MAX_TOKENS_PER_USER} tokens; revoke one you no longer use."}
        )
    prefix = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(
                user=user, name=name, prefix=prefix, digest=token_digest(secret)
            )
    except IntegrityError:
        raise ValidationError({"name": "You already have a token with this name."}) from None
    return IssuedToken(token=token, secret=secret)


def token_revoke(*, token: ApiToken) -> None:
    """Revoke a token: it stops working at once and cannot be brought back."""
    token.delete()


def token_mark_used(*, token: ApiToken) -> None:
    """Record that the token was used now (at most once a minute per token)."""
    now = timezone.now()
    if token.last_used_at and now - token.last_used_at < LAST_USED_PRECISION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
