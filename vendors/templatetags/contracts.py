"""Template tags that let other apps' pages show contracts without importing this app:
the dashboard's deadlines card and a vendor's contracts."""

from datetime import date

from django import template

from vendors.contracts.selectors import (
    upcoming_deadlines,
    vendor_contracts_for_member,
)
from vendors.contracts.services import today_in_workspace_calendar

register = template.Library()


@register.simple_tag
def days_until(day: date, today: date | None = None) -> int:
    return (day - (today or today_in_workspace_calendar())).days


@register.simple_tag
def upcoming_contract_deadlines(workspace, within_days: int = 90):
    return upcoming_deadlines(
        workspace=workspace, today=today_in_workspace_calendar(), within_days=within_days
    )


@register.simple_tag(takes_context=True)
def contracts_with_vendor(context, vendor, workspace):
    return vendor_contracts_for_member(
        user=context["request"].user, workspace=workspace, vendor=vendor
    )


@register.simple_tag
def today():
    return today_in_workspace_calendar()
