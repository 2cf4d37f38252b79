from datetime import timedelta

from django import forms
from django.utils import timezone

from outsourcing.models import User, Workspace


class RoundOpenForm(forms.Form):
    """Whom to invite to rate a function, and by when."""

    assessors = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Invite",
        help_text="Each rates on their own and sees the others only after submitting.",
        error_messages={"required": "Invite at least one member."},
    )
    due_date = forms.DateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The round closes at the end of this day.",
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why this round, what to consider: sent with the invitation.",
    )

    def __init__(self, *args, workspace: Workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessors"].queryset = User.objects.filter(
            memberships__workspace=workspace
        ).order_by("email")
        self.fields["assessors"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.email})" if u.get_full_name() else u.email
        )
        self.fields["due_date"].initial = timezone.localdate() + timedelta(days=7)
