from rest_framework import serializers

from api.serializers.assessments import RatingsSerializer
from api.serializers.weights import WeightFractionsSerializer
from assessments.models import SourcingOption

MAX_ROWS = 10_000


class BulkScoreRequestSerializer(serializers.Serializer):
    """For documentation: the rows are checked by the engine, cell by cell, in one pass."""

    rows = RatingsSerializer(
        many=True, max_length=MAX_ROWS, help_text=f"Up to {MAX_ROWS:,} sets of ratings."
    )
    weights = WeightFractionsSerializer(
        required=False,
        help_text="Criteria weights (normalised to sum 1); default: the product defaults, or "
        "the workspace's when `workspace` is given.",
    )
    workspace = serializers.SlugField(
        required=False, help_text="Score with the weights of this workspace of yours."
    )


class ContributionsSerializer(serializers.Serializer):
    winner = serializers.DictField(child=serializers.FloatField())
    runner_up = serializers.DictField(child=serializers.FloatField())


class BulkScoreRowSerializer(serializers.Serializer):
    score_bpo = serializers.FloatField()
    score_kpo = serializers.FloatField()
    score_ito = serializers.FloatField()
    score_in_house = serializers.FloatField()
    recommendation = serializers.ChoiceField(choices=SourcingOption.choices)
    runner_up = serializers.ChoiceField(choices=SourcingOption.choices)
    margin = serializers.FloatField()
    close_call = serializers.BooleanField()
    explanation = serializers.CharField()
    contributions = ContributionsSerializer()
    model_version = serializers.CharField()


class BulkScoreResponseSerializer(serializers.Serializer):
    weights = WeightFractionsSerializer(help_text="The weights used, summing to 1.")
    model_version = serializers.CharField()
    results = BulkScoreRowSerializer(many=True, help_text="One result per row, in row order.")
