from decimal import Decimal

from django_countries import countries
from rest_framework import serializers

from vendors.models import (
    Certification,
    CertificationKind,
    DeliveryCentre,
    Offering,
    RateCard,
    RateUnit,
    ServiceLine,
    Vendor,
    VendorStatus,
)
from vendors.selectors.matching import SHORTLIST_STATES

# ISO 3166 alpha-2 codes and names, as the catalog's country fields take them.
COUNTRY_CHOICES = list(countries)


class ServiceLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceLine
        fields = ["id", "code", "name", "option", "description"]


class OfferingSerializer(serializers.ModelSerializer):
    service_line = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Offering
        exclude = ["vendor"]


class CentreSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.code")

    class Meta:
        model = DeliveryCentre
        exclude = ["vendor"]


class CertificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Certification
        exclude = ["vendor"]


class RateCardSerializer(serializers.ModelSerializer):
    service_line = serializers.SlugRelatedField(slug_field="code", read_only=True)
    delivery_country = serializers.CharField(source="delivery_country.code")

    class Meta:
        model = RateCard
        exclude = ["vendor"]


class VendorSerializer(serializers.ModelSerializer):
    """A vendor of the shared catalog, with what it offers, where, and its certificates."""

    name = serializers.CharField(read_only=True, help_text="Display name, else legal name.")
    headquarters_country = serializers.CharField(source="headquarters_country.code")
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639-1.")
    offerings = OfferingSerializer(many=True, read_only=True)
    centres = CentreSerializer(many=True, read_only=True)
    certifications = CertificationSerializer(many=True, read_only=True)

    class Meta:
        model = Vendor
        exclude = ["name_key", "website_domain"]


class VendorDetailSerializer(VendorSerializer):
    rate_cards = RateCardSerializer(many=True, read_only=True)


class VendorWriteSerializer(serializers.Serializer):
    """A vendor's details, checked by the same service as the curator pages."""

    legal_name = serializers.CharField(max_length=200)
    display_name = serializers.CharField(max_length=200, allow_blank=True, default="")
    website = serializers.URLField(max_length=300, allow_blank=True, default="")
    headquarters_country = serializers.ChoiceField(choices=COUNTRY_CHOICES)
    description = serializers.CharField(allow_blank=True, default="", max_length=10_000)
    status = serializers.ChoiceField(choices=VendorStatus.choices, default=VendorStatus.PROSPECT)
    languages = serializers.CharField(
        allow_blank=True,
        default="",
        max_length=200,
        help_text="ISO 639-1 codes separated by commas: `en, de, pl`.",
    )
    founded_year = serializers.IntegerField(
        min_value=0, max_value=32767, allow_null=True, default=None
    )
    headcount = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, allow_null=True, default=None
    )
    allow_duplicate = serializers.BooleanField(
        default=False,
        help_text="Save even though it looks like a vendor already in the catalog.",
    )


class VendorStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=VendorStatus.choices)
    reason = serializers.CharField(allow_blank=True, default="", max_length=500)


class CriterionScoreSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.key")
    label = serializers.CharField(source="criterion.label")
    value = serializers.FloatField(help_text="What went into the ranking.")
    shown = serializers.CharField(help_text="How a person reads the value.")
    score = serializers.FloatField(help_text="0–1 within this shortlist; 1 = best.")
    used = serializers.BooleanField(help_text="False when the criterion was left out.")


class VendorRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=VendorStatus.choices)


class CandidateSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    vendor = VendorRefSerializer()
    closeness = serializers.FloatField(help_text="TOPSIS closeness, 0–1; higher is better.")
    capability = serializers.IntegerField()
    annual_cost = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="Workspace currency."
    )
    shore = serializers.CharField()
    shore_country = serializers.CharField()
    certificates = serializers.ListField(child=serializers.CharField())
    notes = serializers.ListField(child=serializers.CharField())
    scores = CriterionScoreSerializer(many=True)


class ExclusionSerializer(serializers.Serializer):
    vendor = VendorRefSerializer()
    reasons = serializers.ListField(child=serializers.CharField())


class ShortlistSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=SHORTLIST_STATES)
    message = serializers.CharField()
    option = serializers.CharField(help_text="The recommendation the shortlist follows.")
    matched_on = serializers.CharField()
    requirements = serializers.ListField(child=serializers.CharField())
    notes = serializers.ListField(child=serializers.CharField())
    dropped = serializers.ListField(
        child=serializers.CharField(), help_text="Criteria left out of the ranking."
    )
    candidates = CandidateSerializer(many=True)
    excluded = ExclusionSerializer(many=True)


class OfferingWriteSerializer(serializers.Serializer):
    service_line = serializers.SlugRelatedField(
        slug_field="code", queryset=ServiceLine.objects.all(), help_text="A service line code."
    )
    capability_level = serializers.IntegerField(
        min_value=1, max_value=5, help_text="1 = can do it, 3 = solid record, 5 = market leader."
    )
    capacity_fte = serializers.DecimalField(
        max_digits=9, decimal_places=1, min_value=0, allow_null=True, default=None
    )


class CentreWriteSerializer(serializers.Serializer):
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES)
    city = serializers.CharField(max_length=100)
    time_zone = serializers.CharField(max_length=64, help_text="IANA name, e.g. Asia/Kolkata.")
    headcount = serializers.IntegerField(
        min_value=0, max_value=2_147_483_647, allow_null=True, default=None
    )


class CertificationWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CertificationKind.choices)
    issued_on = serializers.DateField()
    expires_on = serializers.DateField(allow_null=True, default=None)
    number = serializers.CharField(max_length=100, allow_blank=True, default="")
    issuer = serializers.CharField(max_length=200, allow_blank=True, default="")


class RateCardWriteSerializer(serializers.Serializer):
    service_line = serializers.SlugRelatedField(
        slug_field="code", queryset=ServiceLine.objects.all(), help_text="A service line code."
    )
    delivery_country = serializers.ChoiceField(choices=COUNTRY_CHOICES)
    currency = serializers.CharField(max_length=3, help_text="ISO 4217 code.")
    unit = serializers.ChoiceField(choices=RateUnit.choices)
    rate = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"))
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True, default=None)
