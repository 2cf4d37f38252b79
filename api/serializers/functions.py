from rest_framework import serializers

from assessments.models import Assessment
from outsourcing.models import BusinessFunction, CurrentSourcing
from vendors.models import ServiceLine


class AssessmentSummarySerializer(serializers.ModelSerializer):
    """The current recommendation, as the function list shows it."""

    class Meta:
        model = Assessment
        fields = [
            "id",
            "recommendation",
            "runner_up",
            "margin",
            "close_call",
            "flips",
            "assessed_at",
            "model_version",
        ]


class BusinessFunctionSerializer(serializers.ModelSerializer):
    department = serializers.CharField(
        source="department.name", allow_null=True, help_text="Its department's name, if any."
    )
    service_line = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="The service line code it would be bought as (see /api/v1/service-lines/).",
    )
    latest_assessment = AssessmentSummarySerializer(
        read_only=True, allow_null=True, help_text="Null until it is assessed."
    )

    class Meta:
        model = BusinessFunction
        fields = [
            "id",
            "name",
            "department",
            "description",
            "annual_cost",
            "fte",
            "monthly_volume",
            "service_line",
            "current_sourcing",
            "is_archived",
            "latest_assessment",
            "created_at",
            "updated_at",
        ]


class BusinessFunctionWriteSerializer(serializers.Serializer):
    """A function's details; the same rules as the function form (`function_update`)."""

    name = serializers.CharField(max_length=200, help_text="Unique in the workspace, any case.")
    department = serializers.CharField(
        max_length=100,
        allow_blank=True,
        default="",
        help_text="A department name; a new one is created. Blank for none.",
    )
    description = serializers.CharField(allow_blank=True, default="", max_length=10_000)
    annual_cost = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        min_value=0,
        allow_null=True,
        default=None,
        help_text="Annual in-house cost in the workspace currency.",
    )
    fte = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, allow_null=True, default=None
    )
    monthly_volume = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, allow_null=True, default=None
    )
    service_line = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ServiceLine.objects.all(),
        allow_null=True,
        default=None,
        help_text="A service line code (see /api/v1/service-lines/).",
    )
    current_sourcing = serializers.ChoiceField(
        choices=CurrentSourcing.choices, default=CurrentSourcing.IN_HOUSE
    )
