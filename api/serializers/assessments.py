from rest_framework import serializers

from assessments import scoring
from assessments.models import FACTOR_FIELDS, Assessment


class RatingsSerializer(serializers.Serializer):
    """The eight factor ratings, each a whole number from 1 to 5."""

    def get_fields(self):
        fields = super().get_fields()
        for key in FACTOR_FIELDS:
            info = scoring.FACTOR_INFO[key]
            fields[key] = serializers.IntegerField(
                min_value=1,
                max_value=5,
                help_text=f"{info.label}: {info.help_text} 1 = {info.anchors[0]}; "
                f"5 = {info.anchors[4]}.",
            )
        return fields


class AssessmentCreateSerializer(RatingsSerializer):
    notes = serializers.CharField(allow_blank=True, default="", max_length=10_000)


class AssessmentSerializer(serializers.ModelSerializer):
    """An assessment: the ratings and everything the engine made of them.

    Every field of the model is listed, so what the engine adds appears here too.
    """

    assessor = serializers.SlugRelatedField(slug_field="email", read_only=True, allow_null=True)
    contributions = serializers.JSONField(
        help_text="Each factor's points in the winner's and the runner-up's score: "
        "`{winner: {factor: points}, runner_up: {factor: points}}`; 50 + the points = score."
    )
    weights = serializers.JSONField(
        help_text="The criteria weights (fractions summing to 1) it was scored with."
    )

    class Meta:
        model = Assessment
        fields = "__all__"


class WeightIntervalSerializer(serializers.Serializer):
    criterion = serializers.ChoiceField(choices=scoring.CRITERIA)
    label = serializers.CharField()
    current = serializers.FloatField(help_text="The weight in use (0 to 1).")
    low = serializers.FloatField(help_text="The lowest weight that keeps the recommendation.")
    high = serializers.FloatField(help_text="The highest weight that keeps the recommendation.")


class AssessmentResultSerializer(serializers.Serializer):
    """A function's current result and how robust it is."""

    assessment = AssessmentSerializer()
    weight_intervals = WeightIntervalSerializer(
        many=True,
        help_text="Per criterion, the range of its weight (others rescaled) in which the "
        "recommendation stays the same.",
    )
    robustness = serializers.FloatField(
        allow_null=True,
        help_text="Share of randomly perturbed weightings (±20 %) that keep the recommendation.",
    )
