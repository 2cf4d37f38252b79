from django import forms
from django.contrib.auth.forms import AuthenticationForm

from outsourcing.activity import activity_people
from outsourcing.models import BusinessFunction, Role, User, Workspace
from outsourcing.selectors import function_name_taken


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password do not match an account. Both are "
        "case-sensitive except the email.",
    }


class BusinessFunctionForm(forms.ModelForm):
    """Create or edit a function. The department is typed; a new name creates it."""

    department = forms.CharField(
        max_length=100,
        required=False,
        help_text="Pick an existing department or type a new one.",
        widget=forms.TextInput(attrs={"list": "department-options", "autocomplete": "off"}),
    )

    class Meta:
        model = BusinessFunction
        fields = [
            "name",
            "description",
            "annual_cost",
            "fte",
            "monthly_volume",
            "service_line",
            "current_sourcing",
        ]
        widgets = {
            "name": forms.TextInput(attrs={"autofocus": True}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "annual_cost": forms.NumberInput(attrs={"min": 0, "step": "0.01"}),
            "fte": forms.NumberInput(attrs={"min": 0, "step": "0.1"}),
        }

    # The department is a typed name, not the model's foreign key: the service resolves it.
    field_order = ["name", "department"]

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace
        self.fields["annual_cost"].label = f"Annual in-house cost ({workspace.currency})"
        self.fields["service_line"].empty_label = "— not chosen —"
        if self.instance.pk and self.instance.department_id:
            self.initial.setdefault("department", self.instance.department.name)

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Give the function a name.")
        if function_name_taken(workspace=self.workspace, name=name, exclude_pk=self.instance.pk):
            raise forms.ValidationError(
                f"“{name}” already exists in this workspace (names are not case-sensitive)."
            )
        return name

    def clean_annual_cost(self):
        return _not_negative(self.cleaned_data["annual_cost"], "An annual cost")

    def clean_fte(self):
        return _not_negative(self.cleaned_data["fte"], "FTE")


def _not_negative(value, what: str):
    if value is not None and value < 0:
        raise forms.ValidationError(f"{what} cannot be negative.")
    return value


class InviteMemberForm(forms.Form):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autofocus": True}))
    role = forms.ChoiceField(choices=Role.choices, initial=Role.EDITOR)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


class ActivityFilterForm(forms.Form):
    """The Activity page's filters; every one optional."""

    person = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="Anyone"
    )
    kind = forms.ChoiceField(required=False, label="Record")
    since = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, workspace: Workspace, kinds: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        # Former members stay choosable: their changes are still in the trail.
        self.fields["person"].queryset = activity_people(workspace=workspace)
        self.fields["kind"].choices = [("", "Every kind"), *kinds]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = (
                "form-select" if name in ("person", "kind") else "form-control"
            )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "“Until” is before “since”.")
        return cleaned

    @property
    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        person = data.get("person")
        return {
            "user_id": person.pk if person else None,
            "kind": data.get("kind") or None,
            "since": data.get("since"),
            "until": data.get("until"),
        }
