"""The operations manager's journey in a real browser (headless Chromium via Playwright):
sign in, add a function, assess it, read the recommendation and its charts."""

import os

import pytest

from outsourcing.models import Role
from tests.conftest import browser_type_launch_args  # noqa: F401  (other browser modules import it from here)
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

# Playwright's sync API runs an event loop in this thread; the ORM calls here are the
# test's own set-up, not request handling, so Django's async guard can stand down.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def manager():
    workspace = WorkspaceFactory(name="Acme Manufacturing", slug="acme")
    user = UserFactory(email="manager@example.com", first_name="Mia", last_name="Manager")
    MembershipFactory(user=user, workspace=workspace, role=Role.EDITOR)
    return user


def _sign_in(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_add_assess_and_read_the_recommendation(page, live_server, manager, settings):
    _sign_in(page, live_server, "manager@example.com")
    page.wait_for_url("**/w/acme/")

    page.get_by_role("link", name="Functions", exact=True).click()
    page.get_by_role("link", name="Add the first function").click()
    page.get_by_label("Name").fill("Payroll processing")
    page.get_by_label("Department").fill("Finance")
    page.get_by_label("Annual in-house cost (EUR)").fill("420000")
    page.get_by_label("FTE").fill("6")
    page.get_by_role("button", name="Add function").click()
    page.get_by_text("“Payroll processing” added.").wait_for()

    page.get_by_role("link", name="Assess this function").click()
    # Payroll, from docs/domain.md's canonical cases: 1 4 5 2 2 2 3 2.
    for factor, value in [
        ("strategic_importance", 1),
        ("cost_saving_potential", 4),
        ("repetitiveness", 5),
        ("expertise_required", 2),
        ("technology_intensity", 2),
        ("control_need", 2),
        ("data_sensitivity", 3),
        ("demand_variability", 2),
    ]:
        page.locator(f"label[for='id_{factor}_{value - 1}']").click()
    page.get_by_role("button", name="Save and see the recommendation").click()

    recommendation = page.get_by_test_id("recommendation")
    recommendation.wait_for()
    assert recommendation.inner_text() == "BPO"
    assert page.get_by_test_id("explanation").inner_text().startswith("Recommended BPO")
    # Plotly drew both charts (it adds its own SVG container).
    page.locator("[data-chart='scores-chart'] .main-svg").first.wait_for()
    page.locator("[data-chart='contributions-chart'] .main-svg").first.wait_for()
    page.screenshot(path=_artifact("journey-result.png"), full_page=True)


def test_questionnaire_is_usable_with_the_keyboard(page, live_server, manager):
    from tests.factories import BusinessFunctionFactory

    function = BusinessFunctionFactory(workspace=manager.memberships.get().workspace)
    _sign_in(page, live_server, "manager@example.com")
    page.wait_for_url("**/w/acme/")
    page.goto(f"{live_server.url}/w/acme/functions/{function.pk}/assess/")
    first = page.locator("#id_strategic_importance_0")
    first.focus()
    page.keyboard.press("ArrowRight")  # radios: arrows move and select within the group
    assert page.locator("#id_strategic_importance_1").is_checked()


def _artifact(name: str) -> str:
    folder = os.path.join(os.path.dirname(__file__), "..", "test-artifacts")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, name)
