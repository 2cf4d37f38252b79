"""The figures of a portfolio report: what each section says about the workspace."""

from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import pandas as pd

from assessments import scoring
from assessments.models import FACTOR_FIELDS
from outsourcing.models import CurrentSourcing
from portfolio.selectors.figures import SECTION_TITLES, report_figures
from tests.factories import (
    CORE_STRATEGY,
    IT_HELPDESK,
    MARKET_RESEARCH,
    PAYROLL,
    BusinessFunctionFactory,
    DepartmentFactory,
    assess,
)
from tests.vendors.factories import CertificationFactory, OfferingFactory, VendorFactory

TODAY = date(2026, 6, 30)
ALL = list(SECTION_TITLES)


def _figures(workspace, sections=ALL, department_ids=()):
    return report_figures(
        workspace=workspace, sections=sections, department_ids=list(department_ids), today=TODAY
    )


def _portfolio(workspace):
    finance = DepartmentFactory(workspace=workspace, name="Finance")
    it = DepartmentFactory(workspace=workspace, name="IT")
    payroll = BusinessFunctionFactory(
        workspace=workspace, name="Payroll", department=finance, annual_cost=Decimal(400_000)
    )
    assess(payroll, PAYROLL)
    assess(
        BusinessFunctionFactory(
            workspace=workspace, name="Helpdesk", department=it, annual_cost=Decimal(300_000)
        ),
        IT_HELPDESK,
    )
    assess(
        BusinessFunctionFactory(
            workspace=workspace, name="Research", department=finance, annual_cost=Decimal(50_000)
        ),
        MARKET_RESEARCH,
    )
    assess(
        BusinessFunctionFactory(
            workspace=workspace,
            name="Strategy",
            department=finance,
            annual_cost=Decimal(900_000),
            current_sourcing=CurrentSourcing.IN_HOUSE,
        ),
        CORE_STRATEGY,
    )
    BusinessFunctionFactory(
        workspace=workspace, name="Never rated", department=it, annual_cost=Decimal(10_000)
    )
    BusinessFunctionFactory(workspace=workspace, name="Archived", is_archived=True)
    return finance, it


def test_mix_counts_and_costs_by_option_and_by_department(workspace):
    _portfolio(workspace)
    mix = _figures(workspace)["sections"]["mix"]
    by_option = {row["option"]: (row["count"], row["cost"]) for row in mix["by_option"]}
    assert by_option == {
        "BPO": (1, "400000.00"),
        "KPO": (1, "50000.00"),
        "ITO": (1, "300000.00"),
        "IN_HOUSE": (1, "900000.00"),
        "NONE": (1, "10000.00"),
    }
    finance = {r["option"]: r["cost"] for r in mix["by_department"] if r["department"] == "Finance"}
    assert finance == {"BPO": "400000.00", "KPO": "50000.00", "IN_HOUSE": "900000.00"}


def test_summary_speaks_of_the_mix_the_total_the_decisions_and_what_is_missing(workspace):
    _portfolio(workspace)
    summary = _figures(workspace)["sections"]["summary"]
    text = " ".join(summary["sentences"])
    assert "5 active functions" in text and "4 of them assessed" in text
    assert "EUR 1,660,000 a year" in text
    assert "1 BPO (EUR 400,000)" in text
    # In-house today and recommended for outsourcing: the biggest decisions, largest first.
    assert [d["name"] for d in summary["decisions"]] == ["Payroll", "Helpdesk", "Research"]
    assert "Projected savings are not available yet" in text


# Ratings the engine scores as close calls (a single step on one rating would overturn
# them; margins 10.5 and 1.0 points) and as no clear call (best options 0.25 apart).
CLOSE = (5, 4, 3, 1, 1, 5, 1, 1)
CLOSER = (1, 1, 5, 4, 2, 4, 2, 1)
LEVEL = (2, 3, 2, 4, 1, 1, 5, 3)


