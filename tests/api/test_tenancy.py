"""Tenancy over the whole API URL conf, like tests/outsourcing/test_tenancy.py for the
pages: a workspace's endpoints answer 404 to non-members (for every method), 401 to
anonymous callers, and 403 to a viewer who tries to write. New endpoints are covered
automatically; one whose arguments this test cannot fill fails until it is taught how."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from outsourcing.models import Role
from tests.factories import BusinessFunctionFactory, JobFactory, assess

METHODS = ("get", "post", "put", "patch", "delete")


def _api_urls(patterns=None, prefix="", namespace=""):
    """(name, route, view class) of every named URL under /api/v1/."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += _api_urls(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and route.startswith("api/v1/") and pattern.name:
            view_class = getattr(pattern.callback, "view_class", None)
            found.append((namespace + pattern.name, route, view_class))
    return sorted(found, key=lambda item: item[0])


API_URLS = _api_urls()
WORKSPACE_URLS = [(n, c) for n, r, c in API_URLS if r.startswith("api/v1/workspaces/<slug:")]
# Endpoints outside a workspace, and who may use them (checked in test_catalog_access etc.).
OTHER_URLS = {
    "api:schema",
    "api:docs",
    "api:redoc",
    "api:problem_type",
    "api:not_found",
    "api:workspace_list",
    "api:bulk_score",
    "api:vendor_list",
    "api:vendor_detail",
    "api:vendor_status",
    "api:service_line_list",
    # A vendor's records: api:vendor_offerings, api:vendor_offerings_detail …
    *(
        n
        for n, _, _ in API_URLS
        if n.startswith("api:vendor_")
        and n.split("_")[1] in ("offerings", "centres", "certifications", "rate")
    ),
}


def _cases(urls):
    return [
        (name, method, view_class)
        for name, view_class in urls
        for method in METHODS
        if hasattr(view_class, method)
    ]


CASES = _cases(WORKSPACE_URLS)
OBJECT_ROUTES = {n for n, r, _ in API_URLS if "<int:pk>" in r}
WRITE_CASES = [case for case in CASES if case[1] != "get" and Role.rank(case[2].write_role) > 1]


def _url(name, slug, objects):
    kwargs = {"slug": slug}
    if name in OBJECT_ROUTES:
        short = name.split(":")[-1]
        kind = next((k for k in ("function", "job") if short.startswith(f"{k}_")), None)
        if kind is None:
            pytest.fail(f"URL {name} takes <pk>: teach test_tenancy which object it names")
        kwargs["pk"] = objects[kind].pk
    return reverse(name, kwargs=kwargs)


def _objects_of(workspace):
    function = BusinessFunctionFactory(workspace=workspace)
    assess(function)
    return {"function": function, "job": JobFactory(workspace=workspace)}


def test_every_api_url_is_covered():
    names = {name for name, _, _ in API_URLS}
    assert names - OTHER_URLS == {name for name, _ in WORKSPACE_URLS}
    assert len(CASES) >= 15


@pytest.mark.parametrize(
    ("name", "method", "view_class"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES]
)
def test_outsider_gets_404(api_as, workspace, outsider, name, method, view_class):
    url = _url(name, workspace.slug, _objects_of(workspace))
    response = getattr(api_as(outsider), method)(url, {}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


OBJECT_CASES = [case for case in CASES if case[0] in OBJECT_ROUTES]


@pytest.mark.parametrize(
    ("name", "method", "view_class"), OBJECT_CASES, ids=[f"{n}-{m}" for n, m, _ in OBJECT_CASES]
)
def test_member_asking_for_another_workspaces_object_gets_404(
    api_as, workspace, other_workspace, outsider, name, method, view_class
):
    # The outsider owns other_workspace: their own slug, the victim's object.
    url = _url(name, other_workspace.slug, _objects_of(workspace))
    response = getattr(api_as(outsider), method)(url, {}, format="json")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "method", "view_class"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES]
)
def test_anonymous_gets_401(api_as, workspace, owner, name, method, view_class):
    url = _url(name, workspace.slug, _objects_of(workspace))
    response = getattr(api_as(None), method)(url, {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


@pytest.mark.parametrize(
    ("name", "method", "view_class"), WRITE_CASES, ids=[f"{n}-{m}" for n, m, _ in WRITE_CASES]
)
def test_viewer_write_gets_403(api_as, workspace, viewer, name, method, view_class):
    url = _url(name, workspace.slug, _objects_of(workspace))
    response = getattr(api_as(viewer), method)(url, {}, format="json")
    assert response.status_code == 403
    assert response.json()["title"] == "Forbidden"


@pytest.mark.parametrize(
    ("name", "method", "view_class"), WRITE_CASES, ids=[f"{n}-{m}" for n, m, _ in WRITE_CASES]
)
def test_an_editor_may_write_unless_owners_only(
    api_as, workspace, editor, name, method, view_class
):
    url = _url(name, workspace.slug, _objects_of(workspace))
    response = getattr(api_as(editor), method)(url, {}, format="json")
    if view_class.write_role == Role.OWNER:
        assert response.status_code == 403
    else:
        assert response.status_code not in (401, 403, 404)


@pytest.mark.parametrize(
    ("name", "method", "view_class"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES]
)
def test_owner_is_let_in(api_as, workspace, owner, name, method, view_class):
    url = _url(name, workspace.slug, _objects_of(workspace))
    response = getattr(api_as(owner), method)(url, {}, format="json")
    # Empty bodies are refused as bad input (400), a download of an unfinished job is
    # 409; what matters is that the owner got past the door.
    assert response.status_code in (200, 201, 202, 400, 409)


PUBLIC_URLS = {"api:schema", "api:docs", "api:redoc", "api:problem_type", "api:not_found"}
SIGNED_IN_CASES = [
    (name, route, method)
    for name, route, view_class in API_URLS
    if name in OTHER_URLS - PUBLIC_URLS
    for method in METHODS
    if hasattr(view_class, method)
]


@pytest.mark.parametrize(
    ("name", "route", "method"), SIGNED_IN_CASES, ids=[f"{n}-{m}" for n, _, m in SIGNED_IN_CASES]
)
def test_anonymous_gets_401_outside_workspaces_too(api_as, db, name, route, method):
    kwargs = {key: 1 for key in ("pk", "record_pk") if f"<int:{key}>" in route}
    url = reverse(name, kwargs=kwargs)
    response = getattr(api_as(None), method)(url, {}, format="json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
