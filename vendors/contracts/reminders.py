"""The daily reminder run: roll terms over, then e-mail each notice-deadline reminder that
is due, exactly once (docs/domain.md: 90, 60, 30 and 7 days before, and on the day).

Exactly once, like healthchecks' alerts: a reminder row (contract × deadline × threshold,
unique) is claimed before the e-mail goes out and marked sent after. A second run finds the
row taken; a run that died between claiming and sending leaves an unsent row, which the
next run reclaims once the claim is old enough.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from outsourcing.models import Membership, Role

from .models import Contract, ContractReminder, ContractStatus
from .services import contracts_roll_over
from .terms import REMINDER_THRESHOLDS, due_thresholds

# A claim older than this, still unsent, belongs to a run that died: take it over.
STALE_CLAIM = timedelta(minutes=15)


@dataclass(frozen=True)
class ReminderRun:
    today: date
    renewed: int
    expired: int
    sent: int
    failed: int


def contract_reminders_send(*, today: date) -> ReminderRun:
    """Roll terms over, then send every reminder due on `today` (the workspace calendar).

    Safe to run twice, concurrently or late: each reminder goes out once. Live contracts
    only: none after notice is given, termination or expiry.
    """
    rolled = contracts_roll_over(today=today)
    run = uuid.uuid4()
    _claim(today=today, run=run)
    sent, failed = _send_claimed(run=run, today=today)
    return ReminderRun(today, rolled["renewed"], rolled["expired"], sent, failed)


def _claim(*, today: date, run: uuid.UUID) -> None:
    now = timezone.now()
    contracts = Contract.objects.filter(
        status=ContractStatus.ACTIVE,
        notice_given_on__isnull=True,
        notice_deadline__gte=today,
        notice_deadline__lte=today + timedelta(days=max(REMINDER_THRESHOLDS)),
    ).values_list("pk", "notice_deadline")
    rows = [
        ContractReminder(
            contract_id=pk, notice_deadline=deadline, days_before=days, claimed_at=now, run=run
        )
        for pk, deadline in contracts
        for days in due_thresholds(notice_deadline=deadline, today=today)
    ]
    # Rows another run already holds are skipped by the unique constraint, not overwritten.
    ContractReminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    ContractReminder.objects.filter(sent_at__isnull=True, claimed_at__lt=now - STALE_CLAIM).update(
        run=run, claimed_at=now
    )


def _recipients(contracts: list[Contract]) -> dict[int, list[str]]:
    owners = defaultdict(list)
    for workspace_id, email in Membership.objects.filter(
        workspace_id__in={c.workspace_id for c in contracts}, role=Role.OWNER
    ).values_list("workspace_id", "user__email"):
        owners[workspace_id].append(email)
    return {
        c.pk: sorted({*owners[c.workspace_id], *([c.owner.email] if c.owner else [])})
        for c in contracts
    }


def _send_claimed(*, run: uuid.UUID, today: date) -> tuple[int, int]:
    claimed = list(
        ContractReminder.objects.filter(run=run, sent_at__isnull=True).select_related(
            "contract__workspace", "contract__vendor", "contract__owner"
        )
    )
    by_contract = defaultdict(list)
    for reminder in claimed:
        by_contract[reminder.contract_id].append(reminder)
    contracts = [rows[0].contract for rows in by_contract.values()]
    recipients = _recipients(contracts)
    sent = failed = 0
    with get_connection() as connection:
        for contract in contracts:
            rows = by_contract[contract.pk]
            to = recipients[contract.pk]
            try:
                if to:
                    _message(contract, today, to, connection).send()
            except OSError:
                # SMTP down: the rows stay unsent and a later run (after STALE_CLAIM) retries.
                failed += 1
                continue
            ContractReminder.objects.filter(pk__in=[r.pk for r in rows]).update(
                sent_at=timezone.now(), recipients=", ".join(to)
            )
            sent += 1
    return sent, failed


def _message(contract: Contract, today: date, to: list[str], connection) -> EmailMessage:
    days_left = (contract.notice_deadline - today).days
    path = reverse("contracts:contract_detail", args=[contract.workspace.slug, contract.pk])
    context = {
        "contract": contract,
        "days_left": days_left,
        "url": settings.SITE_URL.rstrip("/") + path,
    }
    when = "today" if days_left == 0 else f"in {days_left} day{'s' if days_left != 1 else ''}"
    return EmailMessage(
        subject=f"Notice deadline {when}: {contract.title} ({contract.vendor})",
        body=render_to_string("vendors/contracts/reminder_email.txt", context),
        to=to,
        connection=connection,
    )
