import hashlib

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken
from api.services import token_create


def _bearer(secret):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_profile_page_lists_tokens_and_never_their_secrets(client_for, owner):
    issued = token_create(user=owner, name="Power BI")
    response = client_for(owner).get(reverse("profile"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Power BI" in page
    assert issued.secret not in page
    assert f"sw_{issued.token.prefix}_" in page


def test_anonymous_is_sent_to_sign_in_from_the_profile(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_creating_a_token_shows_it_once_and_stores_only_its_hash(client_for, owner):
    response = client_for(owner).post(reverse("token_create"), {"name": "  BI   refresh "})
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=owner)
    assert token.name == "BI refresh"
    secret = response.context["issued"].secret
    assert secret in response.content.decode()
    assert secret.startswith(f"sw_{token.prefix}_")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.concrete_fields]
    assert not any(secret in value for value in stored)
    # Shown once: the next visit does not have it.
    assert secret not in client_for(owner).get(reverse("profile")).content.decode()


def test_a_duplicate_token_name_is_refused_naming_the_field(client_for, owner):
    token_create(user=owner, name="Scripts")
    response = client_for(owner).post(reverse("token_create"), {"name": "scripts"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["You already have a token with this name."]
    assert ApiToken.objects.filter(user=owner).count() == 1


def test_a_token_authenticates_and_records_when_it_was_used(owner, workspace):
    issued = token_create(user=owner, name="Scripts")
    assert issued.token.last_used_at is None
    response = _bearer(issued.secret).get(reverse("api:workspace_list"))
    assert response.status_code == 200
    assert [w["slug"] for w in response.json()["results"]] == [workspace.slug]
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None


def test_a_revoked_token_stops_working(client_for, owner):
    issued = token_create(user=owner, name="Scripts")
    assert _bearer(issued.secret).get(reverse("api:workspace_list")).status_code == 200
    response = client_for(owner).post(reverse("token_revoke", args=[issued.token.pk]))
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=issued.token.pk).exists()
    refused = _bearer(issued.secret).get(reverse("api:workspace_list"))
    assert refused.status_code == 401
    assert "not valid" in refused.json()["detail"]


def test_nobody_can_revoke_someone_elses_token(client_for, owner, outsider):
    issued = token_create(user=owner, name="Scripts")
    response = client_for(outsider).post(reverse("token_revoke", args=[issued.token.pk]))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=issued.token.pk).exists()


@pytest.mark.parametrize(
    "header",
    [
        "Bearer sw_nothing_here",
        "Bearer not-even-our-format",
        "Bearer",
        "Bearer two words",
    ],
)
def test_a_wrong_token_is_401_not_anonymous_access(owner, header):
    issued = token_create(user=owner, name="Scripts")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.replace("sw_nothing", f"sw_{issued.token.prefix}"))
    response = client.get(reverse("api:workspace_list"))
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_deactivated_persons_token_stops_working(owner):
    issued = token_create(user=owner, name="Scripts")
    owner.is_active = False
    owner.save()
    assert _bearer(issued.secret).get(reverse("api:workspace_list")).status_code == 401


def test_the_browser_session_works_too(client_for, owner, workspace):
    response = client_for(owner).get(reverse("api:workspace_detail", args=[workspace.slug]))
    assert response.status_code == 200
    assert response.json()["role"] == "owner"


def test_requests_beyond_the_tokens_budget_are_throttled(settings, owner):
    settings.API_THROTTLE_RATE = "3/minute"
    first = _bearer(token_create(user=owner, name="Busy script").secret)
    statuses = [first.get(reverse("api:workspace_list")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = first.get(reverse("api:workspace_list"))
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    # The budget is the token's: another token of the same person still has its own.
    second = _bearer(token_create(user=owner, name="Other script").secret)
    assert second.get(reverse("api:workspace_list")).status_code == 200
