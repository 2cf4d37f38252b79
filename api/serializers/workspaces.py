from rest_framework import serializers

from outsourcing.models import Membership, Role


class WorkspaceSerializer(serializers.ModelSerializer):
    """A workspace you are a member of, and your role in it."""

    slug = serializers.SlugField(source="workspace.slug", help_text="Its id in every URL.")
    name = serializers.CharField(source="workspace.name")
    country = serializers.CharField(
        source="workspace.country.code", help_text="Home country (ISO 3166 alpha-2): onshore."
    )
    currency = serializers.CharField(
        source="workspace.currency", help_text="ISO 4217 code of every amount in it."
    )
    role = serializers.ChoiceField(choices=Role.choices, help_text="Your role in it.")

    class Meta:
        model = Membership
        fields = ["slug", "name", "country", "currency", "role"]
