from datetime import date

from django import forms

from outsourcing.currencies import currency_choices
from outsourcing.models import Workspace
from vendors.models import Vendor

from .models import Contract, ServiceLevel
from .selectors import contract_function_choices, contract_owner_choices
from .services import CONTRACT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(forms.ModelForm):
    """Create or edit a contract. The service checks the terms (one place for the rules)."""

    signed_file = forms.FileField(
        required=False,
        label="Signed contract (PDF)",
        help_text="Kept privately: only members of this workspace can download it.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = Contract
        # The fields the service takes, plus the covered functions (set after saving).
        fields = [*CONTRACT_FIELDS, "functions"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "notes": forms.Textarea(attrs={"rows": 3}),
            "functions": forms.SelectMultiple(attrs={"size": 6}),
            "annual_value": forms.NumberInput(attrs={"min": 0.01, "step": "0.01"}),
            "total_value": forms.NumberInput(attrs={"min": 0.01, "step": "0.01"}),
        }

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = Vendor.objects.order_by("legal_name")
        self.fields["functions"].queryset = contract_function_choices(workspace=workspace)
        self.fields["owner"].queryset = contract_owner_choices(workspace=workspace)
        self.fields["owner"].empty_label = "— nobody —"
        # An unsaved contract's blank currency is in `initial` already: replace it.
        if not self.instance.currency:
            self.initial["currency"] = workspace.currency
        self.fields["currency"].widget = forms.Select(choices=currency_choices())
        # The status moves through the actions (renew, notice, terminate), not by editing.
        if self.instance.pk:
            del self.fields["status"]
        else:
            self.fields["status"].choices = [
                c for c in self.fields["status"].choices if c[0] in ("draft", "active")
            ]

    def _post_clean(self):
        # The model is validated by the service (with notice_deadline computed); the form
        # only parses. Skipping ModelForm's instance validation keeps one place for rules.
        pass


class ServiceLevelForm(forms.ModelForm):
    class Meta:
        model = ServiceLevel
        fields = [
            "metric",
            "unit",
            "target",
            "direction",
            "period",
            "pool_weight",
            "credit_percent",
        ]

    def _post_clean(self):
        pass


class RenewForm(forms.Form):
    new_end = forms.DateField(
        required=False,
        widget=DATE,
        label="New end date",
        help_text="Leave empty to renew for the contract's renewal term.",
    )
    note = forms.CharField(max_length=500, required=False)


class NoticeForm(forms.Form):
    given_on = forms.DateField(widget=DATE, label="Notice given on", initial=date.today)
    note = forms.CharField(
        max_length=500, required=False, help_text="To whom, how (letter, e-mail)."
    )


class TerminateForm(forms.Form):
    effective_on = forms.DateField(widget=DATE, label="Effective date")
    note = forms.CharField(max_length=500, required=False, label="Reason")
    confirm = forms.BooleanField(label="Yes, terminate this contract")


class MeasurementGridForm(forms.Form):
    """One period's values for all of a contract's SLAs: one number field per SLA."""

    period = forms.DateField(
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
        label="Period (month)",
    )

    def __init__(self, *args, slas: list[ServiceLevel], **kwargs):
        super().__init__(*args, **kwargs)
        self.slas = slas
        for sla in slas:
            self.fields[f"sla_{sla.pk}"] = forms.DecimalField(
                required=False,
                max_digits=14,
                decimal_places=3,
                label=f"{sla.metric} ({sla.target_label})",
                widget=forms.NumberInput(attrs={"step": "any", "min": 0}),
            )

    def values(self) -> dict:
        return {sla.pk: self.cleaned_data.get(f"sla_{sla.pk}") for sla in self.slas}


class TransferUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV or XLSX file",
        help_text="An XLSX with a “Contracts” and/or a “Measurements” sheet, or one CSV.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
