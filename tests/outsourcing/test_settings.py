"""Settings come from the environment; production refuses to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _settings_in_subprocess(env: dict, expression: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "REDIS_URL", "DATABASE_URL"}
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            f"print(({expression}))",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "outsourcing.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_subprocess({"DEBUG": "False"}, "settings.DEBUG")
    assert result.returncode != 0
    assert "SECRET_KEY is missing or too short" in result.stderr


def test_production_starts_with_a_real_secret_key():
    result = _settings_in_subprocess(
        {"DEBUG": "False", "SECRET_KEY": "x" * 50}, "settings.SESSION_COOKIE_SECURE"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_no_configuration_means_sqlite_and_eager_tasks():
    result = _settings_in_subprocess(
        {}, "settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER"
    )
    assert result.stdout.strip() == "('django.db.backends.sqlite3', True)"


def test_urls_switch_to_postgres_and_redis():
    result = _settings_in_subprocess(
        {"DATABASE_URL": "postgres://u@db:5432/sw", "REDIS_URL": "redis://cache:6379/1"},
        "settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER, "
        "settings.CELERY_BROKER_URL",
    )
    assert result.stdout.strip() == (
        "('django.db.backends.postgresql', False, 'redis://cache:6379/1')"
    )
