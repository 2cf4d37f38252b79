from rest_framework import serializers

from api.serializers.jobs import JobSerializer
from assessments import scoring
from assessments.forms import AhpForm
from assessments.models import CriteriaWeights


class CriteriaSerializer(serializers.Serializer):
    """One number per criterion."""

    def get_fields(self):
        fields = super().get_fields()
        for key in scoring.CRITERIA:
            info = scoring.CRITERION_INFO[key]
            fields[key] = self.criterion_field(help_text=f"{info.label}: {info.description}")
        return fields

    def criterion_field(self, **kwargs):
        return serializers.FloatField(**kwargs)


class WeightFractionsSerializer(CriteriaSerializer):
    """Criteria weights as fractions summing to 1."""


class WeightPercentagesSerializer(CriteriaSerializer):
    """Criteria weights in percent (0–100, one decimal), adding up to 100."""

    def criterion_field(self, **kwargs):
        return serializers.DecimalField(
            max_digits=4, decimal_places=1, min_value=0, max_value=100, **kwargs
        )


class WeightsSerializer(serializers.Serializer):
    weights = WeightFractionsSerializer()
    method = serializers.ChoiceField(choices=CriteriaWeights.Method.choices)
    consistency_ratio = serializers.FloatField(
        allow_null=True, help_text="AHP only: the judgements' consistency ratio (below 0.10)."
    )
    ahp_judgements = serializers.DictField(
        child=serializers.CharField(),
        allow_null=True,
        help_text="AHP only: the judgements the weights were derived from.",
    )
    updated_at = serializers.DateTimeField(allow_null=True)
    updated_by = serializers.EmailField(allow_null=True)


class DirectWeightsSerializer(serializers.Serializer):
    weights = WeightPercentagesSerializer()


# Saaty's scale as the weights page offers it: "9" … "2", "1", "1/2" … "1/9".
SAATY_VALUES = [value for value, _ in AhpForm().fields["pair_0_1"].choices]


class AhpJudgementsSerializer(serializers.Serializer):
    """Pairwise judgements on Saaty's scale, as on the weights page.

    `pair_i_j` compares criterion i with criterion j (in the order of `CRITERIA`): "3" says
    i is moderately more important than j, "1/3" the reverse, "1" equally important.
    """

    def get_fields(self):
        fields = super().get_fields()
        for name, field in AhpForm().fields.items():
            fields[name] = serializers.ChoiceField(choices=SAATY_VALUES, help_text=str(field.label))
        return fields


class AhpWeightsSerializer(serializers.Serializer):
    judgements = AhpJudgementsSerializer()


class WeightsUpdateSerializer(serializers.Serializer):
    weights = WeightsSerializer()
    rescore_job = JobSerializer(help_text="The job re-scoring the workspace's assessments.")
