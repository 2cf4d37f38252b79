"""Tenancy, over the whole URL conf: a workspace's pages answer 404 to everyone who is not
a member, and send anonymous visitors to sign in. New URLs are covered automatically; a
URL whose arguments this test cannot fill fails the test until it is taught how."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from outsourcing.models import Job, Membership
from tests.factories import BusinessFunctionFactory, JobFactory
from tests.portfolio.factories import PortfolioReportFactory
from tests.vendors.contracts.factories import ContractFactory, ServiceLevelFactory


def _workspace_url_names(patterns=None, prefix="", namespace="") -> list[tuple[str, tuple]]:
    """(name, kwargs) of every named URL below /w/<slug>/."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _workspace_url_names(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and route.startswith("w/<slug:"):
            found.append((namespace + pattern.name, tuple(pattern.pattern.converters)))
    return sorted(found)


WORKSPACE_URLS = _workspace_url_names()
OBJECT_URLS = [(name, kwargs) for name, kwargs in WORKSPACE_URLS if "pk" in kwargs]


def _objects_of(workspace, owner):
    """One object of each kind a workspace URL can point at."""
    contract = ContractFactory(workspace=workspace)
    return {
        "contract": contract,
        "sla": ServiceLevelFactory(contract=contract),
        "function": BusinessFunctionFactory(workspace=workspace),
        "member": Membership.objects.get(workspace=workspace, user=owner),
        "job": JobFactory(workspace=workspace),
        "import": JobFactory(
            workspace=workspace, kind=Job.Kind.IMPORT_FUNCTIONS, status=Job.Status.PREVIEW
        ),
        "portfolio_report": PortfolioReportFactory(workspace=workspace),
    }


# Which object a URL's <pk> names, by URL name prefix.
PK_KIND = {
    "function": "function",
    "member": "member",
    "job": "job",
    "import": "import",
    "contract": "contract",
    "sla": "sla",
    "portfolio_report": "portfolio_report",
}
# Other URL arguments, by name: a value that names something every workspace has.
OTHER_KWARGS = {"file_format": "pdf"}


def _url_for(name, kwargs, slug, objects):
    values = {"slug": slug}
    for kwarg in kwargs:
        if kwarg == "slug":
            continue
        if kwarg in OTHER_KWARGS:
            values[kwarg] = OTHER_KWARGS[kwarg]
            continue
        if kwarg != "pk":
            pytest.fail(f"URL {name} takes <{kwarg}>: teach test_tenancy how to fill it")
        kind = next(
            (k for prefix, k in PK_KIND.items() if name.split(":")[-1].startswith(prefix)), None
        )
        if kind is None:
            pytest.fail(f"URL {name} takes <pk>: teach test_tenancy which object it names")
        values["pk"] = objects[kind].pk
    return reverse(name, kwargs=values)


def test_the_url_conf_has_workspace_urls():
    assert len(WORKSPACE_URLS) >= 10


@pytest.mark.parametrize(("name", "kwargs"), WORKSPACE_URLS, ids=[n for n, _ in WORKSPACE_URLS])
@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404(client, workspace, owner, outsider, name, kwargs, method):
    url = _url_for(name, kwargs, workspace.slug, _objects_of(workspace, owner))
    client.force_login(outsider)
    assert getattr(client, method)(url).status_code == 404


@pytest.mark.parametrize(("name", "kwargs"), OBJECT_URLS, ids=[n for n, _ in OBJECT_URLS])
def test_member_asking_for_another_workspaces_object_gets_404(
    client, workspace, owner, other_workspace, outsider, name, kwargs
):
    # The outsider is owner of other_workspace: their own slug, the victim's object.
    url = _url_for(name, kwargs, other_workspace.slug, _objects_of(workspace, owner))
    client.force_login(outsider)
    assert client.post(url).status_code == 404
    # A POST-only view refuses a GET before it looks anything up: 405 says nothing about
    # whether the object exists, so it leaks nothing either.
    assert client.get(url).status_code in (404, 405)


@pytest.mark.parametrize(("name", "kwargs"), WORKSPACE_URLS, ids=[n for n, _ in WORKSPACE_URLS])
def test_anonymous_is_sent_to_sign_in(client, workspace, owner, name, kwargs):
    url = _url_for(name, kwargs, workspace.slug, _objects_of(workspace, owner))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unknown_workspace_is_404_even_for_signed_in_people(client, outsider):
    client.force_login(outsider)
    assert client.get("/w/no-such-workspace/functions/").status_code == 404
