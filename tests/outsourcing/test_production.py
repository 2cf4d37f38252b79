"""The production stance: sign-in lockout, security headers, private pages, styled error
pages and the health check."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import PASSWORD, BusinessFunctionFactory, UserFactory


def _sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_repeated_wrong_passwords_pause_sign_in_with_a_clear_message(client, owner, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # Varying the case of the email does not dodge the count.
        email = "owner@example.com" if attempt % 2 else "OWNER@example.com"
        response = _sign_in(client, email, "wrong")
    assert response.status_code == 429
    response = _sign_in(client, "owner@example.com", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in paused" in page
    assert f"There were {settings.AXES_FAILURE_LIMIT} wrong passwords in a row" in page
    assert "for 15 minutes" in page
    assert "_auth_user_id" not in client.session


def test_an_administrator_lifts_the_pause_in_the_admin(client, owner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, "owner@example.com", "wrong")
    admin = UserFactory(email="admin@example.com", is_staff=True, is_superuser=True)
    client.force_login(admin)
    attempt = AccessAttempt.objects.get(username="owner@example.com")
    unlock = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(unlock, {"post": "yes"}).status_code == 302
    client.logout()
    assert _sign_in(client, "owner@example.com", PASSWORD).status_code == 302


def test_a_right_password_before_the_limit_resets_the_count(client, owner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "owner@example.com", "wrong")
    assert _sign_in(client, "owner@example.com", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _sign_in(client, "owner@example.com", "wrong")
    assert _sign_in(client, "owner@example.com", PASSWORD).status_code == 302


def test_pages_carry_a_csp_without_inline_script(client):
    policy = client.get(reverse("login")).headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_signed_in_pages_are_never_stored_by_a_cache(client_for, workspace, viewer):
    BusinessFunctionFactory(workspace=workspace)
    response = client_for(viewer).get(reverse("function_list", args=[workspace.slug]))
    assert {part.strip() for part in response.headers["Cache-Control"].split(",")} >= {
        "private",
        "no-store",
    }


def test_https_redirect_and_hsts_when_the_settings_ask(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response.url.startswith("https://")
    secure = client.get(reverse("login"), secure=True)
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    # The load balancer's health probe stays on plain HTTP.
    assert client.get(reverse("healthz")).status_code == 200


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_403_page_says_why_and_offers_a_way_back(request, client_for, workspace, role):
    member = request.getfixturevalue(role)
    response = client_for(member).get(reverse("member_invite", args=[workspace.slug]))
    assert response.status_code in (403, 405)
    response = client_for(member).post(reverse("member_invite", args=[workspace.slug]))
    assert response.status_code == 403
    page = response.content.decode()
    assert "<main" in page
    assert "<h1" in page and "You cannot do that here" in page
    assert "Only owners of this workspace can do that." in page
    assert f'href="{reverse("home")}"' in page


def test_404_page_explains_and_offers_a_way_back(client_for, outsider, workspace):
    response = client_for(outsider).get(reverse("dashboard", args=[workspace.slug]))
    assert response.status_code == 404
    page = response.content.decode()
    assert "<main" in page and "<h1" in page
    assert "We could not find that page" in page
    assert "only that workspace’s members can open it" in page
    assert f'href="{reverse("workspace_list")}"' in page


def test_500_page_is_styled_and_offers_a_way_back(db):
    response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "<main" in page and "<h1" in page
    assert "Something went wrong on our side" in page
    assert 'href="/"' in page


def test_healthz_reports_database_and_broker(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert response.json()["status"] == "ok"


def test_healthz_answers_503_when_the_broker_is_down(client, settings, db):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"].startswith("unreachable")
    assert "127.0.0.1" not in response.content.decode()
