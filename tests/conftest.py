"""Standing test people (owner, editor, viewer, outsider) and the checks that decide
which real servers the suite uses.

SOURCEWISE_REQUIRE_SERVICES=1 (set by .ci/run) turns "server missing" skips into failures:
in CI, PostgreSQL, Redis and Chromium must be there; on a laptop, their tests are skipped
and the summary says so.
"""

import os
import shutil

import pytest
from django.conf import settings

from outsourcing.celery import app as celery_app
from outsourcing.models import Role
from tests.factories import MembershipFactory, UserFactory, WorkspaceFactory

REQUIRE_SERVICES = os.environ.get("SOURCEWISE_REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _database_vendor() -> str:
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def _redis_reachable() -> str | None:
    """None when Redis answers at REDIS_URL, else why not."""
    if not settings.REDIS_URL:
        return "REDIS_URL is not set"
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis at {settings.REDIS_URL} does not answer ({exc})"
    return None


def _chromium_missing() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


MISSING = {
    "postgres": (None if _database_vendor() == "postgresql" else "DATABASE_URL is not PostgreSQL"),
    "redis": _redis_reachable(),
    "browser": _chromium_missing(),
}


def pytest_configure(config):
    if REQUIRE_SERVICES:
        missing = {name: why for name, why in MISSING.items() if why}
        if missing:
            pytest.exit(
                "SOURCEWISE_REQUIRE_SERVICES is set but: "
                + "; ".join(f"{name}: {why}" for name, why in missing.items()),
                returncode=3,
            )


def pytest_runtest_setup(item):
    for marker in ("postgres", "redis", "browser"):
        if item.get_closest_marker(marker) and MISSING[marker]:
            pytest.skip(f"{marker}: {MISSING[marker]}")


def pytest_terminal_summary(terminalreporter):
    lines = [f"database: {_database_vendor()}"]
    for name, why in MISSING.items():
        lines.append(f"{name}: {'available' if why is None else 'SKIPPED, ' + why}")
    terminalreporter.write_sep("-", "Sourcewise test environment")
    for line in lines:
        terminalreporter.write_line(line)


def seed_migration_data() -> None:
    """Put back the rows that migrations seed (service lines, the curators group): a
    transactional test's flush removes them."""
    import importlib

    from django.contrib.auth.models import Group, Permission

    from vendors.access import CURATORS_GROUP
    from vendors.models import ServiceLine
    from vendors.taxonomy import service_lines_seed

    service_lines_seed(ServiceLine)
    curators, _ = Group.objects.get_or_create(name=CURATORS_GROUP)
    group_migration = importlib.import_module("vendors.migrations.0004_catalog_curators_group")
    curators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="vendors", content_type__model__in=group_migration.MODELS
        )
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seeded data put back once per run: --reuse-db keeps a database a transactional
    test flushed for the next run."""
    with django_db_blocker.unblock():
        seed_migration_data()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright drives Debian's Chromium, headless and offline."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture(autouse=True)
def _celery_runs_eagerly(request):
    """Tasks run in-process in tests, except those that ask for a real worker."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fresh_local_cache():
    """Start each test with an empty in-process cache. SQLite hands a rolled-back row's id
    to the next test's row, so a count kept under an id (the API's per-token throttle) would
    leak from one test into another. A Redis cache is left alone: it is the broker's too."""
    from django.core.cache import caches

    if "LocMemCache" in settings.CACHES["default"]["BACKEND"]:
        caches["default"].clear()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Real password hashing costs a third of a second per user; tests need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def workspace(db):
    return WorkspaceFactory(name="Acme Manufacturing", slug="acme")


@pytest.fixture
def other_workspace(db):
    return WorkspaceFactory(name="Globex Retail", slug="globex", country="GB", currency="GBP")


def _member(workspace, role, email):
    return MembershipFactory(workspace=workspace, role=role, user=UserFactory(email=email)).user


@pytest.fixture
def owner(workspace):
    return _member(workspace, Role.OWNER, "owner@example.com")


@pytest.fixture
def editor(workspace):
    return _member(workspace, Role.EDITOR, "editor@example.com")


@pytest.fixture
def viewer(workspace):
    return _member(workspace, Role.VIEWER, "viewer@example.com")


@pytest.fixture
def outsider(other_workspace):
    """Owner of another workspace: must never see anything of `workspace`."""
    return _member(other_workspace, Role.OWNER, "outsider@example.com")


@pytest.fixture
def client_for(client):
    """client_for(user) signs the test client in as that user."""

    def sign_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
