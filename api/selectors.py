"""Reads of the API app: a person's tokens, and finding the token a request presents."""

import hmac

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from api.models import ApiToken
from api.services import TOKEN_PREFIX, token_digest
from outsourcing.models import User


def user_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def user_token_get(*, user: User, pk: int) -> ApiToken:
    """One of the person's own tokens; someone else's is 404."""
    return get_object_or_404(user_tokens(user=user), pk=pk)


def token_find(*, secret: str) -> ApiToken | None:
    """The live token whose secret this is, with its active user; None otherwise."""
    parts = secret.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(parts[1]) > 16:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=parts[1], user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, token_digest(secret)):
        return None
    return token
