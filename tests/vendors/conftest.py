import pytest

from tests.factories import UserFactory
from tests.vendors.factories import make_curator


@pytest.fixture
def curator(db):
    return make_curator()


@pytest.fixture
def signed_in_user(db):
    """Signed in, not a curator, and a member of no workspace."""
    return UserFactory(email="reader@example.com")
