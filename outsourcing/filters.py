import django_filters
from django import forms
from django.db.models import Q

from outsourcing.models import BusinessFunction, Department


class BusinessFunctionFilter(django_filters.FilterSet):
    """Search, filter and sort a workspace's function list (the queryset is pre-scoped)."""

    q = django_filters.CharFilter(method="search", label="Search")
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.none(), empty_label="All departments"
    )
    status = django_filters.ChoiceFilter(
        method="filter_status",
        choices=[("active", "Active"), ("archived", "Archived"), ("all", "All")],
        empty_label=None,
        label="Status",
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("department__name", "department"),
            ("annual_cost", "annual_cost"),
            ("fte", "fte"),
            ("updated_at", "updated"),
        ),
        label="Sort by",
    )

    class Meta:
        model = BusinessFunction
        fields = ["q", "department", "status"]

    def __init__(self, data=None, *args, workspace, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", "active")
        super().__init__(data, *args, **kwargs)
        self.filters["department"].queryset = Department.objects.filter(workspace=workspace)
        for field in self.form.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))

    def filter_status(self, queryset, name, value):
        if value == "archived":
            return queryset.filter(is_archived=True)
        if value == "all":
            return queryset
        return queryset.filter(is_archived=False)

    @property
    def qs(self):
        queryset = super().qs
        # A stable order under any sort, so pagination never repeats or skips a function.
        return queryset.order_by(*(queryset.query.order_by or ["name"]), "pk")
