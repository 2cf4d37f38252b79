"""The Django admin is not a back door: catalog records and jobs can be looked up there,
never written (writes go through the curation pages' services)."""

import pytest
from django.urls import reverse

from outsourcing.models import Job
from tests.factories import JobFactory, UserFactory
from tests.vendors.factories import OfferingFactory, VendorFactory
from vendors.models import Vendor


@pytest.fixture
def superuser_client(client, db):
    client.force_login(UserFactory(email="root@example.com", is_superuser=True, is_staff=True))
    return client


def test_the_admin_shows_vendors_but_offers_no_save(superuser_client):
    vendor = OfferingFactory().vendor
    assert superuser_client.get(reverse("admin:vendors_vendor_changelist")).status_code == 200
    page = superuser_client.get(reverse("admin:vendors_vendor_change", args=[vendor.pk]))
    assert page.status_code == 200
    assert vendor.legal_name in page.content.decode()
    assert 'name="_save"' not in page.content.decode()


def test_the_admin_refuses_to_add_change_or_delete_a_vendor(superuser_client):
    vendor = VendorFactory(legal_name="Acme Services Ltd")
    assert superuser_client.get(reverse("admin:vendors_vendor_add")).status_code == 403
    response = superuser_client.post(
        reverse("admin:vendors_vendor_change", args=[vendor.pk]), {"legal_name": "Renamed"}
    )
    assert response.status_code == 403
    delete = reverse("admin:vendors_vendor_delete", args=[vendor.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    vendor.refresh_from_db()
    assert vendor.legal_name == "Acme Services Ltd"
    assert Vendor.objects.filter(pk=vendor.pk).exists()


@pytest.mark.parametrize(
    "url_name", ["admin:vendors_offering_add", "admin:vendors_serviceline_add"]
)
def test_catalog_records_cannot_be_added_in_the_admin(superuser_client, url_name):
    assert superuser_client.get(reverse(url_name)).status_code == 403


def test_a_job_cannot_be_set_by_hand_in_the_admin(superuser_client, workspace):
    job = JobFactory(workspace=workspace, status=Job.Status.FAILED)
    response = superuser_client.post(
        reverse("admin:outsourcing_job_change", args=[job.pk]), {"status": "running"}
    )
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