def test_close_calls_are_named_closest_first(workspace):
    assess(BusinessFunctionFactory(workspace=workspace, name="Close"), CLOSE)
    assess(BusinessFunctionFactory(workspace=workspace, name="Closer"), CLOSER)
    assess(BusinessFunctionFactory(workspace=workspace, name="Level"), LEVEL)
    summary = _figures(workspace)["sections"]["summary"]
    assert [c["name"] for c in summary["close_calls"]] == ["Closer", "Close"]
    text = " ".join(summary["sentences"])
    assert "2 calls are close" in text
    assert "Closer (BPO over Keep in-house by 1.0 points)" in text
    assert "1 function has no clear call" in text and "Level" in text


def test_no_clear_call_is_counted_apart_and_is_no_decision(workspace):
    assess(BusinessFunctionFactory(workspace=workspace, name="Level"), LEVEL)
    figures = _figures(workspace)
    by_option = {r["option"]: r["count"] for r in figures["sections"]["mix"]["by_option"]}
    assert by_option["NO_CALL"] == 1
    assert figures["sections"]["summary"]["decisions"] == []


def test_empty_workspace_gives_a_short_correct_report(workspace):
    figures = _figures(workspace)
    summary = figures["sections"]["summary"]
    assert summary["function_count"] == 0
    assert len(summary["sentences"]) == 1
    assert "no active business functions" in summary["sentences"][0]
    assert figures["sections"]["matrix"]["points"] == []
    assert figures["sections"]["robustness"]["assessed"] == 0
    assert figures["sections"]["functions"]["rows"] == []


def test_a_department_scope_limits_every_section(workspace):
    _finance, it = _portfolio(workspace)
    figures = _figures(workspace, department_ids=[it.pk])
    assert figures["departments"] == ["IT"]
    names = [row[0] for row in figures["sections"]["functions"]["rows"]]
    assert names == ["Helpdesk", "Never rated"]
    assert figures["sections"]["summary"]["function_count"] == 2
    assert {p["name"] for p in figures["sections"]["matrix"]["points"]} == {"Helpdesk"}


def test_another_workspaces_functions_and_departments_never_count(workspace, other_workspace):
    _portfolio(other_workspace)
    foreign = other_workspace.departments.first()
    figures = _figures(workspace, department_ids=[foreign.pk])
    assert figures["sections"]["summary"]["function_count"] == 0
    assert figures["departments"] == []


def test_only_the_sections_asked_for_in_report_order(workspace):
    figures = _figures(workspace, sections=["functions", "summary"])
    assert list(figures["sections"]) == ["summary", "functions"]


def test_sections_without_their_data_say_so_in_one_line(workspace):
    sections = _figures(workspace)["sections"]
    assert sections["sla"]["sentences"] == ["No active contract has SLA measurements yet."]
    assert sections["sla"]["tables"] == []
    # No function can be costed yet: savings say why in one line.
    assert sections["savings"]["available"] is False
    assert "business case needs" in sections["savings"]["reason"]


def test_robustness_counts_agree_with_the_engine(workspace):
    _portfolio(workspace)
    figures = _figures(workspace)
    functions = workspace.functions.exclude(latest_assessment=None).select_related(
        "latest_assessment"
    )
    ratings = pd.DataFrame(
        [[getattr(f.latest_assessment, n) for n in FACTOR_FIELDS] for f in functions],
        columns=list(FACTOR_FIELDS),
    )
    shares = scoring.robustness(ratings, figures["weights"], spread=0.2, draws=1000, seed=0)
    bands = {b["band"]: b["count"] for b in figures["sections"]["robustness"]["bands"]}
    assert bands["holds"] == int(np.sum(shares >= 0.95))
    assert sum(bands.values()) == 4


