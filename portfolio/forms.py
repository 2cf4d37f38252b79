from django import forms

from portfolio.models import ReportLanguage
from portfolio.selectors.figures import SECTION_TITLES


class ReportForm(forms.Form):
    """What a report covers: which sections, which departments, in which language."""

    sections = forms.MultipleChoiceField(
        choices=list(SECTION_TITLES.items()),
        initial=list(SECTION_TITLES),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one section."},
    )
    departments = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for the whole workspace.",
    )
    language = forms.ChoiceField(choices=ReportLanguage.choices, initial=ReportLanguage.ENGLISH)

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = departments
        if not departments.exists():
            del self.fields["departments"]

    def clean_sections(self) -> list[str]:
        chosen = set(self.cleaned_data["sections"])
        return [key for key in SECTION_TITLES if key in chosen]  # always in report order
