"""/healthz: whether this instance can serve, for a load balancer or a monitor."""

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok"


def _broker() -> str:
    if not settings.REDIS_URL:
        return "none (tasks run in the web process)"
    try:
        redis.Redis.from_url(
            settings.REDIS_URL,
            socket_connect_timeout=settings.BROKER_CONNECT_TIMEOUT,
            socket_timeout=settings.BROKER_CONNECT_TIMEOUT,
        ).ping()
    except redis.RedisError as exc:
        return f"unreachable: {type(exc).__name__}"
    return "ok"


@never_cache
@require_GET
def healthz(request):
    """200 with each dependency's state when the database and the broker answer, else 503.
    Says nothing secret (no host names or versions): it is open to anyone."""
    checks = {"database": _database(), "broker": _broker()}
    healthy = not any(state.startswith("unreachable") for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )
