from django import forms


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        help_text="What the token is for, e.g. “Power BI refresh” or “consulting scripts”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
