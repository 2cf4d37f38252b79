"""No clear call and close calls as people see them: stored, listed, filtered, explained."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from assessments.models import Assessment, Recommendation
from portfolio.selectors.dashboard import portfolio_summary
from tests.factories import PAYROLL, BusinessFunctionFactory, assess
from vendors.selectors.matching import function_vendor_shortlist

NEUTRAL = (3, 3, 3, 3, 3, 3, 3, 3)
# Routine, fairly important, closely overseen, with savings: BPO, but one step more strategic
# importance would keep it in-house (tests/assessments/scoring_cases.py).
FRAGILE = (4, 4, 4, 2, 2, 4, 3, 3)


@pytest.fixture
def level(workspace):
    function = BusinessFunctionFactory(workspace=workspace, name="Facilities coordination")
    assess(function, NEUTRAL)
    function.refresh_from_db()
    return function


def test_a_tie_is_stored_as_no_clear_call_not_as_a_default_option(level):
    assessment = level.latest_assessment
    assert assessment.recommendation == Recommendation.NO_CALL
    assert assessment.get_recommendation_display() == "No clear call"
    assert not assessment.close_call
    assert {"factor": "repetitiveness", "step": 1, "outcome": "BPO"} in assessment.flips
    assert assessment.level_text == "BPO, KPO, ITO and in-house"


def test_the_database_refuses_a_recommendation_that_is_not_an_outcome(level):
    with pytest.raises(IntegrityError):
        Assessment.objects.filter(pk=level.latest_assessment_id).update(recommendation="NONE")


def test_the_function_page_says_no_clear_call_and_what_would_settle_it(
    client_for, workspace, level, viewer
):
    page = (
        client_for(viewer)
        .get(reverse("function_detail", args=[workspace.slug, level.pk]))
        .content.decode()
    )
    assert 'data-testid="recommendation">No clear call</span>' in page
    assert "BPO, KPO, ITO and in-house level, within 1 point (score 50)" in page
    assert 'data-testid="no-clear-call"' in page
    assert "One step more repetitiveness would make it BPO" in page
    assert "Recommended" not in page
    assert "Stays without a clear call" in page


def test_a_close_call_lists_the_steps_that_would_flip_it_beside_the_flag(
    client_for, workspace, viewer
):
    function = BusinessFunctionFactory(workspace=workspace, name="Order entry")
    assess(function, FRAGILE)
    page = (
        client_for(viewer)
        .get(reverse("function_detail", args=[workspace.slug, function.pk]))
        .content.decode()
    )
    flag = page[page.index('data-testid="close-call"') :]
    flag = flag[: flag.index("</div>")]
    assert "A close call." in flag
    assert "<li>One step more strategic importance would make it in-house</li>" in flag


def test_the_function_list_shows_and_filters_no_clear_call(client_for, workspace, level, viewer):
    clear = BusinessFunctionFactory(workspace=workspace, name="Payroll processing")
    assess(clear, PAYROLL)
    url = reverse("function_list", args=[workspace.slug])
    page = client_for(viewer).get(url, {"recommendation": "NO_CALL"}).content.decode()
    assert "Facilities coordination" in page
    assert "Payroll processing" not in page
    assert 'class="badge badge-option-NO_CALL">No clear call</span>' in page
    assert '<option value="NO_CALL" selected>No clear call</option>' in page


def test_the_dashboard_counts_no_clear_call_apart_from_the_options(workspace, level):
    assess(BusinessFunctionFactory(workspace=workspace), PAYROLL)
    summary = portfolio_summary(workspace=workspace)
    counts = {total.option: total.count for total in summary.totals}
    assert counts["NO_CALL"] == 1
    assert counts["BPO"] == 1
    assert summary.function_count == 2
    labels = [total.label for total in summary.totals]
    assert "No clear call" in labels


def test_the_dashboard_has_no_no_clear_call_card_when_every_call_is_clear(workspace):
    assess(BusinessFunctionFactory(workspace=workspace), PAYROLL)
    options = [total.option for total in portfolio_summary(workspace=workspace).totals]
    assert options == ["BPO", "KPO", "ITO", "IN_HOUSE"]


def test_no_clear_call_gets_no_vendor_shortlist(workspace, level):
    shortlist = function_vendor_shortlist(function=level, workspace=workspace)
    assert shortlist.state == "no_call"
    assert shortlist.candidates == []
    assert "no clear call" in shortlist.message
