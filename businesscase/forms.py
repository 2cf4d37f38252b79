from django import forms

from businesscase.models import BusinessCaseDefaults, FunctionAssumptions
from businesscase.presentation import number_words


class FunctionAssumptionsForm(forms.ModelForm):
    """A function's own assumptions; a blank percentage or term uses the workspace default."""

    class Meta:
        model = FunctionAssumptions
        fields = [
            "transition_cost",
            "exit_cost",
            "governance_pct",
            "discount_rate_pct",
            "term_years",
        ]

    def __init__(self, *args, defaults: BusinessCaseDefaults, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("transition_cost", "exit_cost"):
            self.fields[name].label = f"{self.fields[name].label} ({currency})"
        for name in ("governance_pct", "discount_rate_pct", "term_years"):
            default = getattr(defaults, name)
            self.fields[name].help_text = f"Blank: the workspace default, {number_words(default)}."
            self.fields[name].widget.attrs["placeholder"] = number_words(default)


class BusinessCaseDefaultsForm(forms.ModelForm):
    class Meta:
        model = BusinessCaseDefaults
        fields = [
            "loaded_cost_per_fte",
            "governance_pct",
            "discount_rate_pct",
            "term_years",
            "hours_per_fte_year",
        ]

    def __init__(self, *args, currency: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["loaded_cost_per_fte"]
        field.label = f"{field.label} ({currency})"
