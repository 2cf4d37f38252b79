"""Curator forms. They parse and check what a person typed; the services decide and write."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from outsourcing.currencies import currency_choices
from vendors.models import (
    Certification,
    DeliveryCentre,
    Offering,
    RateCard,
    ServiceLine,
    Vendor,
    available_time_zones,
)
from vendors.validation import parse_languages, validate_founded_year

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VendorForm(forms.ModelForm):
    website = forms.URLField(
        required=False,
        max_length=300,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://example.com"}),
    )
    languages = forms.CharField(
        required=False,
        max_length=200,
        help_text="ISO 639-1 codes, separated by commas: en, de, pl.",
    )
    allow_duplicate = forms.BooleanField(
        required=False,
        label="It is a different company: save it anyway",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Vendor
        fields = [
            "legal_name",
            "display_name",
            "website",
            "headquarters_country",
            "status",
            "description",
            "languages",
            "founded_year",
            "headcount",
        ]
        widgets = {
            "legal_name": forms.TextInput(attrs={"autofocus": True}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["languages"] = ", ".join(self.instance.languages or [])

    def clean_languages(self) -> list[str]:
        return parse_languages(self.cleaned_data.get("languages") or "")

    def clean_founded_year(self):
        year = self.cleaned_data.get("founded_year")
        validate_founded_year(year)
        return year

    def offer_duplicate_override(self) -> None:
        """After the service found a probable duplicate: let the curator confirm."""
        self.fields["allow_duplicate"].widget = forms.CheckboxInput()


class OfferingForm(forms.ModelForm):
    class Meta:
        model = Offering
        fields = ["service_line", "capability_level", "capacity_fte"]
        widgets = {
            "capability_level": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "capacity_fte": forms.NumberInput(attrs={"min": 0, "step": "0.5"}),
        }


def _time_zone_choices():
    return [("", "— choose —")] + [(zone, zone) for zone in sorted(available_time_zones())]


class CentreForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=_time_zone_choices)

    class Meta:
        model = DeliveryCentre
        fields = ["country", "city", "headcount", "time_zone"]


class CertificationForm(forms.ModelForm):
    class Meta:
        model = Certification
        fields = ["kind", "number", "issuer", "issued_on", "expires_on"]
        widgets = {"issued_on": DATE_INPUT, "expires_on": DATE_INPUT}
        help_texts = {"expires_on": "Leave empty if it does not lapse (a signed DPA)."}

    def clean(self):
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", "The expiry date must be after the issue date.")
        return data


class RateCardForm(forms.ModelForm):
    currency = forms.ChoiceField(choices=currency_choices)

    class Meta:
        model = RateCard
        fields = [
            "service_line",
            "delivery_country",
            "currency",
            "unit",
            "rate",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "valid_from": DATE_INPUT,
            "valid_to": DATE_INPUT,
            "rate": forms.NumberInput(attrs={"min": "0.01", "step": "0.01"}),
        }

    def clean_rate(self):
        rate = self.cleaned_data.get("rate")
        if rate is not None and rate <= 0:
            raise ValidationError("A rate must be more than zero.")
        return rate

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", "A rate must end on or after the day it starts.")
        return data


class ServiceLineForm(forms.ModelForm):
    class Meta:
        model = ServiceLine
        fields = ["code", "name", "option", "description"]
        help_texts = {"code": "Short, lowercase, with hyphens: used in import files."}


class StatusForm(forms.Form):
    reason = forms.CharField(
        required=False, max_length=200, help_text="Recorded in the vendor's history."
    )


class MergeForm(forms.Form):
    other = forms.ModelChoiceField(
        queryset=Vendor.objects.none(),
        label="Merge this vendor",
        help_text="Its offerings, centres, certificates and rates move here; it is then deleted.",
    )

    def __init__(self, *args, target: Vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Vendor.objects.exclude(pk=target.pk).order_by("legal_name")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".xlsx,.csv,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class CatalogUploadForm(forms.Form):
    files = MultipleFileField(
        help_text="One .xlsx workbook with a sheet per kind, or CSV files named vendors.csv, "
        "offerings.csv, centres.csv, certifications.csv, rates.csv (or a .zip of them).",
    )

    def clean_files(self):
        files = self.cleaned_data.get("files") or []
        if sum(f.size for f in files) > settings.IMPORT_MAX_BYTES * 5:
            raise ValidationError("These files are too large together; upload fewer at once.")
        return files