def test_risk_flags_from_todays_data(workspace):
    _portfolio(workspace)
    sensitive = BusinessFunctionFactory(workspace=workspace, name="Claims with health data")
    assess(sensitive, (1, 4, 5, 2, 2, 2, 5, 2))
    payroll = workspace.functions.get(name="Payroll")
    line = payroll.service_line or OfferingFactory().service_line
    payroll.service_line = line
    payroll.save()
    OfferingFactory(
        vendor=VendorFactory(legal_name="Dodgy Ltd", status="suspended"), service_line=line
    )
    lapsed = VendorFactory(legal_name="Lapsed Ltd")
    OfferingFactory(vendor=lapsed, service_line=line)
    CertificationFactory(
        vendor=lapsed, issued_on=TODAY - timedelta(days=900), expires_on=TODAY - timedelta(days=1)
    )
    renewed = VendorFactory(legal_name="Renewed Ltd")
    OfferingFactory(vendor=renewed, service_line=line)
    CertificationFactory(
        vendor=renewed, issued_on=TODAY - timedelta(days=900), expires_on=TODAY - timedelta(days=1)
    )
    CertificationFactory(vendor=renewed, expires_on=TODAY + timedelta(days=300))

    flags = {f["key"]: f for f in _figures(workspace)["sections"]["risks"]["flags"]}
    assert flags["never_assessed"]["items"] == ["Never rated"]
    recommended = flags["sensitive_outsourced"]["items"]
    assert any(item.startswith("Claims with health data") for item in recommended)
    assert not any(item.startswith("Strategy") for item in recommended)
    assert flags["suspended_vendors"]["items"] == ["Dodgy Ltd"]
    assert flags["expired_certificates"]["items"] == ["Lapsed Ltd"]


def test_methodology_holds_the_weights_in_force_and_the_model_version(workspace):
    methodology = _figures(workspace)["sections"]["methodology"]
    assert methodology["model_version"] == scoring.MODEL_VERSION
    weights = {c["key"]: c["weight"] for c in methodology["criteria"]}
    assert weights == {k: round(v, 4) for k, v in scoring.DEFAULT_WEIGHTS.items()}


def test_concentration_of_contracted_spend_with_the_hhi(workspace):
    from tests.vendors.contracts.factories import ContractFactory

    big = VendorFactory(legal_name="Big Ltd")
    ContractFactory(
        workspace=workspace, vendor=big, annual_value=Decimal(300_000), delivery_country="IN"
    )
    ContractFactory(
        workspace=workspace,
        vendor=VendorFactory(legal_name="Small Ltd"),
        annual_value=Decimal(100_000),
        delivery_country="PL",
    )
    ContractFactory(workspace=workspace, vendor=big, annual_value=Decimal(999_000), status="draft")
    section = _figures(workspace)["sections"]["concentration"]
    # Shares 75 % and 25 %: 75² + 25² = 6,250, above 2,500.
    assert section["hhi"] == {"vendor": 6250, "country": 6250}
    assert section["tables"][0]["rows"][0] == ["Big Ltd", 300000.0, 75.0]
    assert "HHI is 6,250 (concentrated" in " ".join(section["sentences"])


def test_notice_deadlines_in_the_next_12_months_soonest_first(workspace):
    from tests.vendors.contracts.factories import ContractFactory

    ContractFactory(workspace=workspace, title="Later", end_date=date(2027, 3, 31))
    ContractFactory(workspace=workspace, title="Sooner", end_date=date(2026, 12, 31))
    ContractFactory(workspace=workspace, title="Far off", end_date=date(2029, 12, 31))
    section = _figures(workspace)["sections"]["notices"]
    rows = section["tables"][0]["rows"]
    assert [row[0] for row in rows] == ["Sooner", "Later"]
    assert rows[0][2] == "2026-10-02"  # the end date less the 90-day notice period


