"""Notice-deadline reminders: each sent once, on the workspace's calendar, never after
notice, termination or expiry; automatic renewal moves the deadline to the renewed end."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from outsourcing.models import Role
from tests.factories import MembershipFactory, UserFactory
from tests.vendors.contracts.factories import ContractFactory
from vendors.contracts.models import ContractEvent, ContractReminder, ContractStatus
from vendors.contracts.reminders import contract_reminders_send
from vendors.contracts.services import (
    contract_give_notice,
    contract_terminate,
    today_in_workspace_calendar,
)

pytestmark = pytest.mark.django_db

DEADLINE = date(2027, 10, 2)  # end 31 Dec 2027 − 90 days


@pytest.fixture
def contract(workspace, owner):
    manager = UserFactory(email="manager@example.com")
    MembershipFactory(workspace=workspace, user=manager, role=Role.EDITOR)
    return ContractFactory(workspace=workspace, owner=manager, title="Payroll BPO")


def run_every_day(start: date, end: date) -> None:
    day = start
    while day <= end:
        contract_reminders_send(today=day)
        day += timedelta(days=1)


def test_five_reminders_each_sent_once_over_daily_runs(contract):
    run_every_day(DEADLINE - timedelta(days=100), DEADLINE + timedelta(days=5))
    assert len(mail.outbox) == 5
    assert sorted(contract.reminders.values_list("days_before", flat=True)) == [0, 7, 30, 60, 90]
    first = mail.outbox[0]
    assert "in 90 days" in first.subject and "Payroll BPO" in first.subject
    assert sorted(first.to) == ["manager@example.com", "owner@example.com"]
    assert "/w/acme/contracts/" in first.body
    assert "today" in mail.outbox[-1].subject.lower()


def test_a_duplicate_run_sends_nothing_more(contract):
    contract_reminders_send(today=DEADLINE - timedelta(days=30))
    contract_reminders_send(today=DEADLINE - timedelta(days=30))
    assert len(mail.outbox) == 1
    # Late: the 90 and 60 day reminders were missed, and go out with the 30 day one, once.
    assert sorted(contract.reminders.values_list("days_before", flat=True)) == [30, 60, 90]


def test_a_late_run_sends_the_missed_reminders_once_then_the_rest_on_time(contract):
    contract_reminders_send(today=DEADLINE - timedelta(days=45))  # 90 and 60 days, late
    contract_reminders_send(today=DEADLINE - timedelta(days=3))  # 30 and 7 days, late
    contract_reminders_send(today=DEADLINE)
    contract_reminders_send(today=DEADLINE)
    assert len(mail.outbox) == 3
    assert contract.reminders.filter(sent_at__isnull=False).count() == 5


def test_no_reminder_after_notice_is_given(contract):
    contract_reminders_send(today=DEADLINE - timedelta(days=90))
    contract_give_notice(contract=contract, by=None, given_on=DEADLINE - timedelta(days=40))
    run_every_day(DEADLINE - timedelta(days=40), DEADLINE + timedelta(days=1))
    assert len(mail.outbox) == 1
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE  # runs to the end of the term


def test_no_reminder_after_termination_or_expiry(workspace, owner):
    terminated = ContractFactory(workspace=workspace)
    contract_terminate(contract=terminated, by=None, effective_on=date(2026, 6, 30))
    ContractFactory(workspace=workspace, status=ContractStatus.EXPIRED)
    run_every_day(DEADLINE - timedelta(days=91), DEADLINE)
    assert mail.outbox == []


def test_auto_renewal_rolls_the_deadline_from_the_renewed_end(contract):
    contract.auto_renew = True
    contract.renewal_term_months = 12
    contract.save()
    run_every_day(DEADLINE - timedelta(days=1), DEADLINE + timedelta(days=1))
    contract.refresh_from_db()
    assert contract.end_date == date(2028, 12, 31)
    # 31 Dec 2028 − 90 days (2028 is a leap year) = 2 Oct 2028
    assert contract.notice_deadline == date(2028, 10, 2)
    assert contract.events.filter(kind=ContractEvent.Kind.AUTO_RENEWED).count() == 1
    mail.outbox.clear()
    contract_reminders_send(today=date(2028, 7, 4))  # 90 days before the new deadline
    assert len(mail.outbox) == 1
    assert ContractReminder.objects.filter(notice_deadline=date(2028, 10, 2)).count() == 1


def test_a_run_months_late_renews_term_by_term_to_the_current_one(contract):
    contract.auto_renew = True
    contract.renewal_term_months = 6
    contract.save()
    contract_reminders_send(today=date(2029, 1, 15))
    contract.refresh_from_db()
    # 31 Dec 2027 → 30 Jun 2028 → 31 Dec 2028 (deadline 2 Oct 2028, passed) → 30 Jun 2029
    assert contract.end_date == date(2029, 6, 30)
    assert contract.events.filter(kind=ContractEvent.Kind.AUTO_RENEWED).count() == 3


def test_a_contract_without_auto_renewal_expires_after_its_end(contract):
    contract_reminders_send(today=date(2028, 1, 1))
    contract.refresh_from_db()
    assert contract.status == ContractStatus.EXPIRED
    assert contract.events.filter(kind=ContractEvent.Kind.EXPIRED).exists()


@pytest.mark.parametrize(
    ("end", "notice", "deadline"),
    [
        (date(2028, 3, 7), 7, date(2028, 2, 29)),  # a leap day deadline
        (date(2026, 3, 31), 30, date(2026, 3, 1)),  # the 30-day reminder falls in January
    ],
)
def test_reminders_follow_the_workspace_calendar_across_month_ends(
    workspace, owner, settings, end, notice, deadline
):
    settings.TIME_ZONE = "Pacific/Auckland"
    contract = ContractFactory(workspace=workspace, end_date=end, notice_period_days=notice)
    assert contract.notice_deadline == deadline
    # 11:00 UTC on the day before is already the deadline day in Auckland (UTC+13 in summer).
    utc_eve = datetime.combine(deadline - timedelta(days=1), datetime.min.time()).replace(
        hour=11, tzinfo=ZoneInfo("UTC")
    )
    with time_machine.travel(utc_eve, tick=False):
        call_command("send_contract_reminders")
    assert contract.reminders.filter(days_before=0).exists()
    assert "today" in mail.outbox[0].subject.lower()


def test_the_command_takes_a_date_and_reports_what_it_did(contract, capsys):
    call_command("send_contract_reminders", "--today", str(DEADLINE - timedelta(days=7)))
    out = capsys.readouterr().out
    assert "1 contract(s) reminded" in out
    assert sorted(contract.reminders.values_list("days_before", flat=True)) == [7, 30, 60, 90]


def test_the_command_refuses_a_malformed_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_contract_reminders", "--today", "2026-02-30")


def test_a_failed_send_is_retried_by_a_later_run(contract, monkeypatch):
    from vendors.contracts import reminders

    def refuse(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(reminders.EmailMessage, "send", refuse)
    first = contract_reminders_send(today=DEADLINE - timedelta(days=90))
    assert first.failed == 1 and contract.reminders.get().sent_at is None
    monkeypatch.undo()
    # The claim is fresh: a run right away leaves it to its owner ...
    assert contract_reminders_send(today=DEADLINE - timedelta(days=90)).sent == 0
    # ... and once it is stale, the next run takes it over and sends it.
    with time_machine.travel(datetime.now(tz=ZoneInfo("UTC")) + timedelta(hours=1)):
        assert contract_reminders_send(today=DEADLINE - timedelta(days=89)).sent == 1
    assert len(mail.outbox) == 1


def test_the_daily_task_is_in_the_beat_schedule(settings):
    from outsourcing.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["send-contract-reminders"]
    app.loader.import_default_modules()  # what a worker or beat does when it starts
    assert entry["task"] in app.tasks


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_reminder_task_runs_on_a_real_worker_through_redis(workspace, owner, settings):
    from celery.contrib.testing.worker import start_worker

    from outsourcing.celery import app
    from vendors.contracts.tasks import send_contract_reminders

    today = today_in_workspace_calendar()
    contract = ContractFactory(
        workspace=workspace,
        start_date=today - timedelta(days=400),
        end_date=today + timedelta(days=97),
        notice_period_days=90,
    )  # deadline in 7 days: the 90, 60, 30 and 7 day reminders are due
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10
        ):
            result = send_contract_reminders.delay().get(timeout=30)
    finally:
        app.conf.task_always_eager = True
    assert result["sent"] == 1
    assert contract.reminders.filter(sent_at__isnull=False).count() == 4
