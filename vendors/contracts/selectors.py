"""Reads of contracts, always scoped to a workspace, and what the contract pages compute
from them (SLA attainment, credits, scorecards) through `performance`."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from outsourcing.models import BusinessFunction, Membership, User, Workspace
from vendors.models import Vendor

from .filters import ContractFilter
from .models import (
    PERIODS_PER_YEAR,
    Contract,
    ContractEvent,
    ContractStatus,
    Measurement,
    ServiceLevel,
)
from .performance import PeriodOutcome, SlaResult, attainment, is_breach, period_outcome


def contract_queryset(*, workspace: Workspace) -> QuerySet[Contract]:
    return Contract.objects.filter(workspace=workspace).select_related("vendor", "owner")


def contract_filterset(*, workspace: Workspace, data, today: date) -> ContractFilter:
    """The filtered, sorted contract list and its form."""
    vendors = (
        Vendor.objects.filter(contracts__workspace=workspace).distinct().order_by("legal_name")
    )
    return ContractFilter(
        data,
        queryset=contract_queryset(workspace=workspace),
        workspace=workspace,
        today=today,
        vendors=vendors,
    )


def contract_get(*, workspace: Workspace, pk: int) -> Contract:
    return get_object_or_404(
        contract_queryset(workspace=workspace).prefetch_related("functions"), pk=pk
    )


def sla_get(*, workspace: Workspace, pk: int) -> ServiceLevel:
    return get_object_or_404(
        ServiceLevel.objects.select_related("contract").filter(contract__workspace=workspace),
        pk=pk,
    )


def contract_events(*, contract: Contract) -> QuerySet[ContractEvent]:
    return contract.events.select_related("by")


def contract_owner_choices(*, workspace: Workspace) -> QuerySet[User]:
    return User.objects.filter(memberships__workspace=workspace).order_by("email")


def contract_function_choices(*, workspace: Workspace) -> QuerySet[BusinessFunction]:
    return BusinessFunction.objects.filter(workspace=workspace, is_archived=False).order_by("name")


def upcoming_deadlines(*, workspace: Workspace, today: date, within_days: int = 90, limit=8):
    """Live contracts whose notice deadline falls in the next `within_days` days, soonest first."""
    return list(
        contract_queryset(workspace=workspace).filter(
            status=ContractStatus.ACTIVE,
            notice_given_on__isnull=True,
            notice_deadline__gte=today,
            notice_deadline__lte=today + timedelta(days=within_days),
        )[:limit]
    )


def function_contracts(*, function: BusinessFunction) -> QuerySet[Contract]:
    """The contracts covering a function (of its own workspace, by construction)."""
    return contract_queryset(workspace=function.workspace_id).filter(functions=function)


def vendor_contracts_for_member(*, user: User, workspace: Workspace | None, vendor: Vendor):
    """The contracts `workspace` holds with the vendor, if `user` is a member of it."""
    if workspace is None or not Membership.objects.filter(user=user, workspace=workspace).exists():
        return []
    return list(contract_queryset(workspace=workspace).filter(vendor=vendor))


@dataclass
class SlaRow:
    sla: ServiceLevel
    measurements: list  # (Measurement, attainment, breached) oldest first
    breaches: int = 0

    @property
    def latest(self):
        return self.measurements[-1] if self.measurements else None


@dataclass
class PeriodRow:
    period: str  # monthly / quarterly
    period_start: date
    fee: Decimal
    outcome: PeriodOutcome
    breached: list = field(default_factory=list)  # SLA metrics breached


@dataclass
class Performance:
    slas: list[SlaRow]
    periods: list[PeriodRow]  # newest first

    @property
    def total_credits(self) -> Decimal:
        return sum((p.outcome.credits for p in self.periods), Decimal(0))

    @property
    def latest(self) -> PeriodRow | None:
        return self.periods[0] if self.periods else None


MEASUREMENTS_IN_ORDER = Prefetch(
    "measurements", queryset=Measurement.objects.order_by("period_start")
)


def contract_performance(*, contract: Contract) -> Performance:
    """Each SLA's measurements with attainment and breach, and each period's credits and
    scorecard (periods grouped by the SLAs' measurement period). Two queries."""
    return _performance(contract, list(contract.slas.prefetch_related(MEASUREMENTS_IN_ORDER)))


def _performance(contract: Contract, slas: list[ServiceLevel]) -> Performance:
    rows, groups = [], defaultdict(list)
    for sla in slas:
        row = SlaRow(sla=sla, measurements=[])
        for m in sla.measurements.all():
            score = attainment(value=m.value, target=sla.target, at_least=sla.at_least)
            breached = is_breach(value=m.value, target=sla.target, at_least=sla.at_least)
            row.measurements.append((m, score, breached))
            row.breaches += breached
            groups[(sla.period, m.period_start)].append((sla, score, breached))
        rows.append(row)
    periods = []
    for (kind, start), results in groups.items():
        fee = (contract.annual_value / PERIODS_PER_YEAR[kind]).quantize(Decimal("0.01"))
        outcome = period_outcome(
            period_fee=fee,
            at_risk_percent=contract.at_risk_percent,
            results=[
                SlaResult(sla.pool_weight, sla.credit_percent, breached)
                for sla, _, breached in results
            ],
        )
        breached = [sla.metric for sla, _, hit in results if hit]
        periods.append(PeriodRow(kind, start, fee, outcome, breached))
    periods.sort(key=lambda p: (p.period_start, p.period), reverse=True)
    return Performance(slas=rows, periods=periods)


def vendor_scorecard_trend(*, workspace: Workspace, vendor: Vendor) -> dict[str, list]:
    """Per contract the workspace holds with the vendor: (period start, score), oldest first."""
    trend = {}
    contracts = (
        contract_queryset(workspace=workspace)
        .filter(vendor=vendor)
        .prefetch_related(
            Prefetch("slas", queryset=ServiceLevel.objects.prefetch_related(MEASUREMENTS_IN_ORDER))
        )
    )
    for contract in contracts:
        periods = _performance(contract, list(contract.slas.all())).periods
        points = [
            (p.period_start, p.outcome.score)
            for p in reversed(periods)
            if p.outcome.score is not None
        ]
        if points:
            trend[contract.title] = points
    return trend


def measurement_grid_initial(*, contract: Contract, period: str | None) -> dict:
    """The grid's starting values: the asked-for month (YYYY-MM, else last month) and what
    its SLAs already recorded for it."""
    try:
        month = date.fromisoformat(f"{period}-01") if period else None
    except ValueError:
        month = None
    if month is None:
        month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)
    initial = {"period": month}
    for sla_id, value in Measurement.objects.filter(
        sla__contract=contract, period_start=month
    ).values_list("sla_id", "value"):
        initial[f"sla_{sla_id}"] = value
    return initial