def test_risk_flags_on_active_contracts(workspace):
    from tests.vendors.contracts.factories import ContractFactory

    _portfolio(workspace)  # the workspace is in Germany
    health = BusinessFunctionFactory(workspace=workspace, name="Claims with health data")
    assess(health, (1, 4, 5, 2, 2, 2, 5, 2))
    offshore = ContractFactory(
        workspace=workspace,
        delivery_country="IN",
        vendor=VendorFactory(legal_name="Far Ltd", status="suspended"),
    )
    offshore.functions.add(health, workspace.functions.get(name="Payroll"))
    nearby = ContractFactory(workspace=workspace, delivery_country="AT")
    nearby.functions.add(health)
    lapsed = VendorFactory(legal_name="Lapsed Ltd")
    CertificationFactory(
        vendor=lapsed, issued_on=TODAY - timedelta(days=900), expires_on=TODAY - timedelta(days=1)
    )
    ContractFactory(workspace=workspace, vendor=lapsed)

    flags = {f["key"]: f for f in _figures(workspace)["sections"]["risks"]["flags"]}
    # Payroll's data sensitivity is 3: only the health claims are flagged, and only offshore.
    assert flags["sensitive_offshore"]["items"] == ["Claims with health data (Far Ltd, India)"]
    assert flags["suspended_under_contract"]["items"] == ["Far Ltd"]
    assert flags["lapsed_under_contract"]["items"] == ["Lapsed Ltd"]


def test_scorecards_by_vendor_weakest_first(workspace):
    from tests.vendors.contracts.factories import (
        ContractFactory,
        MeasurementFactory,
        ServiceLevelFactory,
    )

    def contract_scoring(vendor_name, values):
        contract = ContractFactory(
            workspace=workspace, vendor=VendorFactory(legal_name=vendor_name)
        )
        for value in values:  # two SLAs at 80 % or more, half the pool each
            MeasurementFactory(sla=ServiceLevelFactory(contract=contract), value=Decimal(value))

    contract_scoring("Good Ltd", [90, 95])
    contract_scoring("Patchy Ltd", [90, 10])
    section = _figures(workspace)["sections"]["sla"]
    rows = section["tables"][0]["rows"]
    assert [row[:3] for row in rows] == [
        ["Patchy Ltd", 50.0, "average"],
        ["Good Ltd", 100.0, "excellent"],
    ]
    assert "The weakest is Patchy Ltd (50 of 100, average)" in section["sentences"][0]


def test_one_vendor_holding_more_than_a_third_of_critical_services_is_a_warning(workspace):
    from tests.vendors.contracts.factories import ContractFactory

    core = CORE_STRATEGY  # strategic importance 5: a critical service
    critical = [BusinessFunctionFactory(workspace=workspace) for _ in range(3)]
    for function in critical:
        assess(function, core)
    routine = BusinessFunctionFactory(workspace=workspace)
    assess(routine, PAYROLL)  # strategic importance 1: not critical, not counted
    big, small = VendorFactory(legal_name="Big Ltd"), VendorFactory(legal_name="Small Ltd")
    ContractFactory(workspace=workspace, vendor=big).functions.set([*critical[:2], routine])
    ContractFactory(workspace=workspace, vendor=small).functions.set(critical[2:])
    sentences = " ".join(_figures(workspace)["sections"]["concentration"]["sentences"])
    # Big Ltd delivers 2 of the 3 critical services: 67 %, more than a third.
    assert "67% of critical services (2 of 3" in sentences
    assert "Big Ltd" in sentences.split("depend on one vendor")[1]


def test_critical_services_spread_over_vendors_raise_no_warning(workspace):
    from tests.vendors.contracts.factories import ContractFactory

    for index in range(4):
        function = BusinessFunctionFactory(workspace=workspace)
        assess(function, CORE_STRATEGY)
        vendor = VendorFactory(legal_name=f"Vendor {index}")
        ContractFactory(workspace=workspace, vendor=vendor).functions.set([function])
    sentences = " ".join(_figures(workspace)["sections"]["concentration"]["sentences"])
    # Each vendor holds 1 of 4 critical services (25 %): no more than a third.
    assert "critical services" not in sentences
