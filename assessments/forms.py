from decimal import Decimal

from django import forms

from assessments import scoring
from assessments.judgements import (
    ahp_evaluate,
    criterion_labels,
    criterion_pairs,
    judgements_to_revisit,
)
from assessments.models import FACTOR_FIELDS

# Saaty's 1–9 scale, as the person reads it: which criterion matters more, and how much.
SAATY_WORDS = {
    1: "equally important",
    2: "equally to moderately more important",
    3: "moderately more important",
    4: "moderately to strongly more important",
    5: "strongly more important",
    6: "strongly to very strongly more important",
    7: "very strongly more important",
    8: "very to extremely more important",
    9: "extremely more important",
}


class AssessmentForm(forms.Form):
    """The questionnaire: each factor rated 1–5 on its own scale anchors."""

    notes = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Anything the next reader should know: sources, assumptions, who was asked.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key in FACTOR_FIELDS:
            info = scoring.FACTOR_INFO[key]
            self.fields[key] = forms.TypedChoiceField(
                label=info.label,
                help_text=info.help_text,
                coerce=int,
                choices=[(value, anchor) for value, anchor in enumerate(info.anchors, start=1)],
                widget=forms.RadioSelect,
                error_messages={"required": f"Rate {info.label.lower()} from 1 to 5."},
            )
        self.order_fields([*FACTOR_FIELDS, "notes"])

    def criteria(self):
        """The factor fields grouped by criterion, in the questionnaire's order."""
        for key in scoring.CRITERIA:
            info = scoring.CRITERION_INFO[key]
            yield info, [self[factor] for factor in info.factors]

    @property
    def ratings(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key in FACTOR_FIELDS}


class DirectWeightsForm(forms.Form):
    """Criteria weights as percentages that add up to 100."""

    def __init__(self, *args, current: dict[str, float] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for key in scoring.CRITERIA:
            info = scoring.CRITERION_INFO[key]
            self.fields[key] = forms.DecimalField(
                label=f"{info.label} (%)",
                help_text=info.description,
                min_value=0,
                max_value=100,
                decimal_places=1,
                initial=round(Decimal(str((current or {}).get(key, 0))) * 100, 1),
                widget=forms.NumberInput(attrs={"step": "0.1", "class": "weight-input"}),
            )

    def clean(self):
        cleaned = super().clean()
        values = [cleaned.get(key) for key in scoring.CRITERIA]
        if any(value is None for value in values):
            return cleaned
        total = sum(values)
        if abs(total - 100) > Decimal("0.05"):
            raise forms.ValidationError(
                f"The weights add up to {total:g} %; they must add up to 100 %."
            )
        if total == 0:
            raise forms.ValidationError("At least one criterion needs a weight above 0 %.")
        return cleaned

    @property
    def weights(self) -> dict[str, float]:
        return {key: float(self.cleaned_data[key]) / 100 for key in scoring.CRITERIA}


def _saaty_choices(left: str, right: str) -> list[tuple[str, str]]:
    choices = [(str(v), f"{left} {SAATY_WORDS[v]} ({v})") for v in range(9, 1, -1)]
    choices.append(("1", "Both equally important (1)"))
    choices += [(f"1/{v}", f"{right} {SAATY_WORDS[v]} ({v})") for v in range(2, 10)]
    return choices


class AhpForm(forms.Form):
    """Pairwise comparison of the criteria on Saaty's scale (upper triangle only).

    It evaluates its judgements (its initial ones when unbound) so the page shows the weights
    and consistency they imply; whether they are consistent enough to save is the service's
    rule (`weights_set`).
    """

    def __init__(self, *args, current: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.labels = criterion_labels()
        self.pairs = criterion_pairs()
        for i, j, name in self.pairs:
            self.fields[name] = forms.ChoiceField(
                label=f"{self.labels[i]} vs {self.labels[j]}",
                choices=_saaty_choices(self.labels[i], self.labels[j]),
                initial=(current or {}).get(name, "1"),
            )
        self.result: scoring.AhpResult | None = None
        if not self.is_bound:
            self.result = ahp_evaluate({name: self.fields[name].initial for *_, name in self.pairs})

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            self.result = ahp_evaluate(cleaned)
        return cleaned

    @property
    def judgements(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for *_, name in self.pairs}

    @property
    def weight_rows(self) -> list[tuple[str, float]]:
        return list(zip(self.labels, map(float, self.result.weights), strict=True))

    @property
    def worst_rows(self) -> list[str]:
        """The judgements that disagree most with the weights, in words."""
        return judgements_to_revisit(self.result)
