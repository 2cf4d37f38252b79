"""The Content Security Policy holds in a real browser: the main pages load with no
violation (no inline script, no handler attributes, nothing from elsewhere)."""

import os
from datetime import date, timedelta

import pytest

from assessments.rounds.services import round_open
from outsourcing.models import Job, Role
from tests.conftest import seed_migration_data
from tests.factories import (
    IT_HELPDESK,
    PASSWORD,
    PAYROLL,
    BusinessFunctionFactory,
    JobFactory,
    MembershipFactory,
    UserFactory,
    WorkspaceFactory,
    assess,
)
from tests.vendors.factories import OfferingFactory, make_curator

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # as in test_journey.py

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collect violations as the browser reports them to the page, besides its console.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _sign_in(page, base_url, email):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _visit_all(page, base_url, paths) -> list[str]:
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    for path in paths:
        response = page.goto(f"{base_url}{path}")
        assert response.status in (200, 404), f"{path} answered {response.status}"
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
        problems += [f"{path}: {v}" for v in page.evaluate("window.__cspViolations")]
    return problems


def test_the_main_pages_raise_no_csp_violation(page, live_server):
    workspace = WorkspaceFactory(name="Acme Manufacturing", slug="acme")
    owner = UserFactory(email="owner@example.com")
    MembershipFactory(user=owner, workspace=workspace, role=Role.OWNER)
    payroll = BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    assess(payroll, PAYROLL)
    assess(BusinessFunctionFactory(workspace=workspace, name="IT help desk"), IT_HELPDESK)
    job = JobFactory(workspace=workspace, status=Job.Status.RUNNING, progress=30)
    round_ = round_open(
        function=payroll,
        opened_by=owner,
        assessors=[owner],
        due_date=date.today() + timedelta(days=7),
    )
    page.add_init_script(RECORD_VIOLATIONS)

    problems = _visit_all(page, live_server.url, ["/accounts/login/"])
    _sign_in(page, live_server.url, "owner@example.com")
    problems += _visit_all(
        page,
        live_server.url,
        [
            "/w/acme/",
            "/w/acme/functions/",
            f"/w/acme/functions/{payroll.pk}/",
            f"/w/acme/functions/{payroll.pk}/assess/",
            f"/w/acme/functions/{payroll.pk}/vendors/",
            f"/w/acme/functions/{payroll.pk}/business-case/",
            "/w/acme/business-case/settings/",
            "/w/acme/functions/import/",
            "/w/acme/weights/",
            "/w/acme/methodology/",
            "/w/acme/members/",
            f"/w/acme/jobs/{job.pk}/",
            "/w/acme/rounds/",
            f"/w/acme/rounds/{round_.pk}/",
            f"/w/acme/functions/{payroll.pk}/rounds/new/",
            "/w/acme/activity/",
            "/w/acme/contracts/",
            "/w/acme/contracts/new/",
            "/w/acme/contracts/import/",
            "/w/acme/reports/",
            "/w/acme/reports/new/",
            "/profile/",
            "/vendors/",
            "/w/nowhere/",
        ],
    )
    assert problems == []


def test_curation_pages_raise_no_csp_violation(page, live_server):
    seed_migration_data()  # the curators group, flushed by earlier transactional tests
    make_curator("curator@example.com")
    offering = OfferingFactory()
    page.add_init_script(RECORD_VIOLATIONS)
    _sign_in(page, live_server.url, "curator@example.com")
    problems = _visit_all(
        page,
        live_server.url,
        [
            f"/vendors/{offering.vendor.pk}/",
            f"/vendors/{offering.vendor.pk}/edit/",
            "/vendors/new/",
        ],
    )
    assert problems == []


def test_the_admin_raises_no_csp_violation(page, live_server):
    seed_migration_data()  # the service lines, flushed by earlier transactional tests
    UserFactory(email="root@example.com", is_staff=True, is_superuser=True)
    vendor = OfferingFactory().vendor
    page.add_init_script(RECORD_VIOLATIONS)
    _sign_in(page, live_server.url, "root@example.com")
    problems = _visit_all(
        page,
        live_server.url,
        [
            "/admin/",
            "/admin/axes/accessattempt/",
            "/admin/vendors/vendor/",
            f"/admin/vendors/vendor/{vendor.pk}/change/",
        ],
    )
    assert problems == []


def test_the_api_documentation_raises_no_csp_violation(page, live_server):
    page.add_init_script(RECORD_VIOLATIONS)
    problems = _visit_all(page, live_server.url, ["/api/v1/docs/", "/api/v1/redoc/"])
    # Redoc's bundle always asks its maker's CDN for a logo: the policy blocking it is the
    # point (nothing from a CDN), and the page hides the image.
    assert [p for p in problems if "cdn.redoc.ly" not in p] == []
