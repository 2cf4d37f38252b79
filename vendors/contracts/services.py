"""Writes to contracts: create and edit, the term actions (renew, give notice, terminate),
the daily roll-over, SLAs and their measurements. Every refusal is a ValidationError that
names the field, and nothing is saved."""

import uuid
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from outsourcing.models import BusinessFunction, Membership, User

from .models import (
    Contract,
    ContractEvent,
    ContractStatus,
    EventKind,
    Measurement,
    ServiceLevel,
    SlaPeriod,
    SlaUnit,
)
from .terms import renewed_end

SIGNED_FILE_MAX_BYTES = 20 * 1024 * 1024
# The signed contract is a PDF: checked by its first bytes, not by the name it came with.
PDF_MAGIC = b"%PDF-"

CONTRACT_FIELDS = (
    "vendor",
    "title",
    "reference",
    "option",
    "delivery_country",
    "pricing_model",
    "currency",
    "annual_value",
    "total_value",
    "start_date",
    "end_date",
    "notice_period_days",
    "auto_renew",
    "renewal_term_months",
    "status",
    "owner",
    "notes",
    "at_risk_percent",
)


def today_in_workspace_calendar() -> date:
    """Today's date in the configured time zone (TIME_ZONE): the calendar deadlines use."""
    return timezone.localdate()


def contract_term_errors(contract: Contract) -> dict[str, str]:
    """What is wrong with an (unsaved) contract's term and values, by field name."""
    errors = {}
    if contract.start_date and contract.end_date and contract.end_date <= contract.start_date:
        errors["end_date"] = "The end date must be after the start date."
    elif contract.start_date and contract.end_date and contract.notice_period_days is not None:
        term = (contract.end_date - contract.start_date).days
        if contract.notice_period_days > term:
            errors["notice_period_days"] = (
                f"The notice period ({contract.notice_period_days} days) is longer than the "
                f"term ({term} days)."
            )
    for field in ("annual_value", "total_value"):
        value = getattr(contract, field)
        if value is not None and value <= 0:
            errors[field] = "Enter an amount greater than zero."
    if contract.auto_renew and not contract.renewal_term_months:
        errors["renewal_term_months"] = "Say how many months each automatic renewal lasts."
    return errors


def _member_errors(contract: Contract, functions: list[BusinessFunction]) -> dict[str, str]:
    errors = {}
    foreign = [f.name for f in functions if f.workspace_id != contract.workspace_id]
    if foreign:
        errors["functions"] = f"Unknown function(s): {', '.join(foreign)}."
    if (
        contract.owner_id
        and not Membership.objects.filter(
            workspace_id=contract.workspace_id, user_id=contract.owner_id
        ).exists()
    ):
        errors["owner"] = "The contract owner must be a member of this workspace."
    return errors


def _check_signed_file(upload: UploadedFile) -> None:
    if upload.size > SIGNED_FILE_MAX_BYTES:
        raise ValidationError({"signed_file": "The signed contract must be at most 20 MB."})
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError({"signed_file": "The signed contract must be a PDF file."})


@transaction.atomic
def contract_save(
    *,
    contract: Contract,
    by: User | None,
    functions: list[BusinessFunction],
    signed_file: UploadedFile | None = None,
    **fields,
) -> Contract:
    """Create (unsaved `contract`) or edit a contract from the fields in CONTRACT_FIELDS.

    Raises ValidationError naming the field (end before start, notice longer than the term,
    a value not above zero, a function or owner from elsewhere) and then saves nothing.
    """
    unknown = set(fields) - set(CONTRACT_FIELDS)
    if unknown:
        raise TypeError(f"contract_save() got unexpected fields: {sorted(unknown)}")
    creating = contract.pk is None
    for name, value in fields.items():
        setattr(contract, name, value)
    errors = contract_term_errors(contract) | _member_errors(contract, functions)
    if errors:
        raise ValidationError(errors)
    if signed_file is not None:
        _check_signed_file(signed_file)
        contract.signed_file = signed_file
        contract.signed_file_name = signed_file.name[:200]
    contract.sync_notice_deadline()
    contract.full_clean(exclude=["functions", "signed_file"])
    contract.save()
    contract.functions.set(functions)
    _event(
        contract,
        EventKind.CREATED if creating else EventKind.EDITED,
        by=by,
        effective_on=today_in_workspace_calendar(),
    )
    return contract


def _event(contract: Contract, kind: str, *, by, effective_on: date, **extra) -> ContractEvent:
    return ContractEvent.objects.create(
        contract=contract, kind=kind, by=by, effective_on=effective_on, **extra
    )


