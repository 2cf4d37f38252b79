import itertools

import pytest
from rest_framework.test import APIClient

from api.services import token_create
from tests.factories import UserFactory
from tests.vendors.factories import make_curator


@pytest.fixture(autouse=True)
def _generous_throttle(settings):
    """Tests make many requests a minute; the throttle has its own test."""
    settings.API_THROTTLE_RATE = "100000/minute"


@pytest.fixture
def api_as():
    """api_as(user) is an API client sending a fresh personal token of `user`; None is
    anonymous."""

    issued = itertools.count(1)

    def client_for(user):
        client = APIClient()
        if user is not None:
            secret = token_create(user=user, name=f"test token {next(issued)}").secret
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return client

    return client_for


@pytest.fixture
def curator(db):
    return make_curator()


@pytest.fixture
def reader(db):
    """Signed in, not a curator, and a member of no workspace."""
    return UserFactory(email="reader@example.com")
