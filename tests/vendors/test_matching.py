"""The vendor shortlist on a small known catalog, where the order can be worked out by hand."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import FACTOR_FIELDS, Assessment
from outsourcing.currencies import exchange_rate
from tests.factories import BusinessFunctionFactory, WorkspaceFactory
from tests.vendors.factories import (
    CentreFactory,
    CertificationFactory,
    OfferingFactory,
    RateCardFactory,
    VendorFactory,
    service_line,
)
from vendors.models import CertificationKind, RateCard, RateUnit, Vendor, VendorStatus
from vendors.pricing import HOURS_PER_FTE_YEAR
from vendors.selectors.matching import annual_cost, function_vendor_shortlist

pytestmark = pytest.mark.django_db


def assess(function, recommendation="BPO", data_sensitivity=2):
    ratings = dict.fromkeys(FACTOR_FIELDS, 3) | {"data_sensitivity": data_sensitivity}
    assessment = Assessment.objects.create(
        function=function,
        **ratings,
        score_bpo=0.7,
        score_kpo=0.4,
        score_ito=0.3,
        score_in_house=0.2,
        recommendation=recommendation,
        runner_up="KPO",
        margin=0.3,
        close_call=False,
        explanation="",
        contributions={},
        weights={},
        model_version="test",
    )
    function.latest_assessment = assessment
    function.save(update_fields=["latest_assessment"])
    return function


def vendor(
    name, *, capability, rate, country, certs=(), status=VendorStatus.APPROVED, line="payroll"
):
    v = VendorFactory(legal_name=name, status=status)
    OfferingFactory(vendor=v, service_line=service_line(line), capability_level=capability)
    CentreFactory(vendor=v, country=country, time_zone="UTC")
    if rate is not None:
        RateCardFactory(
            vendor=v, service_line=service_line(line), delivery_country=country, rate=Decimal(rate)
        )
    for kind in certs:
        CertificationFactory(vendor=v, kind=kind)
    return v


@pytest.fixture
def catalog():
    """A best on every criterion, C worst on every one, B between; D suspended; E another line."""
    iso27001, iso9001 = CertificationKind.ISO_27001, CertificationKind.ISO_9001
    return {
        "A": vendor(
            "Alpha",
            capability=5,
            rate="1800",
            country="DE",
            status=VendorStatus.PREFERRED,
            certs=[iso27001, iso9001],
        ),
        "B": vendor("Bravo", capability=3, rate="2000", country="PL", certs=[iso9001]),
        "C": vendor("Charlie", capability=2, rate="4000", country="IN", status="prospect"),
        "D": vendor(
            "Delta", capability=5, rate="1000", country="DE", status="suspended", certs=[iso27001]
        ),
        "E": vendor("Echo", capability=5, rate="1000", country="DE", line="it-support"),
    }


@pytest.fixture
def payroll(workspace):
    return BusinessFunctionFactory(
        workspace=workspace,
        name="Payroll processing",
        service_line=service_line("payroll"),
        fte=Decimal("2"),
        monthly_volume=1000,
    )


@pytest.fixture
def gbp_workspace():
    return WorkspaceFactory(slug="british", country="GB", currency="GBP")


def names(shortlist):
    return [c.vendor.legal_name for c in shortlist.candidates]


def test_order_follows_dominance_and_excludes_suspended(catalog, workspace, payroll):
    shortlist = function_vendor_shortlist(function=assess(payroll), workspace=workspace)
    assert shortlist.state == "ranked"
    assert names(shortlist) == ["Alpha", "Bravo", "Charlie"]
    alpha, bravo, charlie = shortlist.candidates
    assert alpha.closeness == pytest.approx(1.0)
    assert charlie.closeness == pytest.approx(0.0)
    assert 0 < bravo.closeness < 1
    assert [e.vendor.legal_name for e in shortlist.excluded] == ["Delta"]
    assert shortlist.excluded[0].reasons == ["suspended"]


def test_each_criterion_is_scored_and_shown(catalog, workspace, payroll):
    shortlist = function_vendor_shortlist(function=assess(payroll), workspace=workspace)
    alpha = shortlist.candidates[0]
    shown = {s.criterion.key: s.shown for s in alpha.scores}
    assert shown["capability"] == "5 of 5"
    assert shown["cost"] == "EUR 43,200"  # 1,800 × 12 months × 2 FTE
    assert shown["shore"] == "Onshore (DE)"
    assert shown["status"] == "Preferred"
    assert all(s.score == pytest.approx(1.0) for s in alpha.scores)
    assert all(s.score == pytest.approx(0.0) for s in shortlist.candidates[2].scores)


def test_sensitive_function_excludes_vendors_without_security_certificate(
    catalog, workspace, payroll
):
    lapsed = vendor("Foxtrot", capability=5, rate="1500", country="DE")
    CertificationFactory(
        vendor=lapsed,
        kind=CertificationKind.SOC2_TYPE2,
        issued_on=date(2022, 1, 1),
        expires_on=date.today() - timedelta(days=10),
    )
    shortlist = function_vendor_shortlist(
        function=assess(payroll, data_sensitivity=5), workspace=workspace
    )
    assert names(shortlist) == ["Alpha"]
    reasons = {e.vendor.legal_name: e.reasons for e in shortlist.excluded}
    assert reasons["Bravo"] == ["holds neither ISO 27001 nor SOC 2 Type II"]
    assert reasons["Charlie"] == ["holds neither ISO 27001 nor SOC 2 Type II"]
    assert reasons["Foxtrot"][0].startswith("its SOC 2 Type II expired on")
    assert "ISO 27001 or SOC 2 Type II in force is required" in shortlist.requirements[0]


def test_not_assessed_and_in_house_say_so_instead_of_ranking(catalog, workspace, payroll):
    assert function_vendor_shortlist(function=payroll, workspace=workspace).state == "not_assessed"
    shortlist = function_vendor_shortlist(
        function=assess(payroll, recommendation="IN_HOUSE"), workspace=workspace
    )
    assert shortlist.state == "in_house"
    assert "keep this function in-house" in shortlist.message
    assert shortlist.candidates == []


def test_function_without_service_line_asks_for_one_instead_of_ranking(catalog, workspace):
    function = assess(
        BusinessFunctionFactory(workspace=workspace, service_line=None), recommendation="ITO"
    )
    shortlist = function_vendor_shortlist(function=function, workspace=workspace)
    assert shortlist.state == "no_service_line"
    assert shortlist.candidates == []
    assert "Choose the service line" in shortlist.message


def test_rates_in_other_currencies_are_converted_and_say_which_rate(catalog, workspace, payroll):
    usd = vendor("Golf", capability=5, rate=None, country="DE", status=VendorStatus.PREFERRED)
    RateCardFactory(vendor=usd, currency="USD", rate=Decimal("100"))
    shortlist = function_vendor_shortlist(function=assess(payroll), workspace=workspace)
    golf = next(c for c in shortlist.candidates if c.vendor == usd)
    rate = exchange_rate("USD", "EUR")
    assert golf.annual_cost == Decimal("100") * rate.rate * 12 * 2
    assert golf.exchange == rate
    cost = next(s for s in golf.scores if s.criterion.key == "cost")
    assert cost.shown.endswith("(from USD)")
    [note] = [n for n in shortlist.notes if "converted" in n]
    assert "1 USD = " in note and f"{rate.rate_date:%d %b %Y}" in note


def test_a_rate_the_ecb_does_not_quote_counts_as_worst_and_says_why(catalog, workspace, payroll):
    xaf = vendor("Hotel", capability=5, rate=None, country="DE", status=VendorStatus.PREFERRED)
    RateCardFactory(vendor=xaf, currency="XAF", rate=Decimal("100000"))
    shortlist = function_vendor_shortlist(function=assess(payroll), workspace=workspace)
    hotel = next(c for c in shortlist.candidates if c.vendor == xaf)
    assert hotel.annual_cost is None
    assert hotel.notes == [
        "Rates only in XAF, which the ECB does not quote: cost counted as the worst."
    ]
    cost = next(s for s in hotel.scores if s.criterion.key == "cost")
    assert cost.score == pytest.approx(0.0) and cost.shown == "not costed"
    assert "A vendor whose rates cannot be costed counts at the worst cost." in shortlist.notes


def test_a_gbp_workspace_costs_eur_usd_and_inr_rate_cards(gbp_workspace):
    function = assess(
        BusinessFunctionFactory(
            workspace=gbp_workspace, service_line=service_line("payroll"), fte=Decimal("1")
        )
    )
    currencies = {"Euro Co": "EUR", "Dollar Co": "USD", "Rupee Co": "INR"}
    for name, currency in currencies.items():
        v = vendor(name, capability=3, rate=None, country="PL")
        RateCardFactory(vendor=v, currency=currency, rate=Decimal("1000"), delivery_country="PL")
    shortlist = function_vendor_shortlist(function=function, workspace=gbp_workspace)
    costs = {c.vendor.legal_name: c for c in shortlist.candidates}
    for name, currency in currencies.items():
        rate = exchange_rate(currency, "GBP")
        assert costs[name].annual_cost == Decimal("1000") * rate.rate * 12
        assert costs[name].shore.label == "Nearshore"  # Poland, for a British client
    [note] = [n for n in shortlist.notes if "converted" in n]
    assert note.count("ECB") == 3


def test_a_function_without_volume_says_so_once_not_per_rate_card(workspace, payroll):
    payroll.monthly_volume = None
    payroll.save()
    for index in range(3):
        v = vendor(f"Per item {index}", capability=3, rate=None, country="IN")
        for country in ("IN", "PH"):
            RateCardFactory(
                vendor=v, unit=RateUnit.TRANSACTION, rate=Decimal("1.5"), delivery_country=country
            )
    shortlist = function_vendor_shortlist(function=assess(payroll), workspace=workspace)
    notes = shortlist.notes + [n for c in shortlist.candidates for n in c.notes]
    assert [n for n in notes if "monthly volume" in n] == [
        "This function has no monthly volume, so per-transaction rates are not costed."
    ]


def test_annual_cost_by_unit(payroll):
    def rate(unit, amount):
        return RateCard(unit=unit, rate=Decimal(amount))

    assert annual_cost(rate(RateUnit.FTE_MONTH, "2000"), payroll)[0] == Decimal("48000")
    assert annual_cost(rate(RateUnit.HOUR, "20"), payroll)[0] == 20 * HOURS_PER_FTE_YEAR * 2
    assert annual_cost(rate(RateUnit.TRANSACTION, "1.50"), payroll)[0] == Decimal("18000")
    payroll.fte, payroll.monthly_volume = None, None
    assert annual_cost(rate(RateUnit.HOUR, "20"), payroll) == (
        None,
        "the function has no FTE, which an hourly rate needs",
    )
    assert annual_cost(rate(RateUnit.TRANSACTION, "1"), payroll)[1].startswith(
        "the function has no monthly volume"
    )


def test_one_candidate_scores_one(workspace, payroll):
    vendor("Solo", capability=3, rate="2000", country="IN")
    shortlist = function_vendor_shortlist(function=assess(payroll), workspace=workspace)
    assert [c.closeness for c in shortlist.candidates] == [1.0]


def test_shortlist_queries_do_not_grow_with_the_catalog(workspace, payroll):
    assess(payroll)

    def count_queries():
        with CaptureQueriesContext(connection) as queries:
            function_vendor_shortlist(function=payroll, workspace=workspace)
        return len(queries)

    for index in range(3):
        vendor(f"Small {index}", capability=3, rate=str(2000 + index), country="IN",
               certs=[CertificationKind.ISO_9001])  # fmt: skip
    few = count_queries()
    for index in range(30):
        vendor(f"Large {index}", capability=4, rate=str(1500 + index), country="PL",
               certs=[CertificationKind.ISO_27001])  # fmt: skip
    assert count_queries() == few


def test_shortlist_view_partial_for_htmx_and_page_otherwise(
    client, catalog, workspace, viewer, payroll
):
    assess(payroll)
    url = reverse("function_vendor_shortlist", args=[workspace.slug, payroll.pk])
    client.force_login(viewer)
    partial = client.get(url, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert "Alpha" in partial.content.decode()
    page = client.get(url)
    assert "<html" in page.content.decode() and "Vendors for" in page.content.decode()


def test_the_function_page_slot_lazy_loads_the_shortlist(rf, workspace, payroll):
    from django.template.loader import render_to_string

    html = render_to_string(
        "vendors/_function_shortlist_slot.html", {"workspace": workspace, "function": payroll}
    )
    url = reverse("function_vendor_shortlist", args=[workspace.slug, payroll.pk])
    assert f'hx-get="{url}"' in html and 'hx-trigger="load"' in html


def _shortlist_reads(workspace, payroll):
    """Queries run and vendor records built for the function page's shortlist."""
    from django.db.models.signals import post_init

    from vendors.models import Certification, DeliveryCentre, Offering
    from vendors.views.shortlist import SHOWN, SHOWN_EXCLUDED

    built = []

    def count(sender, **kwargs):
        built.append(sender)

    models = (Vendor, Offering, RateCard, Certification, DeliveryCentre)
    for model in models:
        post_init.connect(count, sender=model)
    try:
        with CaptureQueriesContext(connection) as queries:
            shortlist = function_vendor_shortlist(
                function=payroll, workspace=workspace, shown=SHOWN, shown_excluded=SHOWN_EXCLUDED
            )
    finally:
        for model in models:
            post_init.disconnect(count, sender=model)
    return shortlist, len(queries), len(built)


