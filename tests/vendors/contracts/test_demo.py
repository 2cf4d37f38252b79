from datetime import timedelta

import pytest
from django.core.management import call_command

from vendors.contracts.models import Contract, ContractEvent, Measurement
from vendors.contracts.selectors import contract_performance, upcoming_deadlines
from vendors.contracts.services import today_in_workspace_calendar


@pytest.mark.django_db
def test_demo_contracts_are_realistic_and_loading_twice_adds_nothing():
    call_command("load_demo")
    contracts = Contract.objects.filter(workspace__slug="acme")
    counts = (contracts.count(), Measurement.objects.count(), ContractEvent.objects.count())
    call_command("load_demo")
    assert counts == (
        contracts.count(),
        Measurement.objects.count(),
        ContractEvent.objects.count(),
    )
    assert 12 <= counts[0] <= 18
    today = today_in_workspace_calendar()
    soon = upcoming_deadlines(workspace=contracts[0].workspace, today=today, within_days=90)
    assert len(soon) == 2
    assert all(c.notice_deadline <= today + timedelta(days=90) for c in soon)
    periods = [p for c in contracts for p in contract_performance(contract=c).periods]
    assert max(len(c.slas.get_queryset()[0].measurements.all()) for c in contracts) == 12
    assert any(p.outcome.credits > 0 for p in periods)  # some breach
    assert any(p.outcome.credits == 0 for p in periods)  # most do not
