from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html

register = template.Library()


@register.filter
def money(value, currency: str = "") -> str:
    """1234567.8 → “EUR 1,234,568” (whole units: these are budgets, not invoices)."""
    if value in (None, ""):
        return "—"
    amount = intcomma(int(Decimal(value).quantize(Decimal(1))))
    return f"{currency} {amount}".strip()


@register.simple_tag(takes_context=True)
def sort_link(context, field: str, label: str) -> str:
    """A column header that sorts by `field`, and reverses when clicked again."""
    request = context["request"]
    current = request.GET.get("sort", "")
    if current == field:
        target, arrow = f"-{field}", "bi-sort-up"
    elif current == f"-{field}":
        target, arrow = field, "bi-sort-down"
    else:
        target, arrow = field, ""
    params = request.GET.copy()
    params["sort"] = target
    for stale in ("page", "after", "before"):  # a new order starts from its first page
        params.pop(stale, None)
    icon = format_html(' <i class="bi {}" aria-hidden="true"></i>', arrow) if arrow else ""
    return format_html(
        '<a href="?{}" class="link-body-emphasis text-decoration-none">{}{}</a>',
        params.urlencode(),
        label,
        icon,
    )


@register.filter
def percent(value, digits: int = 0) -> str:
    """0.153 → “15 %”."""
    if value in (None, ""):
        return "—"
    return f"{float(value) * 100:.{int(digits)}f} %"


@register.filter
def minutes(value) -> str:
    """A timedelta as “15 minutes” (“1 minute”, and at least one)."""
    count = max(1, round(value.total_seconds() / 60))
    return f"{count} minute{'s' if count != 1 else ''}"