def test_the_page_reads_only_the_vendors_it_shows_whatever_the_catalog(workspace, payroll):
    assess(payroll)
    for index in range(12):
        vendor(f"Small {index}", capability=3, rate=str(2000 + index), country="IN",
               certs=[CertificationKind.ISO_9001])  # fmt: skip
    vendor("Paused", capability=5, rate="100", country="PL", status=VendorStatus.SUSPENDED)
    small, small_queries, small_built = _shortlist_reads(workspace, payroll)
    for index in range(40):
        vendor(f"Large {index}", capability=4, rate=str(1500 + index), country="PL",
               certs=[CertificationKind.ISO_27001])  # fmt: skip
        vendor(f"Helpdesk {index}", capability=5, rate="10", country="DE", line="it-support")
    for cheap in Vendor.objects.filter(legal_name__startswith="Small"):  # now ranked last
        for country in ("RO", "CZ", "PT"):
            RateCardFactory(vendor=cheap, service_line=service_line("payroll"),
                            delivery_country=country, rate=Decimal(3000))  # fmt: skip
    large, large_queries, large_built = _shortlist_reads(workspace, payroll)
    assert (small.candidate_count, large.candidate_count) == (12, 52)
    assert large_queries == small_queries
    # The ten shown and the one left out, with their records: not the 40 added vendors'.
    assert large_built == small_built
    assert [c.vendor.legal_name for c in large.candidates][:3] == ["Large 0", "Large 1", "Large 2"]


def test_the_shown_vendors_are_the_head_of_the_full_ranking(catalog, workspace, payroll):
    for index in range(15):
        vendor(f"Extra {index}", capability=index % 5 + 1, rate=str(1000 + 37 * index),
               country=["IN", "PL", "DE"][index % 3])  # fmt: skip
    assess(payroll)
    full = function_vendor_shortlist(function=payroll, workspace=workspace)
    head = function_vendor_shortlist(function=payroll, workspace=workspace, shown=10)
    assert len(full.candidates) == full.candidate_count == head.candidate_count
    assert [(c.vendor.pk, c.rank, c.closeness) for c in head.candidates] == [
        (c.vendor.pk, c.rank, c.closeness) for c in full.candidates[:10]
    ]
    assert [[s.score for s in c.scores] for c in head.candidates] == [
        [s.score for s in c.scores] for c in full.candidates[:10]
    ]
