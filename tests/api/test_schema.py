"""The OpenAPI schema: valid, complete, and true of the live API (Schemathesis)."""

import pytest
import schemathesis
from django.test.client import ClientHandler
from django.urls import reverse
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.services import token_create
from outsourcing.models import Role
from tests.factories import BusinessFunctionFactory, JobFactory, MembershipFactory, assess
from tests.vendors.factories import OfferingFactory, make_curator

SCHEMA_URL = "/api/v1/schema/"
# Examples per operation: enough to meet bad input of each kind, few enough for `make test`.
EXAMPLES = 10


@pytest.fixture
def schema_document(client):
    response = client.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi(schema_document):
    validate(schema_document)


def test_every_operation_documents_its_problems(schema_document):
    operations = [
        (path, method, operation)
        for path, methods in schema_document["paths"].items()
        for method, operation in methods.items()
    ]
    assert len(operations) >= 25
    for path, method, operation in operations:
        for code in ("400", "401", "403", "404", "429"):
            problem = operation["responses"][code]["content"]["application/problem+json"]
            assert problem["schema"]["$ref"].endswith("/Problem"), (path, method, code)
        assert operation.get("summary"), (path, method)


def test_enums_are_documented(schema_document):
    schemas = schema_document["components"]["schemas"]
    assert schemas["SourcingOptionEnum"]["enum"] == ["BPO", "KPO", "ITO", "IN_HOUSE"]
    assert "succeeded" in schemas["JobStatusEnum"]["enum"]
    assert "1/9" in schemas["SaatyJudgementEnum"]["enum"]


def test_swagger_ui_and_redoc_are_served_from_our_own_static_files(client):
    for name in ("api:docs", "api:redoc"):
        page = client.get(reverse(name)).content.decode()
        assert "drf_spectacular_sidecar" in page
        assert "cdn" not in page.lower()


class TransactionWsgi:
    """Django's test handler as a WSGI app, so Schemathesis's requests run inside the
    test's transaction (and database) like the test client's."""

    def __init__(self):
        self.handler = ClientHandler(enforce_csrf_checks=True)

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        headers = list(response.items())
        start_response(f"{response.status_code} {response.reason_phrase}", headers)
        if response.streaming:
            return [b"".join(response.streaming_content)]
        return [response.content]


@pytest.fixture
def live_data(db, settings):
    settings.API_THROTTLE_RATE = "100000/minute"
    user = make_curator("owner-curator@example.com")
    membership = MembershipFactory(user=user, role=Role.OWNER)
    function = BusinessFunctionFactory(workspace=membership.workspace)
    assess(function)
    OfferingFactory()
    return {
        "token": token_create(user=user, name="schemathesis").secret,
        "slug": membership.workspace.slug,
        "function": function.pk,
        "job": JobFactory(workspace=membership.workspace).pk,
    }


# Loaded when the module is collected: fetching the schema needs no database.
schema = schemathesis.openapi.from_wsgi(
    SCHEMA_URL,
    TransactionWsgi(),
    config=SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}}}),
)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema(case, live_data):
    """No input the schema allows (or nearly allows) makes a 500, an undocumented status,
    or a response that does not match its schema."""
    if "slug" in case.path_parameters:
        case.path_parameters["slug"] = live_data["slug"]
    if "id" in case.path_parameters and "/functions/" in case.path:
        case.path_parameters["id"] = live_data["function"]
    if "id" in case.path_parameters and "/jobs/" in case.path:
        case.path_parameters["id"] = live_data["job"]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {live_data['token']}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