def _locked(contract: Contract) -> Contract:
    # Actions read-modify-write the term: lock the row so two clicks cannot both extend it.
    return Contract.objects.select_for_update().get(pk=contract.pk)


@transaction.atomic
def contract_renew(
    *, contract: Contract, by: User | None, new_end: date | None = None, note: str = ""
) -> Contract:
    """Agree a new term: the end moves to `new_end` (or one renewal term on) and the notice
    deadline follows. Renewing withdraws notice given; an expired contract becomes active."""
    contract = _locked(contract)
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.EXPIRED):
        raise ValidationError({"new_end": "Only an active or expired contract can be renewed."})
    if new_end is None:
        if not contract.renewal_term_months:
            raise ValidationError({"new_end": "Give the new end date (no renewal term is set)."})
        new_end = renewed_end(
            end_date=contract.end_date, renewal_term_months=contract.renewal_term_months
        )
    if new_end <= contract.end_date:
        raise ValidationError(
            {"new_end": f"The new end must be after {contract.end_date:%d %b %Y}."}
        )
    previous = contract.end_date
    contract.end_date = new_end
    contract.notice_given_on = None
    contract.status = ContractStatus.ACTIVE
    contract.sync_notice_deadline()
    contract.save()
    _event(
        contract,
        EventKind.RENEWED,
        by=by,
        effective_on=today_in_workspace_calendar(),
        previous_end=previous,
        new_end=new_end,
        note=note,
    )
    return contract


@transaction.atomic
def contract_give_notice(
    *, contract: Contract, by: User | None, given_on: date, note: str = ""
) -> Contract:
    """Record that notice was given: the contract will end at the term's end, no reminder
    goes out any more and it will not renew itself."""
    contract = _locked(contract)
    if not contract.is_live:
        raise ValidationError({"given_on": "Notice can only be given on an active contract."})
    if given_on > contract.notice_deadline:
        raise ValidationError(
            {
                "given_on": f"The notice deadline was {contract.notice_deadline:%d %b %Y}: "
                "notice given later does not stop this term. Renew or terminate instead."
            }
        )
    if given_on < contract.start_date:
        raise ValidationError({"given_on": "Notice cannot be given before the contract starts."})
    contract.notice_given_on = given_on
    contract.save(update_fields=["notice_given_on", "updated_at"])
    _event(contract, EventKind.NOTICE_GIVEN, by=by, effective_on=given_on, note=note)
    return contract


@transaction.atomic
def contract_terminate(
    *, contract: Contract, by: User | None, effective_on: date, note: str = ""
) -> Contract:
    """End the contract from `effective_on` (a date inside its term)."""
    contract = _locked(contract)
    if contract.status == ContractStatus.TERMINATED:
        raise ValidationError({"effective_on": "This contract is already terminated."})
    if not contract.start_date <= effective_on <= contract.end_date:
        raise ValidationError(
            {
                "effective_on": f"Choose a date between {contract.start_date:%d %b %Y} and "
                f"{contract.end_date:%d %b %Y}."
            }
        )
    contract.status = ContractStatus.TERMINATED
    contract.terminated_on = effective_on
    contract.save(update_fields=["status", "terminated_on", "updated_at"])
    _event(contract, EventKind.TERMINATED, by=by, effective_on=effective_on, note=note)
    return contract


def contracts_roll_over(*, today: date) -> dict[str, int]:
    """Renew automatically every live auto-renewing contract whose notice deadline passed,
    and expire every active contract whose term ended without renewal.

    A contract renews term by term until its deadline is today or later, so a run that
    comes months late lands on the right term (and every renewal is in the history).
    """
    renewed = expired = 0
    due = Contract.objects.filter(
        status=ContractStatus.ACTIVE,
        auto_renew=True,
        notice_given_on__isnull=True,
        notice_deadline__lt=today,
    ).values_list("pk", flat=True)
    for pk in list(due):
        renewed += _auto_renew(pk, today)
    for pk in list(
        Contract.objects.filter(status=ContractStatus.ACTIVE, end_date__lt=today).values_list(
            "pk", flat=True
        )
    ):
        expired += _expire(pk, today)
    return {"renewed": renewed, "expired": expired}


@transaction.atomic
def _auto_renew(pk: int, today: date) -> int:
    contract = Contract.objects.select_for_update().get(pk=pk)
    # Checked again under the lock: another run may have renewed it meanwhile.
    if not (contract.is_live and contract.auto_renew and contract.notice_deadline < today):
        return 0
    while contract.notice_deadline < today:
        previous = contract.end_date
        contract.end_date = renewed_end(
            end_date=previous, renewal_term_months=contract.renewal_term_months
        )
        contract.sync_notice_deadline()
        _event(
            contract,
            EventKind.AUTO_RENEWED,
            by=None,
            effective_on=previous,
            previous_end=previous,
            new_end=contract.end_date,
            note="No notice was given by the deadline.",
        )
    contract.save(update_fields=["end_date", "notice_deadline", "updated_at"])
    return 1


