"""Contract pages as owner, editor, viewer, outsider and anonymous; bad input refused with
the field named and nothing saved; the list in a constant number of queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import BusinessFunctionFactory
from tests.vendors.contracts.factories import (
    ContractFactory,
    MeasurementFactory,
    ServiceLevelFactory,
)
from tests.vendors.factories import VendorFactory
from vendors.contracts.models import Contract, ContractEvent, Measurement, ServiceLevel
from vendors.contracts.services import today_in_workspace_calendar

pytestmark = pytest.mark.django_db


def url(name, workspace, *args):
    return reverse(f"contracts:{name}", args=[workspace.slug, *args])


def contract_post(vendor, function, /, **overrides):
    data = {
        "title": "Accounts payable",
        "reference": "AP-2026",
        "vendor": vendor.pk,
        "functions": [function.pk],
        "option": "BPO",
        "delivery_country": "PL",
        "pricing_model": "transaction",
        "currency": "EUR",
        "annual_value": "480000",
        "total_value": "1440000",
        "start_date": "2026-01-01",
        "end_date": "2028-12-31",
        "notice_period_days": "180",
        "auto_renew": "on",
        "renewal_term_months": "12",
        "status": "active",
        "at_risk_percent": "10",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("viewer", 200), ("outsider", 404), (None, 302)]
)
def test_contract_list_and_detail_by_role(client_for, workspace, request, who, status):
    user = request.getfixturevalue(who) if who else None
    contract = ContractFactory(workspace=workspace, title="Helpdesk ITO")
    client = client_for(user)
    for page in (url("contract_list", workspace), url("contract_detail", workspace, contract.pk)):
        response = client.get(page)
        assert response.status_code == status
        if status == 200:
            assert "Helpdesk ITO" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("editor", 200), ("viewer", 403), ("outsider", 404)])
def test_only_editors_may_create_or_act(client_for, workspace, request, who, status):
    contract = ContractFactory(workspace=workspace)
    client = client_for(request.getfixturevalue(who))
    for name, args in [
        ("contract_create", ()),
        ("contract_edit", (contract.pk,)),
        ("contract_renew", (contract.pk,)),
        ("contract_notice", (contract.pk,)),
        ("contract_terminate", (contract.pk,)),
        ("contract_measurements", (contract.pk,)),
        ("contract_sla_create", (contract.pk,)),
    ]:
        assert client.get(url(name, workspace, *args)).status_code == status, name


def test_editor_creates_a_contract_with_its_deadline_and_history(client_for, workspace, editor):
    vendor, function = VendorFactory(), BusinessFunctionFactory(workspace=workspace)
    response = client_for(editor).post(
        url("contract_create", workspace), contract_post(vendor, function)
    )
    contract = Contract.objects.get()
    assert response.status_code == 302
    assert contract.notice_deadline == date(2028, 7, 4)  # 31 Dec 2028 − 180 days
    assert list(contract.functions.all()) == [function]
    assert contract.events.get().kind == ContractEvent.Kind.CREATED


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_date": "2025-12-31"}, "end_date", "after the start"),
        ({"notice_period_days": "2000"}, "notice_period_days", "longer than the term"),
        ({"annual_value": "0"}, "annual_value", "greater than zero"),
        ({"total_value": "-5"}, "total_value", "greater than zero"),
        ({"vendor": "999999"}, "vendor", "valid choice"),
        ({"auto_renew": "on", "renewal_term_months": ""}, "renewal_term_months", "months"),
    ],
)
def test_bad_contract_input_names_the_field_and_saves_nothing(
    client_for, workspace, editor, overrides, field, message
):
    vendor, function = VendorFactory(), BusinessFunctionFactory(workspace=workspace)
    response = client_for(editor).post(
        url("contract_create", workspace), contract_post(vendor, function, **overrides)
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Contract.objects.exists()


def test_a_function_of_another_workspace_is_refused(client_for, workspace, editor, other_workspace):
    foreign = BusinessFunctionFactory(workspace=other_workspace)
    response = client_for(editor).post(
        url("contract_create", workspace), contract_post(VendorFactory(), foreign)
    )
    assert "functions" in response.context["form"].errors
    assert not Contract.objects.exists()


def test_list_filters_by_deadline_window_vendor_and_status(client_for, workspace, viewer):
    today = today_in_workspace_calendar()
    soon = ContractFactory(
        workspace=workspace,
        title="Soon",
        start_date=today - timedelta(days=400),
        end_date=today + timedelta(days=110),
        notice_period_days=90,
    )
    ContractFactory(
        workspace=workspace,
        title="Later",
        start_date=today - timedelta(days=400),
        end_date=today + timedelta(days=300),
        notice_period_days=90,
    )
    ContractFactory(workspace=workspace, title="Gone", status="expired")
    client = client_for(viewer)

    def titles(**params):
        response = client.get(url("contract_list", workspace), params)
        return [c.title for c in response.context["contracts"]]

    assert titles(deadline="30") == ["Soon"]
    assert sorted(titles(deadline="365")) == ["Later", "Soon"]
    assert titles(vendor=soon.vendor_id) == ["Soon"]
    assert titles(status="expired") == ["Gone"]
    assert titles(sort="-title")[:2] == ["Soon", "Later"]


def test_list_query_count_does_not_grow_with_contracts(client_for, workspace, viewer):
    client = client_for(viewer)
    ContractFactory.create_batch(3, workspace=workspace)
    client.get(url("contract_list", workspace))  # the first visit also saves the session
    with CaptureQueriesContext(connection) as few:
        client.get(url("contract_list", workspace))
    ContractFactory.create_batch(20, workspace=workspace)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("contract_list", workspace))
    assert len(response.context["contracts"]) == 23
    assert len(many) == len(few)


def test_detail_shows_timeline_slas_credits_and_scorecard(client_for, workspace, viewer):
    contract = ContractFactory(workspace=workspace, annual_value=Decimal("1200000"))
    sla = ServiceLevelFactory(contract=contract, metric="Calls answered in 20 s", target=80)
    MeasurementFactory(sla=sla, period_start=date(2025, 3, 1), value=Decimal("60"))
    response = client_for(viewer).get(url("contract_detail", workspace, contract.pk))
    page = response.content.decode()
    assert "timeline-chart" in page and "scorecard-chart" in page
    assert "Calls answered in 20 s" in page
    # At risk 10 % × 100,000 = 10,000; the only SLA (weight 50 %, credit 100 %) breached.
    assert "EUR 5,000" in page
    assert "at-risk amount of 10 %" in page
    # The only SLA missed: attainment 0 % → "very poor"
    assert response.context["performance"].latest.outcome.band == "very poor"


def test_renew_notice_and_terminate_are_actions_with_history(client_for, workspace, editor):
    contract = ContractFactory(workspace=workspace, auto_renew=True, renewal_term_months=24)
    client = client_for(editor)
    client.post(url("contract_renew", workspace, contract.pk), {"note": "Agreed"})
    contract.refresh_from_db()
    assert contract.end_date == date(2029, 12, 31)
    assert contract.notice_deadline == date(2029, 10, 2)
    client.post(url("contract_notice", workspace, contract.pk), {"given_on": "2029-01-10"})
    contract.refresh_from_db()
    assert contract.notice_given_on == date(2029, 1, 10)
    response = client.post(
        url("contract_terminate", workspace, contract.pk), {"effective_on": "2029-06-30"}
    )
    assert response.status_code == 200  # no confirmation ticked: nothing happened
    contract.refresh_from_db()
    assert contract.status == "active"
    client.post(
        url("contract_terminate", workspace, contract.pk),
        {"effective_on": "2029-06-30", "confirm": "on"},
    )
    contract.refresh_from_db()
    assert contract.status == "terminated" and contract.terminated_on == date(2029, 6, 30)
    kinds = list(contract.events.values_list("kind", flat=True))
    assert kinds == ["terminated", "notice_given", "renewed"]


def test_notice_after_the_deadline_is_refused(client_for, workspace, editor):
    contract = ContractFactory(workspace=workspace)  # deadline 2 Oct 2027
    response = client_for(editor).post(
        url("contract_notice", workspace, contract.pk), {"given_on": "2027-10-03"}
    )
    assert "deadline was 02 Oct 2027" in " ".join(response.context["form"].errors["given_on"])
    contract.refresh_from_db()
    assert contract.notice_given_on is None


def test_signed_contract_is_private_and_served_to_members_only(
    client_for, workspace, editor, viewer, outsider, settings
):
    vendor, function = VendorFactory(), BusinessFunctionFactory(workspace=workspace)
    pdf = SimpleUploadedFile("signed.pdf", b"%PDF-1.7 signed", content_type="application/pdf")
    client_for(editor).post(
        url("contract_create", workspace), {**contract_post(vendor, function), "signed_file": pdf}
    )
    contract = Contract.objects.get()
    assert contract.signed_file.name.startswith("private/contracts/")
    assert "signed" not in contract.signed_file.name  # random name, not the upload's
    download = client_for(viewer).get(url("contract_file", workspace, contract.pk))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7 signed"
    assert client_for(outsider).get(url("contract_file", workspace, contract.pk)).status_code == 404


def test_a_signed_contract_that_is_not_a_pdf_is_refused(client_for, workspace, editor):
    vendor, function = VendorFactory(), BusinessFunctionFactory(workspace=workspace)
    fake = SimpleUploadedFile("signed.pdf", b"MZ\x90\x00 not a pdf")
    response = client_for(editor).post(
        url("contract_create", workspace), {**contract_post(vendor, function), "signed_file": fake}
    )
    assert "must be a PDF" in " ".join(response.context["form"].errors["signed_file"])
    assert not Contract.objects.exists()


def test_sla_with_a_percentage_target_above_100_is_refused(client_for, workspace, editor):
    contract = ContractFactory(workspace=workspace)
    response = client_for(editor).post(
        url("contract_sla_create", workspace, contract.pk),
        {
            "metric": "Availability",
            "unit": "%",
            "target": "100.5",
            "direction": "at_least",
            "period": "monthly",
            "pool_weight": "40",
            "credit_percent": "100",
        },
    )
    assert "cannot be above 100" in " ".join(response.context["form"].errors["target"])
    assert not ServiceLevel.objects.exists()


def test_measurement_grid_saves_a_period_all_or_nothing(client_for, workspace, editor):
    contract = ContractFactory(workspace=workspace)
    calls = ServiceLevelFactory(contract=contract, metric="Calls", target=80)
    accuracy = ServiceLevelFactory(contract=contract, metric="Accuracy", target=98)
    client = client_for(editor)
    page = url("contract_measurements", workspace, contract.pk)
    response = client.post(
        page, {"period": "2025-04", f"sla_{calls.pk}": "82", f"sla_{accuracy.pk}": "101"}
    )
    assert "cannot be above 100" in " ".join(response.context["form"].errors[f"sla_{accuracy.pk}"])
    assert not Measurement.objects.exists()
    response = client.post(page, {"period": "2030-01", f"sla_{calls.pk}": "82"})
    assert "outside the contract" in " ".join(response.context["form"].errors[f"sla_{calls.pk}"])
    response = client.post(
        page, {"period": "2025-04", f"sla_{calls.pk}": "82", f"sla_{accuracy.pk}": "97.5"}
    )
    assert response.status_code == 302
    assert Measurement.objects.count() == 2


def test_duplicate_measurement_is_refused_by_the_database(workspace):
    from django.db import IntegrityError, transaction

    measurement = MeasurementFactory(sla=ServiceLevelFactory(contract__workspace=workspace))
    with pytest.raises(IntegrityError), transaction.atomic():
        Measurement.objects.create(
            sla=measurement.sla, period_start=measurement.period_start, value=1
        )


def test_function_and_vendor_pages_show_their_contracts_to_members(
    client_for, workspace, viewer, outsider
):
    function = BusinessFunctionFactory(workspace=workspace)
    contract = ContractFactory(workspace=workspace, title="Payroll for DACH")
    contract.functions.add(function)
    client = client_for(viewer)
    page = client.get(reverse("function_detail", args=[workspace.slug, function.pk]))
    assert "Payroll for DACH" in page.content.decode()
    client.get(url("contract_list", workspace))  # makes acme the viewer's current workspace
    vendor_page = client.get(reverse("vendors:vendor_detail", args=[contract.vendor_id]))
    assert "Payroll for DACH" in vendor_page.content.decode()
    other = client_for(outsider).get(reverse("vendors:vendor_detail", args=[contract.vendor_id]))
    assert "Payroll for DACH" not in other.content.decode()


def test_dashboard_lists_deadlines_in_the_next_90_days(client_for, workspace, viewer):
    today = today_in_workspace_calendar()
    ContractFactory(
        workspace=workspace,
        title="Due soon",
        start_date=today - timedelta(days=300),
        end_date=today + timedelta(days=100),
        notice_period_days=60,
    )
    ContractFactory(workspace=workspace, title="Far away")
    page = client_for(viewer).get(reverse("dashboard", args=[workspace.slug])).content.decode()
    assert "Due soon" in page and "Far away" not in page


def test_filtering_by_vendor_shows_its_scorecard_trend_across_contracts(
    client_for, workspace, viewer
):
    vendor = VendorFactory(display_name="Luzon Contact")
    for title in ("Support DE", "Support PL"):
        sla = ServiceLevelFactory(contract__workspace=workspace, contract__vendor=vendor)
        sla.contract.title = title
        sla.contract.save()
        MeasurementFactory(sla=sla, value=Decimal("40"))  # missed: attainment 0
    response = client_for(viewer).get(url("contract_list", workspace), {"vendor": vendor.pk})
    chart = response.context["vendor_trend_chart"]
    assert sorted(trace["name"] for trace in chart["data"]) == ["Support DE", "Support PL"]
    assert [trace["y"][0] for trace in chart["data"]] == [0.0, 0.0]


def test_deleting_an_sla_asks_first(client_for, workspace, editor):
    sla = MeasurementFactory(sla=ServiceLevelFactory(contract__workspace=workspace)).sla
    client = client_for(editor)
    page = client.get(url("sla_delete", workspace, sla.pk))
    assert "1 measurement go with it" in page.content.decode()
    assert ServiceLevel.objects.exists()
    client.post(url("sla_delete", workspace, sla.pk))
    assert not ServiceLevel.objects.exists() and not Measurement.objects.exists()


def test_measurement_grid_shows_the_chosen_months_values(client_for, workspace, editor):
    sla = ServiceLevelFactory(contract__workspace=workspace)
    MeasurementFactory(sla=sla, period_start=date(2025, 6, 1), value=Decimal("77.5"))
    page = client_for(editor).get(
        url("contract_measurements", workspace, sla.contract_id), {"period": "2025-06"}
    )
    assert 'value="77.500"' in page.content.decode()


def test_contract_page_queries_do_not_grow_with_slas_and_measurements(
    client_for, workspace, viewer
):
    contract = ContractFactory(workspace=workspace)
    client = client_for(viewer)
    client.get(url("contract_detail", workspace, contract.pk))
    MeasurementFactory(sla=ServiceLevelFactory(contract=contract))
    with CaptureQueriesContext(connection) as few:
        client.get(url("contract_detail", workspace, contract.pk))
    for _ in range(4):
        sla = ServiceLevelFactory(contract=contract)
        for month in (2, 3, 4):
            MeasurementFactory(sla=sla, period_start=date(2025, month, 1))
    with CaptureQueriesContext(connection) as many:
        client.get(url("contract_detail", workspace, contract.pk))
    assert len(many) == len(few)


@pytest.mark.parametrize(
    "params",
    [
        {"deadline": "9999"},
        {"vendor": "abc"},
        {"sort": "password"},
        {"page": "-1"},
        {"status": "<script>"},
    ],
)
def test_hostile_list_parameters_never_break_the_page(client_for, workspace, viewer, params):
    ContractFactory(workspace=workspace)
    assert client_for(viewer).get(url("contract_list", workspace), params).status_code == 200
