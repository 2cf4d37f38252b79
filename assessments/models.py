from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from assessments.scoring import FACTORS
from outsourcing.models import BusinessFunction, SourcingOption, Workspace

__all__ = [
    "FACTOR_FIELDS",
    "Assessment",
    "CriteriaWeights",
    "SourcingOption",
]

# The eight factors in docs/domain.md's canonical order: each is a field of Assessment.
FACTOR_FIELDS = FACTORS


def _rating_field():
    return models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])


class Assessment(models.Model):
    """One rating of a function on the eight factors, and what the engine made of it.

    Re-assessing adds a row; the function points at its latest. When a workspace's
    weights change, the latest assessments are re-scored in place (`scored_at` moves).
    """

    function = models.ForeignKey(
        BusinessFunction, on_delete=models.CASCADE, related_name="assessments"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)
    notes = models.TextField(blank=True)

    strategic_importance = _rating_field()
    cost_saving_potential = _rating_field()
    repetitiveness = _rating_field()
    expertise_required = _rating_field()
    technology_intensity = _rating_field()
    control_need = _rating_field()
    data_sensitivity = _rating_field()
    demand_variability = _rating_field()

    score_bpo = models.FloatField()
    score_kpo = models.FloatField()
    score_ito = models.FloatField()
    score_in_house = models.FloatField()
    recommendation = models.CharField(max_length=8, choices=SourcingOption.choices)
    runner_up = models.CharField(max_length=8, choices=SourcingOption.choices)
    margin = models.FloatField()
    close_call = models.BooleanField()
    explanation = models.TextField()
    contributions = models.JSONField(help_text="Factor contributions to winner and runner-up.")
    weights = models.JSONField(help_text="The criteria weights the scores were computed with.")
    model_version = models.CharField(max_length=40)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_at", "-pk"]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"assessment_{name}_1_to_5",
                )
                for name in FACTOR_FIELDS
            ),
            models.CheckConstraint(
                condition=models.Q(recommendation__in=SourcingOption.values),
                name="assessment_recommendation_valid",
            ),
        ]
        indexes = [models.Index(fields=["function", "-assessed_at"])]

    def __str__(self) -> str:
        return f"{self.function} → {self.recommendation} ({self.assessed_at:%Y-%m-%d})"

    @property
    def ratings(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in FACTOR_FIELDS}

    @property
    def score_for_recommendation(self) -> float:
        return self.scores[self.recommendation]

    @property
    def scores(self) -> dict[str, float]:
        return {
            SourcingOption.BPO: self.score_bpo,
            SourcingOption.KPO: self.score_kpo,
            SourcingOption.ITO: self.score_ito,
            SourcingOption.IN_HOUSE: self.score_in_house,
        }


class CriteriaWeights(models.Model):
    """A workspace's criteria weights (fractions summing to 1), entered or derived by AHP."""

    class Method(models.TextChoices):
        DEFAULT = "default", "Product defaults"
        DIRECT = "direct", "Entered directly"
        AHP = "ahp", "AHP pairwise comparison"

    workspace = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="criteria_weights"
    )
    weights = models.JSONField()
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.DEFAULT)
    ahp_judgements = models.JSONField(null=True, blank=True)
    consistency_ratio = models.FloatField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Every saved version, with who saved it: the weights page lists the changes from it.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name_plural = "criteria weights"

    def __str__(self) -> str:
        return f"Weights of {self.workspace}"