@transaction.atomic
def _expire(pk: int, today: date) -> int:
    contract = Contract.objects.select_for_update().get(pk=pk)
    if contract.status != ContractStatus.ACTIVE or contract.end_date >= today:
        return 0
    if contract.auto_renew and contract.notice_given_on is None:
        return 0  # renews instead (contracts_roll_over renews before it expires)
    contract.status = ContractStatus.EXPIRED
    contract.save(update_fields=["status", "updated_at"])
    _event(contract, EventKind.EXPIRED, by=None, effective_on=contract.end_date)
    return 1


def _sla_errors(sla: ServiceLevel) -> dict[str, str]:
    errors = {}
    if sla.unit == SlaUnit.PERCENT and sla.target is not None and sla.target > 100:
        errors["target"] = "A percentage target cannot be above 100."
    if sla.target is not None and sla.target < 0:
        errors["target"] = "The target cannot be negative."
    if sla.pool_weight is not None and not Decimal(0) < sla.pool_weight <= 100:
        errors["pool_weight"] = "The pool weight is a percentage above 0 and at most 100."
    return errors


@transaction.atomic
def sla_save(*, sla: ServiceLevel, **fields) -> ServiceLevel:
    """Create (unsaved `sla`, its contract set) or edit an SLA. Raises ValidationError."""
    for name, value in fields.items():
        setattr(sla, name, value)
    if isinstance(sla.metric, str):
        sla.metric = " ".join(sla.metric.split())
    errors = _sla_errors(sla)
    if errors:
        raise ValidationError(errors)
    sla.full_clean()
    sla.save()
    return sla


def sla_delete(*, sla: ServiceLevel) -> None:
    sla.delete()


def period_bounds_error(contract: Contract, sla: ServiceLevel, period_start: date) -> str | None:
    """Why a measurement for this period does not belong to the contract, or None."""
    if period_start.day != 1:
        return "A period starts on the first day of a month."
    if sla.period == SlaPeriod.QUARTERLY and period_start.month % 3 != 1:
        return "A quarterly SLA is measured per calendar quarter (Jan, Apr, Jul, Oct)."
    first_period = contract.start_date.replace(day=1)
    if not first_period <= period_start <= contract.end_date:
        return (
            f"{period_start:%b %Y} is outside the contract "
            f"({contract.start_date:%d %b %Y} – {contract.end_date:%d %b %Y})."
        )
    return None


def measurement_value_error(sla: ServiceLevel, value: Decimal) -> str | None:
    if value < 0:
        return "A measurement cannot be negative."
    if sla.unit == SlaUnit.PERCENT and value > 100:
        return "A percentage cannot be above 100."
    return None


@transaction.atomic
def measurements_record(
    *, contract: Contract, period_start: date, values: dict[int, Decimal | None]
) -> int:
    """Record one period's measurements for the contract's SLAs (`values` by SLA id; None
    leaves an SLA's value as it was). All or nothing: any refusal raises ValidationError
    keyed by the SLA's id and saves none. Returns how many values were written."""
    slas = {sla.pk: sla for sla in contract.slas.all()}
    errors = {}
    for sla_id, value in values.items():
        if sla_id not in slas:
            errors[str(sla_id)] = "Unknown SLA."
            continue
        if value is None:
            continue
        why = period_bounds_error(contract, slas[sla_id], period_start)
        why = why or measurement_value_error(slas[sla_id], value)
        if why:
            errors[str(sla_id)] = why
    if errors:
        raise ValidationError(errors)
    written = 0
    for sla_id, value in values.items():
        if value is None:
            continue
        Measurement.objects.update_or_create(
            sla_id=sla_id, period_start=period_start, defaults={"value": value}
        )
        written += 1
    return written


IMPORT_STASH = "private/contract-imports"


def import_stash(*, data: bytes, filename: str) -> str:
    """Keep an uploaded import privately between its preview and its confirmation."""
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    return default_storage.save(f"{IMPORT_STASH}/{uuid.uuid4().hex}{suffix}", ContentFile(data))


def import_unstash(*, path: str) -> bytes:
    """The stashed upload's bytes, removed from storage (one confirmation per preview)."""
    if not path.startswith(IMPORT_STASH + "/"):
        raise FileNotFoundError(path)
    with default_storage.open(path, "rb") as stashed:
        data = stashed.read()
    default_storage.delete(path)
    return data
