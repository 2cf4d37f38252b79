"""Contract calendar arithmetic, pure and in one place: the notice deadline, a renewal's
new end, and which reminder thresholds are due on a day (docs/domain.md, *Contracts and
service levels*)."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

# Days before the notice deadline on which a reminder goes out; 0 is the day itself.
REMINDER_THRESHOLDS = (90, 60, 30, 7, 0)


def notice_deadline_for(*, end_date: date, notice_period_days: int) -> date:
    """The last day on which notice can be given: the term's end minus the notice period."""
    return end_date - timedelta(days=notice_period_days)


def renewed_end(*, end_date: date, renewal_term_months: int) -> date:
    """The end of the next term: `renewal_term_months` calendar months later.

    relativedelta clamps to the month's last day, so a term ending 29 Feb 2028 renewed for
    12 months ends 28 Feb 2029 rather than failing or spilling into March.
    """
    return end_date + relativedelta(months=renewal_term_months)


def due_thresholds(*, notice_deadline: date, today: date) -> list[int]:
    """Thresholds whose day has come (today or earlier) while the deadline has not passed.

    A run that comes late still finds the thresholds it missed; once the deadline is behind
    us nothing is due (giving notice is no longer possible in this term).
    """
    if today > notice_deadline:
        return []
    days_left = (notice_deadline - today).days
    return [t for t in REMINDER_THRESHOLDS if days_left <= t]


def term_days(*, start_date: date, end_date: date) -> int:
    return (end_date - start_date).days
