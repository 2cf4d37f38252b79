import django_filters
from django import forms
from django.db.models import F, Q

from outsourcing.models import BusinessFunction, Department, Recommendation

NOT_ASSESSED = "NONE"


class NullsLastOrderingFilter(django_filters.OrderingFilter):
    """Sorts with blanks (no cost, not assessed, no projected saving) last either way: on
    PostgreSQL a descending sort would otherwise list them first."""

    def get_ordering_value(self, param):
        field = super().get_ordering_value(param)
        if field.startswith("-"):
            return F(field[1:]).desc(nulls_last=True)
        return F(field).asc(nulls_last=True)


class BusinessFunctionFilter(django_filters.FilterSet):
    """Search, filter and sort a workspace's function list (the queryset is pre-scoped)."""

    q = django_filters.CharFilter(method="search", label="Search")
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.none(), empty_label="All departments"
    )
    recommendation = django_filters.ChoiceFilter(
        method="filter_recommendation",
        choices=[*Recommendation.choices, (NOT_ASSESSED, "Not assessed")],
        empty_label="Any",
    )
    close_call = django_filters.BooleanFilter(
        method="filter_close_call", label="Close calls only", widget=forms.CheckboxInput
    )
    status = django_filters.ChoiceFilter(
        method="filter_status",
        choices=[("active", "Active"), ("archived", "Archived"), ("all", "All")],
        empty_label=None,
        label="Status",
    )
    sort = NullsLastOrderingFilter(
        fields=(
            ("name", "name"),
            ("department__name", "department"),
            ("annual_cost", "annual_cost"),
            ("fte", "fte"),
            ("latest_assessment__recommendation", "recommendation"),
            ("latest_assessment__margin", "margin"),
            # Stored by the businesscase app under this related name (never imported here).
            ("projected_saving__annual_saving", "saving"),
            ("updated_at", "updated"),
        ),
        label="Sort by",
    )

    class Meta:
        model = BusinessFunction
        fields = ["q", "department", "recommendation", "close_call", "status"]

    def __init__(self, data=None, *args, workspace, **kwargs):
        data = data.copy() if data is not None else {}
        data.setdefault("status", "active")
        super().__init__(data, *args, **kwargs)
        self.filters["department"].queryset = Department.objects.filter(workspace=workspace)
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(field.widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            field.widget.attrs.setdefault("class", css)

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))

    def filter_recommendation(self, queryset, name, value):
        if value == NOT_ASSESSED:
            return queryset.filter(latest_assessment__isnull=True)
        return queryset.filter(latest_assessment__recommendation=value)

    def filter_close_call(self, queryset, name, value):
        # An unticked box means "all", not "only clear calls".
        return queryset.filter(latest_assessment__close_call=True) if value else queryset

    def filter_status(self, queryset, name, value):
        if value == "archived":
            return queryset.filter(is_archived=True)
        if value == "all":
            return queryset
        return queryset.filter(is_archived=False)

    @property
    def is_filtered(self) -> bool:
        """Whether the person narrowed the list (so an empty one means “no match”)."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(
            data.get(name) for name in ("q", "department", "recommendation", "close_call")
        ) or (data.get("status") == "archived")

    @property
    def qs(self):
        queryset = super().qs
        # A stable order under any sort, so pagination never repeats or skips a function.
        return queryset.order_by(*(queryset.query.order_by or ["name"]), "pk")
