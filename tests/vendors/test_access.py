"""Who may do what in the catalog: every catalog URL as curator, ordinary signed-in user
and anonymous visitor. Browsing is for everyone signed in; everything else is curators'."""

import pytest
from django.urls import URLPattern, get_resolver, reverse

from tests.vendors.factories import OfferingFactory
from vendors.services.catalog_import import catalog_upload

FILES = [("vendors.csv", b"legal_name,headquarters_country\nNew Co,DE\n")]

BROWSING = {"vendors:vendor_list", "vendors:vendor_detail"}


def _catalog_url_names() -> list[str]:
    resolver = get_resolver().url_patterns
    names = []
    for pattern in resolver:
        if getattr(pattern, "namespace", None) == "vendors":
            names += [
                f"vendors:{p.name}" for p in pattern.url_patterns if isinstance(p, URLPattern)
            ]
    return sorted(names)


CATALOG_URLS = _catalog_url_names()
CURATOR_URLS = [name for name in CATALOG_URLS if name not in BROWSING]


def _url(name: str, curator) -> str:
    offering = OfferingFactory()
    upload = catalog_upload(uploaded_by=curator, files=FILES)
    pattern = next(
        p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "vendors"
    )
    route = next(p for p in pattern.url_patterns if f"vendors:{p.name}" == name)
    kwargs = {}
    for converter in route.pattern.converters:
        kwargs[converter] = {
            "pk": offering.vendor.pk if "service_line" not in name else offering.service_line.pk,
            "kind": "offerings",
            "record_pk": offering.pk,
            "job_pk": upload.pk,
        }[converter]
    return reverse(name, kwargs=kwargs)


def test_the_catalog_has_curator_urls():
    assert len(CURATOR_URLS) >= 15


@pytest.mark.parametrize("name", CURATOR_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_ordinary_user_gets_403_on_curator_pages(client, curator, signed_in_user, name, method):
    url = _url(name, curator)
    client.force_login(signed_in_user)
    assert getattr(client, method)(url).status_code == 403


@pytest.mark.parametrize("name", CATALOG_URLS)
def test_anonymous_is_sent_to_sign_in(client, curator, name):
    response = client.get(_url(name, curator))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(BROWSING))
def test_every_signed_in_user_can_browse(client, curator, signed_in_user, name):
    url = _url(name, curator)
    client.force_login(signed_in_user)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "vendors:vendor_create",
        "vendors:vendor_edit",
        "vendors:vendor_history",
        "vendors:vendor_merge",
        "vendors:record_create",
        "vendors:record_edit",
        "vendors:service_lines",
        "vendors:service_line_create",
        "vendors:service_line_edit",
        "vendors:duplicates",
        "vendors:catalog_import",
        "vendors:catalog_import_preview",
    ],
)
def test_curator_can_open_curator_pages(client, curator, name):
    url = _url(name, curator)
    client.force_login(curator)
    assert client.get(url).status_code == 200


def test_superuser_is_a_curator_without_the_group(client, db):
    from tests.factories import UserFactory

    admin = UserFactory(email="root@example.com", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("vendors:vendor_create")).status_code == 200


def test_another_curators_upload_is_404(client, curator):
    from tests.vendors.factories import make_curator

    upload = catalog_upload(uploaded_by=curator, files=FILES)
    client.force_login(make_curator("second@example.com"))
    for name in ("catalog_import_preview", "catalog_import_commit", "catalog_import_cancel"):
        url = reverse(f"vendors:{name}", kwargs={"job_pk": upload.pk})
        assert (
            getattr(client, "get" if name.endswith("preview") else "post")(url).status_code == 404
        )


def test_curators_see_write_buttons_and_others_do_not(client, curator, signed_in_user):
    offering = OfferingFactory()
    url = reverse("vendors:vendor_detail", args=[offering.vendor.pk])
    client.force_login(signed_in_user)
    assert b"Suspend" not in client.get(url).content
    client.force_login(curator)
    assert b"Suspend" in client.get(url).content
