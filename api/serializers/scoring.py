from rest_framework import serializers

from api.serializers.assessments import RatingsSerializer
from api.serializers.weights import WeightFractionsSerializer
from assessments.models import Recommendation, SourcingOption
from assessments.scoring import FACTORS
from assessments.scoring.columns import FLIP_COLUMNS

MAX_ROWS = 10_000
#: What a flip__ column may hold: the outcome the step would give, or "" when it changes nothing.
FLIP_OUTCOMES = [*Recommendation.choices, ("", "No change")]


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
    explain = serializers.BooleanField(
        default=False, help_text="Add each row's explanation in words (slower)."
    )


class BulkScoreRowSerializer(serializers.Serializer):
    """One row of the engine's `score_batch` table."""

    score_bpo = serializers.FloatField(help_text="0–100")
    score_kpo = serializers.FloatField(help_text="0–100")
    score_ito = serializers.FloatField(help_text="0–100")
    score_in_house = serializers.FloatField(help_text="0–100")
    recommendation = serializers.ChoiceField(
        choices=Recommendation.choices,
        help_text="An option, or NO_CALL (no clear call) when the two best are under 1 point "
        "apart.",
    )
    leader = serializers.ChoiceField(
        choices=SourcingOption.choices, help_text="The best-scoring option."
    )
    runner_up = serializers.ChoiceField(choices=SourcingOption.choices)
    margin = serializers.FloatField(help_text="Points between the leader and the runner-up.")
    close_call = serializers.BooleanField(
        help_text="A clear call that one single-step rating change (a flip__ column) overturns."
    )
    model_version = serializers.CharField()
    explanation = serializers.CharField(required=False, help_text="Only with `explain`.")

    def get_fields(self):
        fields = super().get_fields()
        for factor in FACTORS:
            for side, whose in (("winner", "the winner's"), ("runner_up", "the runner-up's")):
                fields[f"contrib_{side}__{factor}"] = serializers.FloatField(
                    help_text=f"Points {factor} adds to {whose} score (50 + all = score)."
                )
        for column in FLIP_COLUMNS:
            fields[column] = serializers.ChoiceField(
                choices=FLIP_OUTCOMES,
                allow_blank=True,
                help_text="What the result would become with that factor one step up (or "
                "down); empty when it would not change.",
            )
        return fields


class BulkScoreResponseSerializer(serializers.Serializer):
    weights = WeightFractionsSerializer(help_text="The weights used, summing to 1.")
    model_version = serializers.CharField()
    results = BulkScoreRowSerializer(many=True, help_text="One result per row, in row order.")
