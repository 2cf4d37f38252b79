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


# The documented production configuration (README, "Running in production").
PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "k3Vq-production-like-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "sourcewise.example.com",
}


def test_check_deploy_is_clean_in_the_documented_production_configuration():
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never does.
    unset = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**clean, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_redirects_to_https_and_asks_for_hsts():
    result = _settings_in_subprocess(
        PRODUCTION,
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS >= 31536000, "
        "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS",
    )
    assert result.stdout.strip() == "(True, True, True)", result.stderr


def test_https_redirect_and_hsts_can_be_turned_off_for_a_plain_http_trial():
    result = _settings_in_subprocess(
        {**PRODUCTION, "SECURE_SSL_REDIRECT": "False", "SECURE_HSTS_SECONDS": "0"},
        "settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS",
    )
    assert result.stdout.strip() == "(False, 0)", result.stderr
