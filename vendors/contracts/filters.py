from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Q

from outsourcing.models import Workspace

from .models import OUTSOURCED_OPTIONS, Contract, ContractStatus

DEADLINE_WINDOWS = [("30", "Next 30 days"), ("90", "Next 90 days"), ("365", "Next 12 months")]


class ContractFilter(django_filters.FilterSet):
    """Search, filter and sort a workspace's contracts (the queryset is pre-scoped)."""

    q = django_filters.CharFilter(method="search", label="Search")
    status = django_filters.ChoiceFilter(choices=ContractStatus.choices, empty_label="Any status")
    vendor = django_filters.ModelChoiceFilter(queryset=None, empty_label="All vendors")
    option = django_filters.ChoiceFilter(choices=OUTSOURCED_OPTIONS, empty_label="Any option")
    deadline = django_filters.ChoiceFilter(
        method="filter_deadline",
        choices=DEADLINE_WINDOWS,
        empty_label="Any time",
        label="Notice deadline",
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("vendor__legal_name", "vendor"),
            ("annual_value", "value"),
            ("end_date", "end"),
            ("notice_deadline", "deadline"),
            ("status", "status"),
        ),
        label="Sort by",
    )

    class Meta:
        model = Contract
        fields = ["q", "status", "vendor", "option", "deadline"]

    def __init__(self, data=None, *args, workspace: Workspace, today, vendors, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.today = today
        self.filters["vendor"].queryset = vendors
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(reference__icontains=value)
            | Q(vendor__legal_name__icontains=value)
            | Q(vendor__display_name__icontains=value)
        )

    def filter_deadline(self, queryset, name, value):
        # Upcoming deadlines of contracts that can still be stopped: live ones only.
        return queryset.filter(
            status=ContractStatus.ACTIVE,
            notice_given_on__isnull=True,
            notice_deadline__gte=self.today,
            notice_deadline__lte=self.today + timedelta(days=int(value)),
        )

    @property
    def is_filtered(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(data.get(n) for n in ("q", "status", "vendor", "option", "deadline"))

    @property
    def qs(self):
        queryset = super().qs
        # A stable order under any sort, so pagination never repeats or skips a contract.
        return queryset.order_by(*(queryset.query.order_by or ["notice_deadline"]), "pk")
